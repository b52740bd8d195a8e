import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { freePort, LOCAL_INDEX_SERVERS, type LocalIndex } from '../../packages/nx/src/index/local-index';
import { createVenv } from '../utils/commands';
import { startFaultProxy, type FaultProxy } from '../utils/fault-proxy';
import { indexFiles } from '../utils/index-files';
import { hatchlingPackage } from '../utils/fixtures';
import { createTestWorkspace } from '../utils/template';
import { startTestIndex } from '../utils/tools';
import type { Workspace } from '../utils/workspace';

const A = 'pyrel-e2e-a';
const B = 'pyrel-e2e-b';
const C = 'pyrel-e2e-c';
const D = 'pyrel-e2e-d';
const CANARY = 'pypi-CANARY-publish-0123456789abcdef';

/**
 * Publishing a chain a <- b <- c to local indexes: pypi-local and testpypi-local stand in for PyPI
 * and TestPyPI, "flaky" is a third index behind a proxy that refuses b's first upload.
 */
describe('publish', () => {
  let ws: Workspace;
  const indexes: Record<string, LocalIndex> = {};
  const dataDir = (name: string) => join(ws.root, 'tmp', name);
  let proxy: FaultProxy;
  let guarded: FaultProxy;

  beforeAll(async () => {
    ws = createTestWorkspace('publish');
    for (const name of ['pypi-local', 'testpypi-local', 'flaky', 'guarded', 'barrier']) indexes[name] = await startTestIndex(dataDir(name));
    proxy = await startFaultProxy(indexes.flaky.url, { refuseOnce: 'pyrel_e2e_b-' });
    // It also refuses the first upload carrying a PEP 740 attestation, which shows that one was sent.
    guarded = await startFaultProxy(indexes.guarded.url, { requireAuth: `ci-bot:${CANARY}`, refuseOnce: 'name="attestations"' });
    const repositories = {
      'pypi-local': { url: indexes['pypi-local'].url, indexUrl: indexes['pypi-local'].simpleUrl },
      'testpypi-local': { url: indexes['testpypi-local'].url, indexUrl: indexes['testpypi-local'].simpleUrl },
      flaky: { url: proxy.url, indexUrl: indexes.flaky.simpleUrl },
      guarded: { url: guarded.url, indexUrl: indexes.guarded.simpleUrl },
      barrier: { url: indexes.barrier.url, indexUrl: indexes.barrier.simpleUrl },
    };
    ws.write({
      'nx.json': JSON.stringify({ plugins: [{ plugin: '@pyrel/nx', options: { repositories, repository: 'pypi-local', prereleaseRepository: 'testpypi-local' } }] }, null, 2),
      ...hatchlingPackage({ dir: 'libs/a', name: A, version: '1.0.0' }),
      ...hatchlingPackage({ dir: 'libs/b', name: B, version: '1.0.0', dependencies: [`${A}>=1.0.0`] }),
      ...hatchlingPackage({ dir: 'libs/c', name: C, version: '1.0.0', dependencies: [`${B}>=1.0.0`] }),
    });
    ws.commit('chain a <- b <- c');
  });

  afterAll(async () => {
    proxy?.stop();
    guarded?.stop();
    for (const index of Object.values(indexes)) await index.stop();
    ws?.remove();
  });

  it('--dry-run prints every file with its decision and uploads nothing', () => {
    const result = ws.nx(['run-many', '-t', 'publish', '--dry-run', '--output-style=static']);
    expect(result.output).toContain(`[dry run] would publish ${A} 1.0.0 to pypi-local`);
    expect(result.output).toMatch(/pyrel_e2e_c-1\.0\.0-py3-none-any\.whl\s+\S+ \S+\s+upload\s+-> http:\/\/127\.0\.0\.1:\d+\/simple\//);
    expect(readdirSync(dataDir('pypi-local'))).toEqual([]);
  });

  it('publishes dependencies first, stops the dependents of a refused upload, and a rerun completes the rest once', () => {
    const first = ws.nx(['run-many', '-t', 'publish', '--repository=flaky', '--output-style=static'], { check: false, env: { PYREL_TOKEN_FLAKY: CANARY } });
    expect(first.exitCode).not.toBe(0);
    expect(first.output).toContain('injected fault: upload refused once');
    expect(first.output).toMatch(/Failed tasks:\s+- pyrel-e2e-b:publish/);
    expect(first.output).not.toContain(`Published 2 file(s) of ${C}`);
    expect(first.output).toMatch(/Failed tasks:[\s\S]*- pyrel-e2e-c:publish|Not publishing pyrel-e2e-c: its dependency pyrel-e2e-b was not published in this run\./);
    expect(Object.keys(indexFiles(dataDir('flaky')))).toEqual(['pyrel_e2e_a-1.0.0-py3-none-any.whl', 'pyrel_e2e_a-1.0.0.tar.gz']);

    const rerun = ws.nx(['run-many', '-t', 'publish', '--repository=flaky', '--output-style=static'], { env: { PYREL_TOKEN_FLAKY: CANARY } });
    expect(rerun.output).toContain(`${A} 1.0.0 is already published on flaky; nothing to upload.`);
    expect(rerun.output).toContain(`Published 2 file(s) of ${B} 1.0.0`);
    expect(rerun.output).toContain(`Published 2 file(s) of ${C} 1.0.0`);
    expect(rerun.output).toContain('verify import pyrel_e2e_c');
    expect(readdirSync(dataDir('flaky'))).toHaveLength(6);
    for (const output of [first.output, rerun.output]) expect(output).not.toContain(CANARY);
    expect(ws.run('grep', ['-rl', CANARY, '.nx'], { check: false }).stdout).toBe('');
  });

  it('uploads nothing of a chain while a project depending on it fails to build', () => {
    ws.write({
      'libs/c/pyproject.toml': `${ws.read('libs/c/pyproject.toml')}\n[tool.hatch.build.hooks.custom]\n`,
      'libs/c/hatch_build.py': 'from hatchling.builders.hooks.plugin.interface import BuildHookInterface\n\n\nclass Hook(BuildHookInterface):\n    def initialize(self, version, build_data):\n        raise RuntimeError("pyrel-e2e: c does not build")\n',
    });
    const result = ws.nx(['run-many', '-t', 'publish', '--repository=barrier', '--output-style=static'], { check: false });
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toContain('RuntimeError: pyrel-e2e: c does not build');
    expect(readdirSync(dataDir('barrier'))).toEqual([]);
    rmSync(join(ws.root, 'libs/c/hatch_build.py'));
    ws.run('git', ['checkout', '--', 'libs/c']);
  });

  it('uploads only the missing file of a partly published version', () => {
    rmSync(join(dataDir('flaky'), 'pyrel_e2e_c-1.0.0-py3-none-any.whl'));
    const result = ws.nx(['run', `${C}:publish`, '--repository=flaky']);
    expect(result.output).toMatch(/pyrel_e2e_c-1\.0\.0\.tar\.gz\s+\S+ \S+\s+already on the index, same bytes/);
    expect(result.output).toContain(`Published 1 file(s) of ${C} 1.0.0`);
    expect(readdirSync(dataDir('flaky'))).toHaveLength(6);
  });

  it('skips with a warning (or fails with --strict) when the version is on the index with other bytes', () => {
    ws.write({ 'libs/a/src/pyrel_e2e_a/extra.py': 'CHANGED = True\n' });
    const warned = ws.nx(['run', `${A}:publish`, '--repository=flaky']);
    expect(warned.output).toContain(`${A} 1.0.0 is already on flaky with different files. Skipped.`);
    expect(warned.output).toMatch(/pyrel_e2e_a-1\.0\.0-py3-none-any\.whl\s+\S+ \S+\s+ON THE INDEX WITH OTHER BYTES/);
    const strict = ws.nx(['run', `${A}:publish`, '--repository=flaky', '--strict'], { check: false });
    expect(strict.exitCode).not.toBe(0);
    rmSync(join(ws.root, 'libs/a/src/pyrel_e2e_a/extra.py'));
  });

  it('publishes the same bytes to a second repository', () => {
    ws.nx(['run-many', '-t', 'publish', '--output-style=static']);
    expect(indexFiles(dataDir('pypi-local'))).toEqual(indexFiles(dataDir('flaky')));
  });

  it('uploads with twine and the credentials of .pypirc, never printing them, with the attestations beside the files', () => {
    const pypirc = join(ws.root, 'tmp', 'pypirc');
    // As the release workflow runs it after signing: a build-wheel cache replay would put dist/ back without the attestations.
    const twinePublish = () => ws.nx(['run', `${A}:publish`, '--repository=guarded', '--uploader=twine', '--excludeTaskDependencies'], { check: false, env: { PYREL_PYPIRC: pypirc } });
    const refused = twinePublish();
    expect(refused.exitCode).not.toBe(0);
    expect(refused.output).toContain('HTTPError: 403 Forbidden');

    ws.write({ 'tmp/pypirc': `[distutils]\nindex-servers =\n    guarded\n\n[guarded]\nusername = ci-bot\npassword = ${CANARY}\n` });
    // What the release workflow's signing step leaves beside each file (pypi-attestations needs GitHub's OIDC token, so a stand-in).
    const dist = join(ws.root, 'libs/a/dist');
    const files = readdirSync(dist).filter((f) => f.endsWith('.whl') || f.endsWith('.tar.gz'));
    writeFileSync(join(dist, `${files[0]}.publish.attestation`), '{"version": 1}\n');
    const partlySigned = twinePublish();
    expect(partlySigned.exitCode).not.toBe(0);
    expect(partlySigned.output).toContain(`some do not (${files[1]}); twine uploads attestations for every file or for none`);
    writeFileSync(join(dist, `${files[1]}.publish.attestation`), '{"version": 1}\n');
    // The credentials are right now: the 403 is the proxy refusing the upload that carries attestations.
    const attested = twinePublish();
    expect(attested.exitCode).not.toBe(0);
    expect(attested.output).toContain('HTTPError: 403 Forbidden');
    expect(attested.output).toContain('Only PyPI and TestPyPI support attestations');

    const result = twinePublish();
    expect(result.exitCode).toBe(0);
    expect(result.output).toContain(`credentials: ${pypirc} [guarded]`);
    expect(result.output).toContain(`Published 2 file(s) of ${A} 1.0.0`);
    expect(result.output).not.toContain(CANARY);
    expect(Object.keys(indexFiles(dataDir('guarded')))).toEqual(['pyrel_e2e_a-1.0.0-py3-none-any.whl', 'pyrel_e2e_a-1.0.0.tar.gz']);
    for (const file of files) rmSync(join(dist, `${file}.publish.attestation`));
  });

  it('--prerelease bumps above the index, uploads to the prerelease repository, verifies, then tags; plain pip keeps the stable', () => {
    ws.nx(['run', `${A}:publish`, '--repository=testpypi-local']);
    const pre = ws.nx(['run', `${A}:publish`, '--prerelease', '--gitTag']);
    expect(pre.output).toContain(`Pre-release: ${A} 1.0.0 -> 1.0.1rc1`);
    expect(pre.output).toContain(`Published 2 file(s) of ${A} 1.0.1rc1 to ${indexes['testpypi-local'].simpleUrl}`);
    expect(pre.output).toContain(`verify installed ${A}==1.0.1rc1 from testpypi-local into a fresh venv`);
    expect(pre.output).toContain(`tagged ${A}@1.0.1rc1`);
    expect(pre.output.indexOf('verify import pyrel_e2e_a')).toBeLessThan(pre.output.indexOf(`tagged ${A}@1.0.1rc1`));
    expect(ws.read('libs/a/pyproject.toml')).toContain('version = "1.0.1rc1"');
    expect(ws.read('libs/b/pyproject.toml')).toContain(`"${A}>=1.0.1rc1"`);
    expect(ws.run('git', ['tag', '--list']).stdout.trim()).toBe(`${A}@1.0.1rc1`);

    const venv = createVenv(join(ws.root, '.venv-pre'));
    const version = () => ws.run(venv.python, ['-c', 'import pyrel_e2e_a; print(pyrel_e2e_a.__version__)']).stdout.trim();
    venv.pip(['install', '--index-url', indexes['testpypi-local'].simpleUrl, A]);
    expect(version()).toBe('1.0.0');
    venv.pip(['install', '--upgrade', '--pre', '--index-url', indexes['testpypi-local'].simpleUrl, A]);
    expect(version()).toBe('1.0.1rc1');

    // Back at 1.0.0 locally, the index's rc1 still pushes the next pre-release to rc2.
    ws.run('git', ['checkout', '--', '.']);
    const again = ws.nx(['run', `${A}:publish`, '--prerelease', '--dry-run']);
    expect(again.output).toContain(`[dry run] would bump ${A} 1.0.0 -> 1.0.1rc2`);
    // A beta of 1.0.1 would sort below the index's 1.0.1rc1, so the beta goes to the next patch.
    const beta = ws.nx(['run', `${A}:publish`, '--prerelease', '--preid=b', '--dry-run']);
    expect(beta.output).toContain(`[dry run] would bump ${A} 1.0.0 -> 1.0.2b1`);
  });

  it('names the URL and the error when the index cannot be reached, after bounded retries', async () => {
    const closed = await freePort();
    const result = ws.nx(['run', `${A}:publish`, `--repository=http://127.0.0.1:${closed}/`], { check: false });
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toContain(`Could not read http://127.0.0.1:${closed}/simple/pyrel-e2e-a/: connect ECONNREFUSED 127.0.0.1:${closed} after 3 attempts.`);
  });

  it('tags only after verification: a failed verify leaves no tag, and a rerun finishes an interrupted release', () => {
    ws.write({
      ...hatchlingPackage({ dir: 'libs/d', name: D, version: '1.0.0' }),
      'libs/d/src/pyrel_e2e_d/__init__.py': '__version__ = "1.0.0"\n\nraise RuntimeError("pyrel-e2e: d breaks at import")\n',
    });
    ws.commit('d, which breaks at import');
    const broken = ws.nx(['run', `${D}:publish`, '--repository=barrier', '--gitTag'], { check: false });
    expect(broken.exitCode).not.toBe(0);
    expect(broken.output).toContain(`Published 2 file(s) of ${D} 1.0.0`);
    expect(broken.output).toContain('import pyrel_e2e_d failed in a fresh install');
    expect(ws.run('git', ['tag', '--list', `${D}@*`]).stdout.trim()).toBe('');

    // Uploaded, then interrupted before verification and tagging: the rerun finishes the job.
    ws.nx(['run', `${A}:publish`, '--repository=barrier', '--no-verify']);
    expect(ws.run('git', ['tag', '--list', `${A}@1.0.0`]).stdout.trim()).toBe('');
    const finish = ws.nx(['run', `${A}:publish`, '--repository=barrier', '--gitTag']);
    expect(finish.output).toContain(`${A} 1.0.0 is already published on barrier; nothing to upload.`);
    expect(finish.output).toContain('verify import pyrel_e2e_a');
    expect(ws.run('git', ['tag', '--list', `${A}@1.0.0`]).stdout.trim()).toBe(`${A}@1.0.0`);
    const patterned = ws.nx(['run', `${A}:publish`, '--repository=barrier', '--gitTag', '--releaseTagPattern=v{version}']);
    expect(patterned.output).toContain('tagged v1.0.0');
    expect(ws.run('git', ['tag', '--list', 'v*']).stdout.trim()).toBe('v1.0.0');
  });
});

/** pypiserver processes serving this data directory (from Linux's /proc). */
function pypiserverProcesses(dataDir: string): string[] {
  return readdirSync('/proc').filter((pid) => {
    try {
      const argv = /^\d+$/.test(pid) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0') : [];
      return argv.includes('pypiserver') && argv.includes(dataDir);
    } catch {
      return false; // it exited while we looked
    }
  });
}

describe('local-index target', () => {
  let ws: Workspace;

  beforeAll(() => {
    ws = createTestWorkspace('local-index');
    ws.write({
      'nx.json': JSON.stringify({ plugins: ['@pyrel/nx'] }, null, 2),
      'tools/index/project.json': JSON.stringify({ name: 'index', targets: { 'local-index': { executor: '@pyrel/nx:local-index', continuous: true, options: { dataDir: 'tmp/rehearsal' } } } }, null, 2),
    });
  });

  afterAll(() => ws?.remove());

  it('serves uploads on 127.0.0.1 until SIGTERM, then stops its server', async () => {
    const port = await freePort();
    const nx = spawn(process.execPath, [join(ws.root, 'node_modules/nx/dist/bin/nx.js'), 'run', 'index:local-index', `--port=${port}`], { cwd: ws.root, env: ws.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const simpleUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no index URL in time:\n${output}`)), 60_000);
      const read = (data: Buffer) => {
        output += data.toString();
        const match = /simple index: (http:\/\/127\.0\.0\.1:\d+\/simple\/)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      nx.stdout.on('data', read);
      nx.stderr.on('data', read);
    });
    try {
      expect(simpleUrl).toBe(`http://127.0.0.1:${port}/simple/`);
      expect((await fetch(simpleUrl)).status).toBe(200);
      expect(output).toContain(`serving ${join(ws.root, 'tmp/rehearsal')}`);
      // Pages are served by several pypiserver processes side by side (one would serve them one by one).
      expect(pypiserverProcesses(join(ws.root, 'tmp/rehearsal'))).toHaveLength(LOCAL_INDEX_SERVERS);
      // A client that connects and sends nothing (a browser's spare connection) must not stall everyone else.
      const idle = await new Promise<Socket>((resolve) => { const socket = connect(port, '127.0.0.1', () => resolve(socket)); });
      try {
        expect((await fetch(simpleUrl, { signal: AbortSignal.timeout(10_000) })).status).toBe(200);
      } finally {
        idle.destroy();
      }
    } finally {
      const exited = new Promise((resolve) => nx.once('exit', resolve));
      nx.kill('SIGTERM');
      await exited;
    }
    const stillServing = await fetch(simpleUrl).then(() => true, () => false);
    expect(stillServing).toBe(false);
    expect(pypiserverProcesses(join(ws.root, 'tmp/rehearsal'))).toEqual([]);
  });
});
