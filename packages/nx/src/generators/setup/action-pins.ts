/** A GitHub Action at the commit of one release tag. */
export interface PinnedAction {
  repository: string;
  sha: string;
  version: string;
}

/**
 * Every action the release workflow uses, pinned to the commit its release tag points to (read
 * with `git rev-list -n1 <tag>^{commit}` on the action's repository), so a moved tag cannot
 * change what a release runs. Dependabot or Renovate keep these current in users' repositories.
 */
export const ACTION_PINS = {
  checkout: { repository: 'actions/checkout', sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', version: 'v7.0.1' },
  setupPython: { repository: 'actions/setup-python', sha: '5fda3b95a4ea91299a34e894583c3862153e4b97', version: 'v7.0.0' },
  setupNode: { repository: 'actions/setup-node', sha: '820762786026740c76f36085b0efc47a31fe5020', version: 'v7.0.0' },
  setupUv: { repository: 'astral-sh/setup-uv', sha: '20cfd1bf945f4377ade1205e4dbc17946fc9a30d', version: 'v10.0.1' },
  uploadArtifact: { repository: 'actions/upload-artifact', sha: 'bbbca2ddaa5d8feaa63e36b76fdaad77386f024f', version: 'v7.0.0' },
  downloadArtifact: { repository: 'actions/download-artifact', sha: '3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c', version: 'v8.0.1' },
  maturinAction: { repository: 'PyO3/maturin-action', sha: 'e83996d129638aa358a18fbd1dfb82f0b0fb5d3b', version: 'v1.51.0' },
} as const satisfies Record<string, PinnedAction>;

/** Python tools the workflow runs with `uvx`, pinned like the actions. */
export const WORKFLOW_TOOL_VERSIONS = {
  pipAudit: '2.10.1',
  pypiAttestations: '0.0.30',
} as const;
