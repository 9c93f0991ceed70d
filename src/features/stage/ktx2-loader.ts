// Loaded only when a glTF declares KHR_texture_basisu (see model-loading.ts): the KTX2 loader and
// its zstd decoder are ~22 KB gzip that no model without KTX2 textures should pay for.
export { KTX2Loader } from 'three-stdlib'
