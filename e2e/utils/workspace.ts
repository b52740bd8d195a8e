import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { runCommand, type CommandOptions, type CommandResult } from './commands';
import { NX_VERSION, PLUGIN_TARBALL, SHARED_TOOL_CACHE } from './paths';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Installs nx and the packed plugin into `dir` the way a user does (`npm i -D <tarball>`). The e2e
 * suites do it once into a template whose node_modules every test workspace links to; the demo
 * does it into its own workspace.
 */
export function installNxAndPlugin(dir: string, nxVersion = NX_VERSION): void {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'package.json'))) {
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: basename(dir), private: true }, null, 2)}\n`);
  }
  runCommand(npm, ['install', '--no-audit', '--no-fund', '--save-dev', `nx@${nxVersion}`, PLUGIN_TARBALL], { cwd: dir });
}

export interface Workspace {
  root: string;
  /** The environment every command in this workspace runs with. */
  env: NodeJS.ProcessEnv;
  write(files: Record<string, string>): void;
  read(path: string): string;
  readJson<T = Record<string, unknown>>(path: string): T;
  updateJson<T = Record<string, unknown>>(path: string, update: (value: T) => T): void;
  /** Runs the workspace's own nx CLI. */
  nx(args: readonly string[], options?: Partial<CommandOptions>): CommandResult;
  run(command: string, args: readonly string[], options?: Partial<CommandOptions>): CommandResult;
  /** Commits everything, so `nx affected` has a base. */
  commit(message: string): void;
  remove(): void;
}

/** Nx without the daemon, cloud, TUI or prompts: each command reads the workspace from scratch, as in CI. */
function workspaceEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    NX_INTERACTIVE: 'false',
    NX_SKIP_NX_CACHE: undefined,
    PYREL_CACHE_DIR: SHARED_TOOL_CACHE,
    FORCE_COLOR: '0',
    GIT_AUTHOR_NAME: 'pyrel e2e',
    GIT_AUTHOR_EMAIL: 'e2e@pyrel.invalid',
    GIT_COMMITTER_NAME: 'pyrel e2e',
    GIT_COMMITTER_EMAIL: 'e2e@pyrel.invalid',
  };
}

/** The nx CLI entry point, from nx's own package.json (its location moved between majors). */
function nxBin(root: string): string {
  const nxDir = join(root, 'node_modules', 'nx');
  const { bin } = JSON.parse(readFileSync(join(nxDir, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  return join(nxDir, bin.nx);
}

/** The workspace conventions every e2e workspace and the demo start from. */
export const WORKSPACE_FILES: Record<string, string> = {
  'nx.json': `${JSON.stringify({ $schema: './node_modules/nx/schemas/nx-schema.json' }, null, 2)}\n`,
  '.gitignore': ['node_modules', 'dist', '.nx/cache', '.nx/workspace-data', '.venv*', '__pycache__', 'tmp', 'target', ''].join('\n'),
};

/** Commands and file helpers for an Nx workspace at `root` that already has nx installed (or linked). */
export function openWorkspace(root: string): Workspace {
  const env = workspaceEnv();
  const write = (files: Record<string, string>) => {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
  };
  const run = (command: string, args: readonly string[], options: Partial<CommandOptions> = {}) =>
    runCommand(command, args, { cwd: root, ...options, env: { ...env, ...options.env } });
  const readJson = <T>(path: string) => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;
  return {
    root,
    env,
    write,
    read: (path) => readFileSync(join(root, path), 'utf8'),
    readJson,
    updateJson: <T>(path: string, update: (value: T) => T) => writeFileSync(join(root, path), `${JSON.stringify(update(readJson<T>(path)), null, 2)}\n`),
    nx: (args, options) => run(process.execPath, [nxBin(root), ...args], options),
    run,
    commit: (message) => {
      if (!existsSync(join(root, '.git'))) run('git', ['init', '--quiet', '--initial-branch=main']);
      run('git', ['add', '-A']);
      run('git', ['commit', '--quiet', '--allow-empty', '-m', message]);
    },
    remove: () => {
      if (existsSync(root)) rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A fresh Nx workspace in a temp dir whose node_modules links to the template's. */
export function createWorkspace(templateDir: string, label: string, nxVersion = NX_VERSION): Workspace {
  const root = mkdtempSync(join(tmpdir(), `pyrel-${label}-`));
  symlinkSync(join(templateDir, 'node_modules'), join(root, 'node_modules'), 'dir');
  const workspace = openWorkspace(root);
  workspace.write({
    ...WORKSPACE_FILES,
    'package.json': `${JSON.stringify({ name: label, private: true, devDependencies: { nx: nxVersion, '@pyrel/nx': `file:${PLUGIN_TARBALL}` } }, null, 2)}\n`,
  });
  return workspace;
}
