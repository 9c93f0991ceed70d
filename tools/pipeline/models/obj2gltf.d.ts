/** The part of obj2gltf (Cesium's OBJ converter, untyped) the importer uses. */
declare module 'obj2gltf' {
  interface Options {
    /** Return a GLB Buffer instead of a glTF JSON object. */
    binary?: boolean
    /** Read nothing outside the OBJ's folder. */
    secure?: boolean
    /** Receives warnings (missing textures, unsupported statements) instead of console.log. */
    logger?: (message: string) => void
    inputUpAxis?: 'X' | 'Y' | 'Z'
    outputUpAxis?: 'X' | 'Y' | 'Z'
  }
  export default function obj2gltf(objPath: string, options?: Options): Promise<Buffer | object>
}
