import { createReleaseRehearsal, type ReleaseRehearsal } from '../utils/release-rehearsal';

const LIB = 'pyrel-seed-lib';
const MODULE = 'pyrel_seed_lib';

/**
 * Seed 004: phased publication, TestPyPI first and PyPI later, behind gates (tests, coverage at
 * least 90%, a dependency audit), with signed uploads and the whole release timed. Each phase is
 * one run of the generated workflow, replayed here against two local indexes.
 */
describe('seed 004: phased TestPyPI -> PyPI, a failing coverage gate blocks PyPI', () => {
  let r: ReleaseRehearsal;

  /** One workflow run: its jobs in `needs` order, stopping where GitHub would. */
  function workflowRun(toPypi: boolean): { failedJob?: string; output: string } {
    const gate = r.runJob('gate');
    if (gate.exitCode !== 0) return { failedJob: 'gate', output: gate.output };
    const jobs = ['build', 'publish-testpypi', ...(toPypi ? ['publish-pypi'] : []), 'verify'];
    const outputs = [gate.output];
    for (const job of jobs) {
      const result = r.runJob(job, { NX_BASE: gate.outputs.sha, REPOSITORY: toPypi ? 'pypi' : 'testpypi' });
      outputs.push(result.output);
      if (result.exitCode !== 0) return { failedJob: job, output: outputs.join('\n') };
    }
    return { output: outputs.join('\n') };
  }

  beforeAll(async () => {
    r = await createReleaseRehearsal('seed-004');
    r.ws.nx(['g', '@pyrel/nx:pyproject', `libs/${LIB}`]);
    r.ws.nx(['g', '@pyrel/nx:setup']);
    r.useLocalIndexes();
    r.ws.commit('the library and its release workflow');
  });

  afterAll(() => r?.stop());

  it('the workflow signs uploads (PEP 740) by trusted publishing from the testpypi and pypi environments only', () => {
    const jobs = r.workflow() as Record<string, { environment?: string; permissions: Record<string, string>; steps: Array<{ name?: string; run?: string }> }>;
    for (const [job, environment] of [['publish-testpypi', 'testpypi'], ['publish-pypi', 'pypi']]) {
      expect(jobs[job].environment).toBe(environment);
      expect(jobs[job].permissions['id-token']).toBe('write');
      expect(jobs[job].steps.find((s) => s.name === 'PEP 740 attestations')?.run).toContain('pypi-attestations sign');
    }
    expect(Object.entries(jobs).filter(([, job]) => job.permissions['id-token']).map(([id]) => id)).toEqual(['publish-testpypi', 'publish-pypi']);
  });

  it('phase 1 (publish: no) puts 0.1.0 on TestPyPI only', () => {
    expect(workflowRun(false).failedJob).toBeUndefined();
    expect(Object.keys(r.files('testpypi')).sort()).toEqual([`${MODULE}-0.1.0-py3-none-any.whl`, `${MODULE}-0.1.0.tar.gz`]);
    expect(r.files('pypi')).toEqual({});
  });

  it('phase 2 (the GitHub release) stops at the gate when coverage falls below 90%: nothing reaches PyPI', () => {
    r.ws.write({ [`libs/${LIB}/src/${MODULE}/untested.py`]: `def parse(x):\n${Array.from({ length: 12 }, (_, i) => `    if x == ${i}:\n        return ${i}\n`).join('')}    return None\n` });
    r.ws.commit('parse, untested');

    const run = workflowRun(true);
    expect(run.failedJob).toBe('gate');
    expect(run.output).toMatch(/Required test coverage of 90(\.0)?% not reached/);
    expect(r.files('pypi')).toEqual({});
  });

  it('with tests added and 0.1.1, the whole phased release passes every gate and is timed', () => {
    r.ws.write({ [`libs/${LIB}/tests/test_untested.py`]: `from ${MODULE}.untested import parse\n\n\ndef test_parse():\n    assert [parse(i) for i in range(12)] == list(range(12))\n    assert parse(99) is None\n` });
    r.ws.nx(['run', `${LIB}:version`, '--bump=patch']);
    r.ws.commit('test parse; 0.1.1');

    const started = Date.now();
    const run = workflowRun(true);
    const seconds = (Date.now() - started) / 1000;
    expect(run.failedJob).toBeUndefined();
    console.log(`seed 004: gate, build, TestPyPI, PyPI and verification of ${LIB} 0.1.1 took ${seconds.toFixed(1)} s on this machine (the seed allows 30 minutes).`);

    const released = Object.entries(r.files('pypi'));
    expect(released.map(([file]) => file).sort()).toEqual([`${MODULE}-0.1.1-py3-none-any.whl`, `${MODULE}-0.1.1.tar.gz`]);
    expect(Object.entries(r.files('testpypi')).filter(([file]) => file.includes('0.1.1'))).toEqual(released);
    expect(run.output).toContain(`verify import ${MODULE}`);
    expect(r.ws.run('git', ['tag', '--points-at', 'HEAD']).stdout.trim()).toBe(`${LIB}@0.1.1`);
  });
});
