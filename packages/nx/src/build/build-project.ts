import { logger, type ProjectGraph } from '@nx/devkit';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PyrelError } from '../core/errors';
import { hasLongDescription } from '../core/core-metadata';
import { formatBytes } from '../core/format';
import { readPyproject } from '../core/pyproject';
import { topLevelModules } from '../core/wheel-contents';
import { lastCommitTimestamp } from '../git/git';
import { BUILDER_COMMANDS, buildDistributions, type Artifact, type Builder } from '../python/build';
import { smokeTest } from '../python/smoke';
import { twineCheck } from '../python/twine-check';
import { findOnPath } from '../python/which';
import { diskFiles } from '../version/disk-files';
import type { PythonProject } from '../version/project-facts';
import { currentVersion, findVersionSources } from '../version/version-sources';
import { checkBuiltFiles, type DeclaredRelease } from './check-built-files';

/** The build-wheel options (executor schema), also used when publish has to build first. */
export interface BuildOptions {
  builder?: Builder;
  smoke?: boolean;
  compatibility?: string;
  target?: string;
  allowTopLevel?: string[];
  skipChecks?: boolean;
}

export interface BuildProjectRequest {
  workspaceRoot: string;
  project: PythonProject;
  projectGraph: ProjectGraph;
  uv: string;
  /** The workspace tool cache (pinned Python tools). */
  cacheDir: string;
  options: BuildOptions;
  env: NodeJS.ProcessEnv;
}

function preflight({ workspaceRoot, project, options, env }: BuildProjectRequest): Builder {
  const manifest = readPyproject(readFileSync(join(workspaceRoot, project.pyproject), 'utf8'), project.pyproject);
  if (!manifest.buildBackend) {
    throw new PyrelError(`${project.pyproject} has no [build-system] build-backend.`, [
      'Declare the backend that builds this project, for example:',
      '  [build-system]',
      '  requires = ["hatchling"]',
      '  build-backend = "hatchling.build"',
      'Without one, build frontends silently fall back to legacy setuptools.',
    ]);
  }
  const builder = options.builder ?? 'uv';
  if (builder === 'maturin' && !project.cargoManifest) {
    throw new PyrelError(`builder "maturin" needs a maturin project, and ${project.name} has no Cargo.toml.`, ['Use builder "uv" (default) or "build" for this project.']);
  }
  if (builder !== 'maturin' && (options.compatibility || options.target)) {
    throw new PyrelError('The compatibility and target options apply to builder "maturin" only.', [
      `Set builder: "maturin" on ${project.name}'s build-wheel target (maturin build --release --sdist), or drop them.`,
    ]);
  }
  if (project.cargoManifest && !findOnPath('cargo', env)) {
    throw new PyrelError(`cargo was not found on PATH, and ${project.name} is a maturin project: building it compiles Rust.`, [
      'Install a Rust toolchain with rustup (https://rustup.rs: curl --proto \'=https\' --tlsv1.2 -sSf https://sh.rustup.rs | sh)',
      'or your system packages (apt install cargo), open a new shell so cargo is on PATH, and run again.',
    ]);
  }
  return builder;
}

/** Projects the given one depends on, directly or not, by graph edges. */
function dependencyClosure(graph: ProjectGraph, name: string): string[] {
  const seen = new Set<string>();
  const queue = [name];
  while (queue.length > 0) {
    for (const edge of graph.dependencies[queue.shift() as string] ?? []) {
      if (!seen.has(edge.target) && graph.nodes[edge.target]) {
        seen.add(edge.target);
        queue.push(edge.target);
      }
    }
  }
  return [...seen];
}

/**
 * One project's build, end to end: refuse bad input before spending time (no backend, no cargo
 * for Rust, disagreeing version sources), build with SOURCE_DATE_EPOCH from the last commit so
 * rebuilds are byte-identical, check what came out, and optionally smoke-test the wheel.
 */
export async function buildProject(request: BuildProjectRequest): Promise<Artifact[]> {
  const { workspaceRoot, project, projectGraph, uv, cacheDir, options } = request;
  const builder = preflight(request);
  const sources = findVersionSources(project, diskFiles(workspaceRoot));
  const release: DeclaredRelease = { distribution: project.distribution, version: sources.length ? currentVersion(project, sources) : null, sources };

  const epoch = request.env.SOURCE_DATE_EPOCH ?? (await lastCommitTimestamp(workspaceRoot))?.toString();
  const env = epoch ? { ...request.env, SOURCE_DATE_EPOCH: epoch } : request.env;
  const projectDir = join(workspaceRoot, project.root);
  const outDir = join(projectDir, 'dist');
  const { compatibility, target } = options;
  const flags = [compatibility && `--compatibility ${compatibility}`, target && `--target ${target}`].filter(Boolean).join(' ');
  logger.info(`Building ${project.name} with ${BUILDER_COMMANDS[builder]}${flags ? ` ${flags}` : ''} into ${relative(workspaceRoot, outDir)}${epoch ? ` (SOURCE_DATE_EPOCH=${epoch})` : ''}`);
  const artifacts = await buildDistributions({ uv, cacheDir, builder, projectDir, projectLabel: project.root, outDir, env, compatibility, target });
  for (const artifact of artifacts) logger.info(`  built ${artifact.fileName} (${formatBytes(artifact.size)})`);
  if (options.skipChecks) return artifacts;

  const wheels = checkBuiltFiles({ artifacts, release, allowTopLevel: options.allowTopLevel ?? [], workspaceRoot });
  // --strict fails a package without a long description; PyPI takes those, so that is a warning here.
  const described = wheels.every((wheel) => hasLongDescription(wheel.metadata));
  await twineCheck({ uv, cacheDir, files: artifacts.map((a) => a.path), strict: described, cwd: projectDir, env });
  if (!described) logger.warn(`  ${project.name} has no long description: its PyPI page will be empty. Add readme = "README.md" to [project] in ${project.pyproject}.`);
  const versionNote = release.version === null ? 'version computed by the build backend' : `version ${release.version} = ${release.sources.map((s) => s.source.file).join(', ')}`;
  logger.info(`  checked: twine check${described ? ' --strict' : ''}, wheel contents, ${versionNote}`);

  if (options.smoke) {
    if (options.target) {
      logger.info(`  smoke: skipped, the wheel is built for ${options.target}`);
    } else {
      const findLinks = dependencyClosure(projectGraph, project.name)
        .map((dep) => join(workspaceRoot, projectGraph.nodes[dep].data.root, 'dist'))
        .filter((dir) => existsSync(dir));
      for (const wheel of wheels) {
        await smokeTest({
          uv,
          install: [...findLinks.flatMap((dir) => ['--find-links', dir]), wheel.path],
          installed: wheel.fileName,
          installHint: 'The wheel did not install. If it depends on other workspace packages, build them first (nx run-many -t build-wheel); their dist/ folders are offered to the installer.',
          modules: topLevelModules(wheel.entries),
          scripts: wheel.consoleScripts,
          cwd: projectDir,
          env,
          report: (line) => logger.info(`  ${line}`),
        });
      }
    }
  }
  return artifacts;
}
