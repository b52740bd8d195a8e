import { readdirSync, rmSync, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { venvExecutable } from './cache-dir';
import { run } from './run';
import { ensureToolEnv } from './tool-env';
import { pinnedRequirement } from './tool-versions';

export interface Artifact {
  /** Absolute path. */
  path: string;
  fileName: string;
  size: number;
}

const isDistribution = (fileName: string) => fileName.endsWith('.whl') || fileName.endsWith('.tar.gz');

/** The sdists and wheels in a directory, sorted by name (sdist before wheel for the same version). */
export function listArtifacts(dir: string): Artifact[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter(isDistribution)
    .sort()
    .map((fileName) => ({ path: join(dir, fileName), fileName, size: statSync(join(dir, fileName)).size }));
}

/** `uv build` (default), pypa `build` (`python -m build`), or `maturin build` for maturin projects. */
const BUILDERS = ['uv', 'build', 'maturin'] as const;
export type Builder = (typeof BUILDERS)[number];

/** The command each builder runs, for messages. */
export const BUILDER_COMMANDS: Record<Builder, string> = { uv: 'uv build', build: 'python -m build', maturin: 'maturin build' };

export interface BuildRequest {
  uv: string;
  /** The workspace tool cache, where pypa build and maturin get their pinned environments. */
  cacheDir: string;
  builder: Builder;
  projectDir: string;
  /** The project as messages name it (its workspace-relative root). */
  projectLabel: string;
  outDir: string;
  env: NodeJS.ProcessEnv;
  /** maturin only: `--compatibility` (manylinux policy) and `--target` (Rust target triple). */
  compatibility?: string;
  target?: string;
}

/**
 * What earlier builds leave in the project that a new build could pick up: setuptools' `build/`
 * and `*.egg-info` (in the project and under `src/`).
 */
function removeBuildLeftovers(projectDir: string): void {
  rmSync(join(projectDir, 'build'), { recursive: true, force: true });
  for (const dir of [projectDir, join(projectDir, 'src')]) {
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names.filter((n) => n.endsWith('.egg-info'))) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

/** The command line of a builder: uv itself, or the pinned tool's own environment. */
async function builderCommand(request: BuildRequest): Promise<[string, string[]]> {
  const { uv, cacheDir, env, builder, outDir, projectDir, compatibility, target } = request;
  const toolPython = (tool: 'build' | 'maturin') => ensureToolEnv({ uv, cacheDir, requirement: pinnedRequirement(tool), env });
  switch (builder) {
    case 'uv':
      // `--out-dir` matters: inside a uv workspace uv would otherwise write to the workspace root.
      return [uv, ['build', '--no-progress', '--out-dir', outDir]];
    case 'build':
      return [await toolPython('build'), ['-m', 'build', '--installer', 'uv', '--outdir', outDir, projectDir]];
    case 'maturin':
      return [
        venvExecutable(dirname(dirname(await toolPython('maturin'))), 'maturin'),
        ['build', '--release', '--sdist', '--out', outDir, ...(compatibility ? ['--compatibility', compatibility] : []), ...(target ? ['--target', target] : [])],
      ];
  }
}

/**
 * Builds one project's sdist and wheel(s) into `outDir`, emptied first (with the leftovers above)
 * so only this build's files remain. pypa build and maturin run from pinned tool environments
 * (made once with our uv; `uv tool run` would ask the index for updates on every build), with
 * our uv on PATH for `--installer uv`.
 */
export async function buildDistributions(request: BuildRequest): Promise<Artifact[]> {
  const { uv, builder, projectDir, projectLabel, outDir, env } = request;
  rmSync(outDir, { recursive: true, force: true });
  removeBuildLeftovers(projectDir);
  const [command, args] = await builderCommand(request);
  await run(command, args, {
    cwd: projectDir,
    env: { ...env, PATH: `${dirname(uv)}${delimiter}${env.PATH ?? ''}` },
    echo: true,
    hint: `The ${BUILDER_COMMANDS[builder]} of ${projectLabel} failed: read the build backend's error above, fix pyproject.toml or the sources, and run again.`,
  });
  return listArtifacts(outDir);
}
