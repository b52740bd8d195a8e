import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './commands';
import { NX_VERSION } from './paths';
import { createWorkspace, installNxAndPlugin, type Workspace } from './workspace';

export interface WorkspaceWithPackages {
  ws: Workspace;
  /** Removes the workspace and its own template. */
  remove(): void;
}

/**
 * A workspace on a template of its own that also has `packages` installed (other Nx plugins),
 * so suites that need them leave the shared template as users start.
 */
export function createWorkspaceWithPackages(label: string, packages: readonly string[], nxVersion = NX_VERSION): WorkspaceWithPackages {
  const template = mkdtempSync(join(tmpdir(), `pyrel-e2e-${label}-template-`));
  installNxAndPlugin(template, nxVersion);
  runCommand('npm', ['install', '--no-audit', '--no-fund', '--save-dev', ...packages], { cwd: template });
  const ws = createWorkspace(template, label, nxVersion);
  return {
    ws,
    remove: () => {
      ws.remove();
      rmSync(template, { recursive: true, force: true });
    },
  };
}
