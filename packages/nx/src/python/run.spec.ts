import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, type RunOptions } from './run';
import { rejectionOf } from '../testing/pyrel-errors';

const NODE = process.execPath;
const SECRET = 'pypi-s3cret-token';

let cwd: string;

beforeAll(() => {
  cwd = realpathSync(mkdtempSync(join(tmpdir(), 'pyrel-run-')));
});

afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
});

afterEach(() => {
  jest.restoreAllMocks();
});

function node(script: string, options: Partial<RunOptions> = {}) {
  return run(NODE, ['-e', script], { cwd, env: {}, ...options });
}


describe('run', () => {
  it('resolves with the exit code, stdout and stderr of a successful command', async () => {
    const result = await node('process.stdout.write("out\\n"); process.stderr.write("err\\n")');

    expect(result).toEqual({ exitCode: 0, stdout: 'out\n', stderr: 'err\n' });
  });

  it('runs in the given directory with exactly the given environment', async () => {
    const result = await node('console.log(process.cwd()); console.log(process.env.PYREL_MARKER, process.env.HOME)', { env: { PYREL_MARKER: 'seen' } });

    expect(result.stdout).toBe(`${cwd}\nseen undefined\n`);
  });

  it('rejects a non-zero exit with a PyrelError carrying the exit code, the stderr tail and the hint', async () => {
    const script = 'process.stderr.write("first\\nsecond\\n\\n"); process.exit(3)';

    const error = await rejectionOf(node(script, { hint: 'Check the tool.' }));

    expect(error.title).toBe(`${NODE} -e ${script} exited with code 3.`);
    expect(error.bodyLines).toEqual(['first', 'second', 'Check the tool.']);
  });

  it('leaves echoed stderr out of the error, as it is already on screen', async () => {
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);

    const error = await rejectionOf(node('console.error("already shown"); process.exit(1)', { echo: true, hint: 'Check the tool.' }));

    expect(error.bodyLines).toEqual(['Check the tool.']);
  });

  it('puts only the hint in the error when the command wrote no stderr', async () => {
    const error = await rejectionOf(node('process.exit(4)', { hint: 'Check the tool.' }));
    expect(error.bodyLines).toEqual(['Check the tool.']);
  });

  it('keeps only the last 25 lines of stderr in the error', async () => {
    const error = await rejectionOf(node('for (let i = 1; i <= 40; i++) console.error("line " + i); process.exit(1)'));

    expect(error.bodyLines).toEqual(Array.from({ length: 25 }, (_, i) => `line ${i + 16}`));
  });

  it('names the signal that killed the command', async () => {
    const error = await rejectionOf(node('process.kill(process.pid, "SIGTERM"); setTimeout(() => {}, 10000)'));

    expect(error.title).toMatch(/ was killed by SIGTERM\.$/);
  });

  it('resolves for an exit code listed in okExitCodes', async () => {
    const result = await node('console.log("nothing to do"); process.exit(2)', { okExitCodes: [0, 2] });

    expect(result).toEqual({ exitCode: 2, stdout: 'nothing to do\n', stderr: '' });
  });

  it('rejects exit code 0 when okExitCodes leaves it out', async () => {
    const error = await rejectionOf(node('', { okExitCodes: [1] }));

    expect(error.title).toMatch(/ exited with code 0\.$/);
  });

  it('rejects a command that does not exist with a "Could not start" PyrelError and the hint', async () => {
    const missing = join(cwd, 'no-such-tool');

    const error = await rejectionOf(run(missing, ['--version'], { cwd, env: {}, hint: 'Install the tool.' }));

    expect(error.title).toMatch(new RegExp(`^Could not start ${missing}: .*ENOENT`));
    expect(error.bodyLines).toEqual(['Install the tool.']);
  });

  it('redacts secrets in the returned output', async () => {
    const result = await node(`console.log("token=${SECRET}"); console.error("${SECRET}!")`, { secrets: [SECRET] });

    expect(result.stdout).toBe('token=***\n');
    expect(result.stderr).toBe('***!\n');
  });

  it('redacts secrets in the arguments and stderr shown in a failure', async () => {
    const script = `console.error("auth failed for ${SECRET}"); process.exit(1)`;

    const error = await rejectionOf(node(script, { secrets: [SECRET] }));

    expect(error.message).not.toContain(SECRET);
    expect(error.title).toContain('auth failed for ***');
    expect(error.bodyLines).toEqual(['auth failed for ***']);
  });

  it('redacts secrets in the error for a command that cannot start', async () => {
    const missing = join(cwd, SECRET, 'tool');

    const error = await rejectionOf(run(missing, [], { cwd, env: {}, secrets: [SECRET] }));

    expect(error.message).not.toContain(SECRET);
    expect(error.title).toContain(join(cwd, '***', 'tool'));
  });

  it('does not echo output unless asked', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);

    await node('console.log("quiet")');

    expect(write).not.toHaveBeenCalled();
  });

  it('echoes output redacted even when a secret arrives split across two writes', async () => {
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const half = SECRET.length / 2;
    const script = [
      `process.stdout.write("token: ${SECRET.slice(0, half)}");`,
      `process.stderr.write("warn ${SECRET.slice(0, half)}");`,
      `setTimeout(() => { process.stdout.write("${SECRET.slice(half)} ok\\nlast"); process.stderr.write("${SECRET.slice(half)}\\n"); }, 150);`,
    ].join('\n');

    const result = await node(script, { echo: true, secrets: [SECRET] });

    const echoed = (spy: jest.SpyInstance) => spy.mock.calls.map(([text]) => String(text)).join('');
    expect(echoed(stdout)).toBe('token: *** ok\nlast\n');
    expect(echoed(stderr)).toBe('warn ***\n');
    expect(result.stdout).toBe('token: *** ok\nlast');
  });
});
