import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalIndex } from '../../packages/nx/src/index/local-index';
import { createVenv } from '../utils/commands';
import { hatchlingPackage } from '../utils/fixtures';
import { createTestWorkspace } from '../utils/template';
import { startTestIndex } from '../utils/tools';
import type { Workspace } from '../utils/workspace';

/** The first vertical slice: setup, inferred targets, uv build, upload to a real local index, pip install back. */
describe('foundation: build-wheel and publish one hatchling package', () => {
  let ws: Workspace;
  let index: LocalIndex;

  beforeAll(async () => {
    ws = createTestWorkspace('foundation');
    index = await startTestIndex(join(ws.root, 'tmp', 'local-index'));
    ws.write(hatchlingPackage({ dir: 'libs/mylib', name: 'mylib', version: '1.2.0' }));
    ws.commit('fixture');
  });

  afterAll(async () => {
    await index?.stop();
    ws?.remove();
  });

  it('setup registers the plugin once', () => {
    ws.nx(['g', '@pyrel/nx:setup']);
    const once = ws.read('nx.json');
    ws.nx(['g', '@pyrel/nx:init']);
    expect(ws.read('nx.json')).toBe(once);
    const plugins = ws.readJson<{ plugins: Array<{ plugin: string }> }>('nx.json').plugins;
    expect(plugins.filter((p) => p.plugin === '@pyrel/nx')).toHaveLength(1);
    ws.updateJson<{ plugins: Array<{ plugin: string; options: Record<string, unknown> }> }>('nx.json', (nxJson) => {
      nxJson.plugins[0].options.repositories = { local: { url: index.url, indexUrl: index.simpleUrl } };
      return nxJson;
    });
  });

  it('infers build-wheel and publish targets with no project.json', () => {
    const project = JSON.parse(ws.nx(['show', 'project', 'mylib', '--json']).stdout);
    expect(project.root).toBe('libs/mylib');
    expect(project.targets['build-wheel']).toMatchObject({ executor: '@pyrel/nx:build-wheel', cache: true, outputs: ['{projectRoot}/dist'] });
    // Nothing depends on mylib, so publish waits for its build directly, not through the release-set gate.
    expect(project.targets.publish).toMatchObject({ executor: '@pyrel/nx:publish', dependsOn: ['build-wheel', '^publish'] });
  });

  it('build-wheel produces an sdist and a wheel with uv build', () => {
    const result = ws.nx(['run', 'mylib:build-wheel']);
    expect(result.output).toContain('built mylib-1.2.0-py3-none-any.whl');
    const distributions = readdirSync(join(ws.root, 'libs/mylib/dist')).filter((f) => /\.(whl|tar\.gz)$/.test(f));
    expect(distributions.sort()).toEqual(['mylib-1.2.0-py3-none-any.whl', 'mylib-1.2.0.tar.gz']);
  });

  it('publish --dry-run prints the plan and uploads nothing', async () => {
    const result = ws.nx(['run', 'mylib:publish', '--repository=local', '--dry-run']);
    expect(result.output).toContain('[dry run] would publish mylib 1.2.0 to local');
    expect(result.output).toMatch(/mylib-1\.2\.0\.tar\.gz\s+\S+ \S+\s+upload\s+-> http:\/\/127\.0\.0\.1:\d+\/simple\//);
    expect((await fetch(`${index.simpleUrl}mylib/`)).status).toBe(404);
  });

  it('publish uploads to the local index without leaking the token, and a rerun is a no-op', () => {
    const canary = 'pypi-CANARY-e2e-0123456789abcdef';
    const first = ws.nx(['run', 'mylib:publish', '--repository=local'], { env: { PYREL_TOKEN_LOCAL: canary } });
    expect(first.output).toContain('credentials: PYREL_TOKEN_LOCAL');
    expect(first.output).toContain('Published 2 file(s) of mylib 1.2.0');
    expect(first.output).toContain('verify import mylib');
    expect(first.output).not.toContain(canary);
    expect(readdirSync(join(ws.root, 'tmp/local-index')).sort()).toEqual(['mylib-1.2.0-py3-none-any.whl', 'mylib-1.2.0.tar.gz']);

    const again = ws.nx(['run', 'mylib:publish', '--repository=local', '--skip-nx-cache']);
    expect(again.exitCode).toBe(0);
    expect(again.output).toContain('mylib 1.2.0 is already published on local; nothing to upload.');
  });

  it('pip installs the published version from the index and imports it', () => {
    const venv = createVenv(join(ws.root, '.venv-check'));
    venv.pip(['install', '--index-url', index.simpleUrl, 'mylib']);
    const imported = ws.run(venv.python, ['-c', 'import mylib; print(mylib.__version__)']);
    expect(imported.stdout.trim()).toBe('1.2.0');
  });

  it('an unknown repository lists the known ones', () => {
    const result = ws.nx(['run', 'mylib:publish', '--repository=nowhere'], { check: false });
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toContain('Unknown repository "nowhere"');
    expect(result.output).toContain('Known repositories: local, pypi, testpypi');
  });

  it('without uv and without Python, build-wheel fails with one message and creates nothing', () => {
    const emptyCache = mkdtempSync(join(tmpdir(), 'pyrel-empty-cache-'));
    try {
      rmSync(join(ws.root, 'libs/mylib/dist'), { recursive: true, force: true });
      const result = ws.nx(['run', 'mylib:build-wheel', '--skip-nx-cache'], {
        check: false,
        env: { PATH: join(emptyCache, 'no-bin'), PYREL_CACHE_DIR: emptyCache, PYREL_UV: undefined },
      });
      expect(result.exitCode).not.toBe(0);
      expect(result.output).toContain('Neither uv nor Python was found');
      expect(result.output).toContain('pip install uv');
      expect(readdirSync(emptyCache)).toEqual([]);
      expect(existsSync(join(ws.root, 'libs/mylib/dist'))).toBe(false);
    } finally {
      rmSync(emptyCache, { recursive: true, force: true });
    }
  });
});
