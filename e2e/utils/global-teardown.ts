import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.PYREL_E2E_TEMPLATE;
  if (template) rmSync(template, { recursive: true, force: true });
}
