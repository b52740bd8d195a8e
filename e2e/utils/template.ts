import { createWorkspace, type Workspace } from './workspace';

/** A fresh workspace built on the run's shared template (see global-setup). */
export function createTestWorkspace(label: string): Workspace {
  const template = process.env.PYREL_E2E_TEMPLATE;
  if (!template) throw new Error('PYREL_E2E_TEMPLATE is not set: run e2e tests through `npm run test:e2e`.');
  return createWorkspace(template, label);
}
