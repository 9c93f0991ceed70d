/**
 * Writes a stop's tabletop miniature (tabletop-model.ts) as the two files phones open in their own
 * AR viewers: a USDZ for AR Quick Look (iPhone, iPad), made by three.js's USDZExporter, and a plain
 * GLB for Scene Viewer (Android without WebXR), made by glTF-Transform. Both hold the same meshes,
 * materials and size.
 *
 * The exporter needs a canvas only for textures; the miniature has none (its colours are material
 * colours), so it runs in Node as it is.
 */
import { Document, NodeIO } from '@gltf-transform/core'
import {
  BufferGeometry,
  Float32BufferAttribute,
  Group,
  Mesh,
  MeshStandardMaterial,
  Uint32BufferAttribute,
} from 'three'
import { USDZExporter } from 'three/examples/jsm/exporters/USDZExporter.js'
import type { TabletopGroup, TabletopModel } from './tabletop-model'

function geometryOf(g: TabletopGroup): BufferGeometry {
  const geometry = new BufferGeometry()
  geometry.setAttribute('position', new Float32BufferAttribute(g.positions, 3))
  geometry.setAttribute('normal', new Float32BufferAttribute(g.normals, 3))
  geometry.setIndex(new Uint32BufferAttribute(g.indices, 1))
  return geometry
}

function sceneOf(model: TabletopModel): Group {
  const root = new Group()
  root.name = 'Site'
  for (const g of model.groups) {
    const material = new MeshStandardMaterial({
      name: g.name,
      roughness: g.roughness,
      metalness: g.metallic,
      transparent: g.opacity < 1,
      opacity: g.opacity,
    })
    // Linear values, as stored: setRGB takes the working (linear) colour space by default.
    material.color.setRGB(...g.color)
    const mesh = new Mesh(geometryOf(g), material)
    mesh.name = g.name.replace(/-/g, '_')
    root.add(mesh)
  }
  return root
}

/** The USDZ: metres, +Y up, anchored to a horizontal plane (a table) when Quick Look opens it. */
export async function toUsdz(model: TabletopModel): Promise<Uint8Array> {
  const scene = sceneOf(model)
  try {
    const bytes = await new USDZExporter().parseAsync(scene, {
      quickLookCompatible: true,
      includeAnchoringProperties: true,
      ar: { anchoring: { type: 'plane' }, planeAnchoring: { alignment: 'horizontal' } },
    })
    return new Uint8Array(bytes)
  } finally {
    scene.traverse((o) => {
      if (o instanceof Mesh) {
        o.geometry.dispose()
        ;(o.material as MeshStandardMaterial).dispose()
      }
    })
  }
}

/** The GLB for Scene Viewer: the same meshes, uncompressed (Scene Viewer decodes no meshopt). */
export async function toGlb(model: TabletopModel): Promise<Uint8Array> {
  const doc = new Document()
  const buffer = doc.createBuffer()
  const scene = doc.createScene('Site')
  for (const g of model.groups) {
    const material = doc
      .createMaterial(g.name)
      .setBaseColorFactor([...g.color, g.opacity])
      .setRoughnessFactor(g.roughness)
      .setMetallicFactor(g.metallic)
      .setAlphaMode(g.opacity < 1 ? 'BLEND' : 'OPAQUE')
    const prim = doc
      .createPrimitive()
      .setMaterial(material)
      .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(g.positions).setBuffer(buffer))
      .setAttribute('NORMAL', doc.createAccessor().setType('VEC3').setArray(g.normals).setBuffer(buffer))
      .setIndices(doc.createAccessor().setType('SCALAR').setArray(g.indices).setBuffer(buffer))
    scene.addChild(doc.createNode(g.name).setMesh(doc.createMesh(g.name).addPrimitive(prim)))
  }
  doc.getRoot().setDefaultScene(scene)
  return new NodeIO().writeBinary(doc)
}
