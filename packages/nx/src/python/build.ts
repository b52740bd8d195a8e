import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './run';

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

export interface UvBuildRequest {
  uv: string;
  projectDir: string;
  outDir: string;
  env: NodeJS.ProcessEnv;
}

/**
 * `uv build` of one project into `outDir`, emptied first so only this build's files remain.
 * `--out-dir` matters: inside a uv workspace uv would otherwise write to the workspace root.
 */
export async function buildWithUv({ uv, projectDir, outDir, env }: UvBuildRequest): Promise<Artifact[]> {
  rmSync(outDir, { recursive: true, force: true });
  await run(uv, ['build', '--no-progress', '--out-dir', outDir], {
    cwd: projectDir,
    env,
    echo: true,
    hint: `uv build failed in ${projectDir}: read the build backend's error above, fix pyproject.toml or the sources, and run again.`,
  });
  return listArtifacts(outDir);
}
