import { output, type ExecutorContext, type NxJsonConfiguration } from '@nx/devkit';
import { join } from 'node:path';
import { PyrelError } from '../core/errors';
import { pluginOptionsFromNxJson } from '../core/plugin-options';
import { redact, secretsFromEnv } from '../core/redact';
import { pyrelCacheDir } from '../python/cache-dir';
import { resolveUv } from '../python/uv';
import { versionedProject, type PythonProject, type VersionedProject } from '../version/project-facts';

export interface ProjectUnderTask {
  name: string;
  /** Absolute path of the project root. */
  dir: string;
  /** Workspace-relative project root, for messages. */
  root: string;
}

export function projectUnderTask(context: ExecutorContext): ProjectUnderTask {
  const name = context.projectName;
  const project = name ? context.projectsConfigurations.projects[name] : undefined;
  if (!name || !project) throw new PyrelError('This executor must run as a target of a project.', ['Run it as `nx run <project>:<target>`.']);
  return { name, dir: join(context.root, project.root), root: project.root };
}

/** The Python project (inferred by @pyrel/nx from a pyproject.toml) the task runs on. */
export function pythonProjectUnderTask(context: ExecutorContext): PythonProject {
  const { name } = projectUnderTask(context);
  const project = versionedProject(name, context.projectsConfigurations.projects[name]);
  if (!project?.pyproject || !project.distribution) {
    throw new PyrelError(`${name} is not a Python project inferred by @pyrel/nx.`, ['Run this target on a project with a pyproject.toml that has a [project] table.']);
  }
  return { ...project, pyproject: project.pyproject, distribution: project.distribution };
}

/** Projects that depend on `name` in the graph and are versioned by us (their pins follow its version). */
export function dependentsOf(context: ExecutorContext, name: string): VersionedProject[] {
  return Object.entries(context.projectGraph.dependencies)
    .filter(([source, deps]) => source !== name && deps.some((d) => d.target === name))
    .map(([source]) => versionedProject(source, context.projectsConfigurations.projects[source]))
    .filter((p): p is VersionedProject => p !== null);
}

/** The uv executable for a workspace, bootstrapping it on first use. */
export function uvForWorkspace(root: string, nxJson: NxJsonConfiguration | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  return resolveUv({
    uvPath: pluginOptionsFromNxJson(nxJson).uvPath,
    env,
    cacheDir: pyrelCacheDir(root, env),
    onBootstrap: (message) => output.log({ title: message }),
  });
}

export const uvFor = (context: ExecutorContext, env: NodeJS.ProcessEnv) => uvForWorkspace(context.root, context.nxJsonConfiguration, env);

/** uv and the workspace tool cache where pinned Python tools (build, twine, maturin) live. */
export async function pythonToolsFor(context: ExecutorContext, env: NodeJS.ProcessEnv): Promise<{ uv: string; cacheDir: string }> {
  return { uv: await uvFor(context, env), cacheDir: pyrelCacheDir(context.root, env) };
}

/**
 * Runs an executor body and turns a failure into Nx's error output and `{ success: false }`: a
 * PyrelError shows its own title and advice, anything else its message; both redacted.
 */
export async function reportFailures(body: () => Promise<void>): Promise<{ success: boolean }> {
  try {
    await body();
    return { success: true };
  } catch (error) {
    const secrets = secretsFromEnv(process.env);
    if (error instanceof PyrelError) {
      output.error({ title: redact(error.title, secrets), bodyLines: error.bodyLines.map((line) => redact(line, secrets)) });
    } else {
      output.error({ title: redact(error instanceof Error ? error.message : String(error), secrets) });
    }
    return { success: false };
  }
}
