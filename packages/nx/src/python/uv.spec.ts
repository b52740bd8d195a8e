import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOOL_VERSIONS } from './tool-versions';
import { resolveUv } from './uv';
import { rejectionOf } from '../testing/pyrel-errors';

let scratch: string;
let cacheDir: string;
let emptyDir: string;

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'pyrel-uv-'));
  cacheDir = join(scratch, 'cache');
  emptyDir = join(scratch, 'empty-bin');
  mkdirSync(cacheDir);
  mkdirSync(emptyDir);
});

afterEach(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** Writes an executable shell script called `name` into `dir` and returns its path. */
function fakeExecutable(dir: string, name = 'uv', mode = 0o755): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\necho fake\n');
  chmodSync(path, mode);
  return path;
}


const bootstrappedUv = () => join(cacheDir, `uv-${TOOL_VERSIONS.uv}`, 'bin', 'uv');

describe('resolveUv', () => {
  it('finds uv on PATH', async () => {
    const uv = fakeExecutable(join(scratch, 'bin'));

    expect(await resolveUv({ env: { PATH: `${emptyDir}:${join(scratch, 'bin')}` }, cacheDir })).toBe(uv);
  });

  it('prefers the uvPath option to env PYREL_UV and PATH', async () => {
    const fromOption = fakeExecutable(join(scratch, 'option'));
    const fromEnv = fakeExecutable(join(scratch, 'env'));
    fakeExecutable(join(scratch, 'bin'));

    expect(await resolveUv({ uvPath: fromOption, env: { PYREL_UV: fromEnv, PATH: join(scratch, 'bin') }, cacheDir })).toBe(fromOption);
  });

  it('prefers env PYREL_UV to PATH', async () => {
    const fromEnv = fakeExecutable(join(scratch, 'env'));
    fakeExecutable(join(scratch, 'bin'));

    expect(await resolveUv({ env: { PYREL_UV: fromEnv, PATH: join(scratch, 'bin') }, cacheDir })).toBe(fromEnv);
  });

  it.each<[string, (path: string) => void]>([
    ['a missing file', () => {}],
    ['a file that is not executable', () => fakeExecutable(join(scratch, 'nowhere'), 'uv', 0o644)],
    ['a directory', (path) => mkdirSync(path, { recursive: true })],
  ])('rejects a uvPath option pointing at %s, naming the option', async (_what, prepare) => {
    const uvPath = join(scratch, 'nowhere', 'uv');
    prepare(uvPath);
    fakeExecutable(join(scratch, 'bin'));

    const error = await rejectionOf(resolveUv({ uvPath, env: { PATH: join(scratch, 'bin') }, cacheDir }));

    expect(error.title).toBe(`uv not found at ${uvPath} (from the uvPath option of @pyrel/nx in nx.json).`);
  });

  it('rejects env PYREL_UV pointing at a missing file, naming PYREL_UV', async () => {
    const missing = join(scratch, 'nowhere', 'uv');
    fakeExecutable(join(scratch, 'bin'));

    const error = await rejectionOf(resolveUv({ env: { PYREL_UV: missing, PATH: join(scratch, 'bin') }, cacheDir }));

    expect(error.title).toBe(`uv not found at ${missing} (from env PYREL_UV).`);
    expect(error.bodyLines[0]).toContain('Fix env PYREL_UV');
  });

  it('uses an already bootstrapped uv when PATH has none', async () => {
    fakeExecutable(join(cacheDir, `uv-${TOOL_VERSIONS.uv}`, 'bin'));
    const onBootstrap = jest.fn();

    expect(await resolveUv({ env: { PATH: emptyDir }, cacheDir, onBootstrap })).toBe(bootstrappedUv());
    expect(onBootstrap).not.toHaveBeenCalled();
  });

  it('prefers uv on PATH to a bootstrapped copy', async () => {
    fakeExecutable(join(cacheDir, `uv-${TOOL_VERSIONS.uv}`, 'bin'));
    const onPath = fakeExecutable(join(scratch, 'bin'));

    expect(await resolveUv({ env: { PATH: join(scratch, 'bin') }, cacheDir })).toBe(onPath);
  });

  it('ignores a bootstrapped copy of another uv version', async () => {
    fakeExecutable(join(cacheDir, 'uv-0.0.1', 'bin'));

    await expect(resolveUv({ env: { PATH: emptyDir }, cacheDir })).rejects.toThrow('Neither uv nor Python was found');
  });

  it.each<[string, () => NodeJS.ProcessEnv]>([
    ['PATH is an empty directory', () => ({ PATH: emptyDir })],
    ['PATH is unset', () => ({})],
  ])('fails without creating anything when neither uv nor Python is found (%s)', async (_what, makeEnv) => {
    const env = makeEnv();
    const onBootstrap = jest.fn();

    const error = await rejectionOf(resolveUv({ env, cacheDir, onBootstrap }));

    expect(error.title).toBe('Neither uv nor Python was found, so @pyrel/nx cannot build or publish.');
    expect(error.message).toContain(join(cacheDir, `uv-${TOOL_VERSIONS.uv}`));
    expect(readdirSync(cacheDir)).toEqual([]);
    expect(onBootstrap).not.toHaveBeenCalled();
  });
});
