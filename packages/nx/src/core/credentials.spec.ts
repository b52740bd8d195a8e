import { credentialEnvSuffix, LOCAL_INDEX_PASSWORD, LOCAL_INDEX_USERNAME, resolveCredentials, uploadLogin } from './credentials';
import { PyrelError } from './errors';
import type { Repository } from './repositories';

const PYPI: Repository = { name: 'pypi', uploadUrl: 'https://upload.pypi.org/legacy/', indexUrl: 'https://pypi.org/simple/' };
const LOCAL_INDEX: Repository = { name: 'local-index', uploadUrl: 'http://127.0.0.1:8080/', indexUrl: 'http://127.0.0.1:8080/simple/' };

const OIDC = { GITHUB_ACTIONS: 'true', ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token' };
const ALL_OTHER_CREDENTIALS = {
  PYREL_TOKEN_PYPI: 'pyrel-token',
  PYREL_USERNAME_PYPI: 'pyrel-user',
  PYREL_PASSWORD_PYPI: 'pyrel-password',
  UV_PUBLISH_TOKEN: 'uv-token',
  TWINE_USERNAME: 'twine-user',
  TWINE_PASSWORD: 'twine-password',
};

describe('credentialEnvSuffix', () => {
  it.each([
    ['pypi', 'PYPI'],
    ['local-index', 'LOCAL_INDEX'],
    ['my.repo', 'MY_REPO'],
    ['a--b..c', 'A_B_C'],
    ['repo2', 'REPO2'],
  ])('turns %j into %j', (name, expected) => {
    expect(credentialEnvSuffix(name)).toBe(expected);
  });
});

describe('resolveCredentials', () => {
  it('uses trusted publishing on GitHub Actions with an OIDC token, before any other credentials', () => {
    expect(resolveCredentials(PYPI, { ...OIDC, ...ALL_OTHER_CREDENTIALS })).toEqual({
      kind: 'trusted-publishing',
      source: 'GitHub Actions OIDC (trusted publishing)',
    });
  });

  it.each([
    ['GITHUB_ACTIONS is not "true"', { ...OIDC, GITHUB_ACTIONS: 'false' }],
    ['GITHUB_ACTIONS is unset', { ...OIDC, GITHUB_ACTIONS: undefined }],
    ['ACTIONS_ID_TOKEN_REQUEST_URL is unset', { ...OIDC, ACTIONS_ID_TOKEN_REQUEST_URL: undefined }],
    ['ACTIONS_ID_TOKEN_REQUEST_TOKEN is empty', { ...OIDC, ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' }],
  ])('does not use trusted publishing when %s', (_what, oidc) => {
    expect(resolveCredentials(PYPI, { ...oidc, UV_PUBLISH_TOKEN: 'uv-token' })).toEqual({ kind: 'token', source: 'UV_PUBLISH_TOKEN', token: 'uv-token' });
  });

  it.each<[string, Record<string, string | undefined>, ReturnType<typeof resolveCredentials>]>([
    ['PYREL_TOKEN_<NAME> first', ALL_OTHER_CREDENTIALS, { kind: 'token', source: 'PYREL_TOKEN_PYPI', token: 'pyrel-token' }],
    [
      'PYREL_USERNAME_/PASSWORD_<NAME> next',
      { ...ALL_OTHER_CREDENTIALS, PYREL_TOKEN_PYPI: undefined },
      { kind: 'password', source: 'PYREL_USERNAME_PYPI/PYREL_PASSWORD_PYPI', username: 'pyrel-user', password: 'pyrel-password' },
    ],
    [
      'UV_PUBLISH_TOKEN when the PYREL username has no password',
      { ...ALL_OTHER_CREDENTIALS, PYREL_TOKEN_PYPI: undefined, PYREL_PASSWORD_PYPI: undefined },
      { kind: 'token', source: 'UV_PUBLISH_TOKEN', token: 'uv-token' },
    ],
    [
      'UV_PUBLISH_TOKEN when the PYREL password has no username',
      { ...ALL_OTHER_CREDENTIALS, PYREL_TOKEN_PYPI: undefined, PYREL_USERNAME_PYPI: '' },
      { kind: 'token', source: 'UV_PUBLISH_TOKEN', token: 'uv-token' },
    ],
    [
      'TWINE_USERNAME/TWINE_PASSWORD last',
      { TWINE_USERNAME: 'twine-user', TWINE_PASSWORD: 'twine-password' },
      { kind: 'password', source: 'TWINE_USERNAME/TWINE_PASSWORD', username: 'twine-user', password: 'twine-password' },
    ],
    ['PYREL_TOKEN_<NAME> even when empty-valued vars of other kinds exist', { PYREL_TOKEN_PYPI: 'pyrel-token', UV_PUBLISH_TOKEN: '' }, { kind: 'token', source: 'PYREL_TOKEN_PYPI', token: 'pyrel-token' }],
  ])('uses %s', (_what, env, expected) => {
    expect(resolveCredentials(PYPI, env)).toEqual(expected);
  });

  it('ignores the credentials of another repository', () => {
    expect(() => resolveCredentials(PYPI, { PYREL_TOKEN_TESTPYPI: 'test-token', PYREL_USERNAME_LOCAL: 'u', PYREL_PASSWORD_LOCAL: 'p' })).toThrow(PyrelError);
  });

  it('reads the variables of a repository whose name needs a suffix', () => {
    expect(resolveCredentials(LOCAL_INDEX, { PYREL_TOKEN_LOCAL_INDEX: 'local-token' })).toEqual({
      kind: 'token',
      source: 'PYREL_TOKEN_LOCAL_INDEX',
      token: 'local-token',
    });
  });

  it.each(['http://127.0.0.1:8080/', 'http://localhost:3141/', 'http://[::1]:8080/'])('uploads anonymously to the loopback index %s without credentials', (url) => {
    expect(resolveCredentials({ name: 'local', uploadUrl: url, indexUrl: `${url}simple/` }, {})).toEqual({
      kind: 'anonymous',
      source: 'none needed for a local index',
    });
  });

  it('prefers configured credentials to anonymous upload for a loopback index', () => {
    expect(resolveCredentials(LOCAL_INDEX, { UV_PUBLISH_TOKEN: 'uv-token' })).toEqual({ kind: 'token', source: 'UV_PUBLISH_TOKEN', token: 'uv-token' });
  });

  describe('.pypirc', () => {
    const pypirc = { path: '/home/me/.pypirc', sections: [{ name: 'pypi', username: '__token__', password: 'pypirc-token' }, { name: 'corp', repository: 'http://127.0.0.1:9/', username: 'bot', password: 'pw' }] };

    it('comes after every environment source, a __token__ user meaning a token', () => {
      expect(resolveCredentials(PYPI, {}, pypirc)).toEqual({ kind: 'token', source: '/home/me/.pypirc [pypi]', token: 'pypirc-token' });
      expect(resolveCredentials(PYPI, { TWINE_USERNAME: 'u', TWINE_PASSWORD: 'p' }, pypirc).source).toBe('TWINE_USERNAME/TWINE_PASSWORD');
    });

    it('matches a section by upload URL and wins over the dummy credentials of a local index', () => {
      expect(resolveCredentials({ name: 'url', uploadUrl: 'http://127.0.0.1:9/', indexUrl: 'http://127.0.0.1:9/simple/' }, {}, pypirc)).toEqual({
        kind: 'password',
        source: '/home/me/.pypirc [corp]',
        username: 'bot',
        password: 'pw',
      });
    });

    it('is named in the error when nothing is found', () => {
      expect(() => resolveCredentials(PYPI, {}, { path: '/home/me/.pypirc', sections: [] })).toThrow(/\[pypi\] section with username and password in \/home\/me\/\.pypirc/);
    });
  });

  describe('without usable credentials for a remote index', () => {
    const halfSet = {
      PYREL_USERNAME_PYPI: 'lonely-username',
      TWINE_PASSWORD: 'twine-password-without-user',
      PYREL_TOKEN_TESTPYPI: 'token-for-another-repository',
    };

    function failure(): PyrelError {
      try {
        resolveCredentials(PYPI, halfSet);
      } catch (error) {
        if (error instanceof PyrelError) return error;
        throw error;
      }
      throw new Error('expected a PyrelError');
    }

    it('throws a PyrelError naming the repository and every environment variable it reads', () => {
      const error = failure();
      expect(error.title).toBe('No credentials found for repository "pypi" (https://upload.pypi.org/legacy/).');
      for (const name of ['PYREL_TOKEN_PYPI', 'PYREL_USERNAME_PYPI', 'PYREL_PASSWORD_PYPI', 'UV_PUBLISH_TOKEN', 'TWINE_USERNAME', 'TWINE_PASSWORD']) {
        expect(error.message).toContain(name);
      }
      expect(error.message).toContain('id-token: write');
    });

    it('never includes a value from the environment in the message', () => {
      const { message } = failure();
      for (const value of Object.values(halfSet)) expect(message).not.toContain(value);
    });
  });
});

describe('uploadLogin', () => {
  it('sends a token as the password of __token__, a password as given, dummy credentials to a local index, nothing for trusted publishing', () => {
    expect(uploadLogin({ kind: 'token', source: 's', token: 't0ken' })).toEqual({ username: '__token__', password: 't0ken' });
    expect(uploadLogin({ kind: 'password', source: 's', username: 'u', password: 'p' })).toEqual({ username: 'u', password: 'p' });
    expect(uploadLogin({ kind: 'anonymous', source: 's' })).toEqual({ username: LOCAL_INDEX_USERNAME, password: LOCAL_INDEX_PASSWORD });
    expect(uploadLogin({ kind: 'trusted-publishing', source: 's' })).toBeNull();
  });
});
