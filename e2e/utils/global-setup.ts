import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLUGIN_TARBALL } from './paths';
import { prepareSharedTools } from './tools';
import { installNxAndPlugin } from './workspace';

/** Once per e2e run: install nx + the packed plugin into a template, and bootstrap the Python tools. */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(PLUGIN_TARBALL)) {
    throw new Error(`${PLUGIN_TARBALL} is missing: run \`npm run pack\` first (\`npm run test:e2e\` does).`);
  }
  const template = mkdtempSync(join(tmpdir(), 'pyrel-e2e-template-'));
  const started = Date.now();
  installNxAndPlugin(template);
  await prepareSharedTools();
  console.log(`\ne2e template ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${template}`);
  process.env.PYREL_E2E_TEMPLATE = template;
}
