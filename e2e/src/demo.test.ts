import { existsSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { runCommand } from '../utils/commands';
import { REPO_ROOT } from '../utils/paths';

/**
 * `npm run demo` from the README, minus the Rust-backed package: cargo is taken off PATH, which
 * keeps the test fast and proves the demo's "skipped, with a notice" path.
 */
describe('npm run demo (without cargo)', () => {
  let kept: string | undefined;

  afterAll(() => {
    if (kept && existsSync(kept)) rmSync(kept, { recursive: true, force: true });
  });

  it('runs setup, a pre-release to the TestPyPI stand-in and the release to the PyPI stand-in in dependency order, installs them back and stops both indexes', () => {
    const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => !existsSync(join(dir, 'cargo'))).join(delimiter);
    const tsx = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const result = runCommand(process.execPath, [tsx, 'scripts/demo.ts'], { cwd: REPO_ROOT, env: { ...process.env, PATH: path } });
    kept = /Demo workspace: (\S+)/.exec(result.stdout)?.[1];

    expect(result.stdout).toContain('cargo was not found on PATH: skipping the Rust-backed package demo-fastcalc');
    expect(result.stdout).toContain('demo-cli Ada -> hello, Ada');
    // order, package, pre-release on the TestPyPI stand-in, release on the PyPI stand-in, files, what pip installed
    const order = [...result.stdout.matchAll(/^\s+(\d)\s+(demo-\S+)\s+0\.1\.1rc1\s+0\.1\.1\s+.+\s+0\.1\.1\s*$/gm)].map((m) => m[2]);
    expect(order).toEqual(['demo-core', 'demo-models', 'demo-cli']);
    expect(result.stdout).toContain('CREATE .github/workflows/python-release.yml');
    expect(result.stdout).toContain('Local indexes stopped.');
  });
});
