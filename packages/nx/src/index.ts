/** The @pyrel/nx Nx plugin: infers Python projects and their release targets. */
export { createNodes, createNodes as createNodesV2 } from './graph/create-nodes';
export { createDependencies } from './graph/create-dependencies';
export type { PyrelPluginOptions, RepositoryConfig } from './core/plugin-options';
