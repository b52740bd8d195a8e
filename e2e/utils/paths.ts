import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
export const PLUGIN_TARBALL = join(REPO_ROOT, 'dist', 'pyrel-nx.tgz');
/** The Nx version e2e workspaces install: the current major, as users get from `npx create-nx-workspace`. */
export const NX_VERSION = '24.0.6';
/** The previous major, the bottom of the plugin's peer range. */
export const PREVIOUS_NX_VERSION = '23.3.2';
/**
 * The newest nx that has a matching @nx/js on the registry these suites install from (it serves
 * no @nx/js 24.x): suites and benchmarks that version npm packages beside Python ones use it.
 */
export const NX_WITH_JS_VERSION = '23.3.1';
/** Bootstrapped uv and tool environments shared by every e2e workspace and the demo. */
export const SHARED_TOOL_CACHE = join(REPO_ROOT, 'node_modules', '.cache', 'pyrel');
