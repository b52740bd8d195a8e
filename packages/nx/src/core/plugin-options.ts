import type { NxJsonConfiguration } from '@nx/devkit';

export const PLUGIN_NAME = '@pyrel/nx';

/** A package index we can upload to (`url`) and read from (`indexUrl`, the PEP 503 simple index). */
export interface RepositoryConfig {
  url: string;
  indexUrl?: string;
}

/** Options of the `@pyrel/nx` entry in nx.json `plugins`, as a user writes them. */
export interface PyrelPluginOptions {
  versionTargetName?: string;
  buildWheelTargetName?: string;
  publishTargetName?: string;
  /** The target that runs pytest, on projects that configure it in pyproject.toml. */
  testTargetName?: string;
  /** Repository for stable versions: a name from `repositories`, `pypi`, `testpypi`, or a URL. */
  repository?: string;
  /** Repository for pre-releases. */
  prereleaseRepository?: string;
  repositories?: Record<string, RepositoryConfig>;
  /** Path of the uv executable; otherwise env PYREL_UV, PATH, then a bootstrapped copy. */
  uvPath?: string;
}

export type NormalizedPluginOptions = Required<Omit<PyrelPluginOptions, 'uvPath'>> & Pick<PyrelPluginOptions, 'uvPath'>;

export function normalizePluginOptions(options: PyrelPluginOptions | undefined): NormalizedPluginOptions {
  return {
    versionTargetName: options?.versionTargetName ?? 'version',
    buildWheelTargetName: options?.buildWheelTargetName ?? 'build-wheel',
    publishTargetName: options?.publishTargetName ?? 'publish',
    testTargetName: options?.testTargetName ?? 'test',
    repository: options?.repository ?? 'pypi',
    prereleaseRepository: options?.prereleaseRepository ?? 'testpypi',
    repositories: options?.repositories ?? {},
    uvPath: options?.uvPath,
  };
}

/**
 * The options of our plugin entry in nx.json, normalised. Executors read them here rather than
 * from their own target options because repositories and tool paths are workspace settings.
 */
export function pluginOptionsFromNxJson(nxJson: NxJsonConfiguration | undefined): NormalizedPluginOptions {
  const entry = nxJson?.plugins?.find((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN_NAME);
  const options = entry && typeof entry !== 'string' ? (entry.options as PyrelPluginOptions | undefined) : undefined;
  return normalizePluginOptions(options);
}
