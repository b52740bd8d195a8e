import { normalizePluginOptions, type PyrelPluginOptions } from './plugin-options';
import { BUILT_IN_REPOSITORIES, isLoopbackUrl, resolveRepository, type RepositoryChoice } from './repositories';
import { thrownBy } from '../testing/pyrel-errors';

const PYPI = { name: 'pypi', uploadUrl: 'https://upload.pypi.org/legacy/', indexUrl: 'https://pypi.org/simple/' };
const TESTPYPI = { name: 'testpypi', uploadUrl: 'https://test.pypi.org/legacy/', indexUrl: 'https://test.pypi.org/simple/' };

const LOCAL = { url: 'http://localhost:8080/', indexUrl: 'http://localhost:8080/simple/' };
const STAGING = { url: 'https://staging.example.com/upload', indexUrl: 'https://staging.example.com/simple' };

function choose(choice: Partial<Omit<RepositoryChoice, 'options'>> & { options?: PyrelPluginOptions }) {
  return resolveRepository({
    requested: choice.requested,
    prerelease: choice.prerelease ?? false,
    env: choice.env ?? {},
    options: normalizePluginOptions(choice.options),
  });
}


describe('resolveRepository', () => {
  const repositories = { local: LOCAL, staging: STAGING };

  describe('which name wins', () => {
    it.each<[string, Parameters<typeof choose>[0], string]>([
      ['the default for a stable version', {}, 'pypi'],
      ['the default for a pre-release', { prerelease: true }, 'testpypi'],
      ['the repository option', { options: { repository: 'local', repositories } }, 'local'],
      ['env PYREL_REPOSITORY over the option', { env: { PYREL_REPOSITORY: 'staging' }, options: { repository: 'local', repositories } }, 'staging'],
      [
        'the requested name over env and option',
        { requested: 'testpypi', env: { PYREL_REPOSITORY: 'staging' }, options: { repository: 'local', repositories } },
        'testpypi',
      ],
      ['the prereleaseRepository option for a pre-release', { prerelease: true, options: { prereleaseRepository: 'local', repositories } }, 'local'],
      [
        'env PYREL_PRERELEASE_REPOSITORY over the option for a pre-release',
        { prerelease: true, env: { PYREL_PRERELEASE_REPOSITORY: 'staging' }, options: { prereleaseRepository: 'local', repositories } },
        'staging',
      ],
      [
        'the requested name over env and option for a pre-release',
        { requested: 'pypi', prerelease: true, env: { PYREL_PRERELEASE_REPOSITORY: 'staging' }, options: { prereleaseRepository: 'local', repositories } },
        'pypi',
      ],
      [
        'not the stable env and option for a pre-release',
        { prerelease: true, env: { PYREL_REPOSITORY: 'staging' }, options: { repository: 'local', repositories } },
        'testpypi',
      ],
      [
        'not the pre-release env and option for a stable version',
        { env: { PYREL_PRERELEASE_REPOSITORY: 'staging' }, options: { prereleaseRepository: 'local', repositories } },
        'pypi',
      ],
    ])('picks %s', (_what, choice, expected) => {
      expect(choose(choice).name).toBe(expected);
    });
  });

  it.each([
    ['pypi', PYPI],
    ['testpypi', TESTPYPI],
  ])('resolves the built-in %s', (name, expected) => {
    expect(choose({ requested: name })).toEqual(expected);
    expect(BUILT_IN_REPOSITORIES[name]).toEqual({ url: expected.uploadUrl, indexUrl: expected.indexUrl });
  });

  it('resolves a user-defined repository and adds missing trailing slashes', () => {
    expect(choose({ requested: 'staging', options: { repositories } })).toEqual({
      name: 'staging',
      uploadUrl: 'https://staging.example.com/upload/',
      indexUrl: 'https://staging.example.com/simple/',
    });
  });

  it('lets a user-defined repository override a built-in of the same name', () => {
    expect(choose({ requested: 'pypi', options: { repositories: { pypi: LOCAL } } })).toEqual({
      name: 'pypi',
      uploadUrl: 'http://localhost:8080/',
      indexUrl: 'http://localhost:8080/simple/',
    });
  });

  it('derives the index of a user-defined repository without indexUrl from its upload URL', () => {
    expect(choose({ requested: 'mine', options: { repositories: { mine: { url: 'http://127.0.0.1:9000/pypi' } } } })).toEqual({
      name: 'mine',
      uploadUrl: 'http://127.0.0.1:9000/pypi/',
      indexUrl: 'http://127.0.0.1:9000/pypi/simple/',
    });
  });

  it.each([
    ['http://localhost:8080', { name: 'url', uploadUrl: 'http://localhost:8080/', indexUrl: 'http://localhost:8080/simple/' }],
    ['https://repo.example.com/pypi/', { name: 'url', uploadUrl: 'https://repo.example.com/pypi/', indexUrl: 'https://repo.example.com/pypi/simple/' }],
    ['HTTPS://repo.example.com/x', { name: 'url', uploadUrl: 'HTTPS://repo.example.com/x/', indexUrl: 'https://repo.example.com/x/simple/' }],
  ])('takes the URL %s given directly', (url, expected) => {
    expect(choose({ requested: url })).toEqual(expected);
  });

  it('takes a URL from env PYREL_REPOSITORY', () => {
    expect(choose({ env: { PYREL_REPOSITORY: 'http://localhost:3141/' } })).toEqual({
      name: 'url',
      uploadUrl: 'http://localhost:3141/',
      indexUrl: 'http://localhost:3141/simple/',
    });
  });

  it('rejects an unknown name with a PyrelError listing the known names', () => {
    const error = thrownBy(() => choose({ requested: 'nope', options: { repositories } }));
    expect(error.title).toBe('Unknown repository "nope".');
    expect(error.bodyLines[0]).toBe('Known repositories: local, staging, pypi, testpypi.');
    expect(error.message).toContain('"repositories": { "nope":');
  });

  it('lists a user-defined repository that shadows a built-in only once among the known names', () => {
    const error = thrownBy(() => choose({ requested: 'nope', options: { repositories: { pypi: LOCAL } } }));
    expect(error.bodyLines[0]).toBe('Known repositories: pypi, testpypi.');
  });

  it.each(['ftp://files.example.com/', 'repo.example.com/legacy/', ''])('rejects the configured url %j with a PyrelError', (url) => {
    const error = thrownBy(() => choose({ requested: 'bad', options: { repositories: { bad: { url } } } }));
    expect(error.title).toBe(`Repository "bad" has an invalid url "${url}" or indexUrl "".`);
  });

  it.each(['https://', 'http://bad host/'])('rejects the unparseable URL %j with a PyrelError, given directly or configured', (url) => {
    expect(thrownBy(() => choose({ requested: url })).title).toBe(`"${url}" is not a valid repository URL.`);
    expect(thrownBy(() => choose({ requested: 'bad', options: { repositories: { bad: { url } } } })).title).toContain('Repository "bad" has an invalid url');
  });

  it('rejects a configured indexUrl that is not an http(s) URL', () => {
    const error = thrownBy(() => choose({ requested: 'bad', options: { repositories: { bad: { url: 'https://up.example.com/', indexUrl: 'simple/' } } } }));
    expect(error.title).toBe('Repository "bad" has an invalid url "https://up.example.com/" or indexUrl "simple/".');
  });

  it.each(['constructor', '__proto__', 'toString'])('treats the object property name %j as an unknown repository', (name) => {
    expect(thrownBy(() => choose({ requested: name })).title).toBe(`Unknown repository "${name}".`);
  });

  it('falls back past empty strings, as CI passes unset variables', () => {
    expect(choose({ requested: '', env: { PYREL_REPOSITORY: '' }, options: { repository: 'testpypi' } }).name).toBe('testpypi');
    expect(choose({ prerelease: true, env: { PYREL_PRERELEASE_REPOSITORY: '' } }).name).toBe('testpypi');
  });
});

describe('isLoopbackUrl', () => {
  it.each([
    ['http://127.0.0.1:8080/', true],
    ['http://127.1.2.3/', true],
    ['http://localhost/', true],
    ['http://LOCALHOST:3141/simple/', true],
    ['http://[::1]:8080/', true],
    ['https://example.com/', false],
    ['http://10.0.0.1/', false],
    ['http://128.0.0.1/', false],
    ['http://localhost.example.com/', false],
    ['http://127.0.0.1.example.com/', false],
    ['https://upload.pypi.org/legacy/', false],
  ])('isLoopbackUrl(%s) is %p', (url, expected) => {
    expect(isLoopbackUrl(url)).toBe(expected);
  });
});
