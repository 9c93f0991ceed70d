// Loaded only when a glTF declares KHR_draco_mesh_compression (see model-loading.ts).
export { DRACOLoader } from 'three-stdlib'
