/** A Python project as the release workflow sees it. */
export interface WorkflowProject {
  name: string;
  root: string;
  /** Built by maturin: its wheels come from the per-platform matrix, not from `build-wheel`. */
  maturin: boolean;
}

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** Everything the generated workflow depends on; the YAML is a pure function of it. */
export interface ReleaseWorkflowModel {
  /** Python projects in dependency order (dependencies first). */
  projects: WorkflowProject[];
  packageManager: PackageManager;
  /** The root pyproject.toml declares a uv workspace: one uv.lock covers every project's dependencies. */
  uvWorkspace: boolean;
  /** Repository names from the plugin options (`repository`, `prereleaseRepository`). */
  repository: string;
  prereleaseRepository: string;
  /** One GitHub environment per project and repository (`pypi-<project>`), for PyPI trusted publishers keyed on environment. */
  environmentPerProject: boolean;
  buildWheelTargetName: string;
  publishTargetName: string;
  testTargetName: string;
}

/** Package-manager commands the workflow runs; pnpm and yarn come from corepack. */
export const PACKAGE_MANAGER_COMMANDS: Record<PackageManager, { install: string; nx: string; corepack: boolean }> = {
  npm: { install: 'npm ci', nx: 'npx nx', corepack: false },
  pnpm: { install: 'pnpm install --frozen-lockfile', nx: 'pnpm exec nx', corepack: true },
  yarn: { install: 'yarn install --immutable', nx: 'yarn nx', corepack: true },
  bun: { install: 'bun install --frozen-lockfile', nx: 'bunx nx', corepack: false },
};

/** The lock file decides, as Nx's own detection does; npm when there is none. */
export function packageManagerFromLockFiles(exists: (file: string) => boolean): PackageManager {
  if (exists('pnpm-lock.yaml')) return 'pnpm';
  if (exists('yarn.lock')) return 'yarn';
  if (exists('bun.lockb') || exists('bun.lock')) return 'bun';
  return 'npm';
}

/** Where a platform's wheels are built; abi3 wheels need one interpreter per platform. */
export interface WheelPlatform {
  id: string;
  runner: string;
  target: string;
  manylinux?: string;
}

/** The five platforms of a typical PyO3 release (seed 003); Linux wheels in manylinux_2_28 containers. */
export const WHEEL_PLATFORMS: readonly WheelPlatform[] = [
  { id: 'linux-x86_64', runner: 'ubuntu-latest', target: 'x86_64', manylinux: '2_28' },
  { id: 'linux-aarch64', runner: 'ubuntu-latest', target: 'aarch64', manylinux: '2_28' },
  { id: 'macos-x86_64', runner: 'macos-15-intel', target: 'x86_64' },
  { id: 'macos-arm64', runner: 'macos-latest', target: 'aarch64' },
  { id: 'windows-x64', runner: 'windows-latest', target: 'x64' },
];
