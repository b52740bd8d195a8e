import { REDACTED, redact, secretsFromEnv } from './redact';

describe('redact', () => {
  it('masks every occurrence of a secret', () => {
    expect(redact('token=s3cret and again s3cret.', ['s3cret'])).toBe(`token=${REDACTED} and again ${REDACTED}.`);
  });

  it('masks each of several secrets', () => {
    expect(redact('user alice-pass, token pypi-AgEN', ['alice-pass', 'pypi-AgEN'])).toBe(`user ${REDACTED}, token ${REDACTED}`);
  });

  it.each([
    ['shorter listed first', ['abcd', 'abcdefgh']],
    ['longer listed first', ['abcdefgh', 'abcd']],
  ])('masks a secret that contains another secret whole (%s)', (_order, secrets) => {
    expect(redact('x abcdefgh y abcd z', secrets)).toBe(`x ${REDACTED} y ${REDACTED} z`);
  });

  it.each(['', 'a', 'ab', 'abc'])('ignores the secret %j, shorter than four characters', (secret) => {
    expect(redact('abc abcabc', [secret])).toBe('abc abcabc');
  });

  it('masks a four-character secret', () => {
    expect(redact('abcd', ['abcd'])).toBe(REDACTED);
  });

  it('treats a secret listed twice like one listed once', () => {
    expect(redact('one s3cret two s3cret', ['s3cret', 's3cret'])).toBe(`one ${REDACTED} two ${REDACTED}`);
  });

  it('masks secrets that overlap without containing each other as one span', () => {
    expect(redact('x abcdefghi y', ['abcdef', 'defghi'])).toBe(`x ${REDACTED} y`);
    expect(redact('abcdef defghi', ['abcdef', 'defghi'])).toBe(`${REDACTED} ${REDACTED}`);
  });

  it('leaves text without secrets unchanged', () => {
    expect(redact('nothing to hide here', ['s3cret'])).toBe('nothing to hide here');
    expect(redact('nothing to hide here', [])).toBe('nothing to hide here');
  });
});

describe('secretsFromEnv', () => {
  it.each([
    'PYREL_TOKEN_PYPI',
    'PYREL_TOKEN_LOCAL_INDEX',
    'PYREL_PASSWORD_PYPI',
    'UV_PUBLISH_TOKEN',
    'UV_PUBLISH_PASSWORD',
    'TWINE_PASSWORD',
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  ])('counts the value of %s as a secret', (name) => {
    expect(secretsFromEnv({ [name]: 'value-1234' })).toEqual(['value-1234']);
  });

  it.each([
    'PYREL_USERNAME_PYPI',
    'TWINE_USERNAME',
    'UV_PUBLISH_USERNAME',
    'PYREL_TOKEN_',
    'PYREL_REPOSITORY',
    'ACTIONS_ID_TOKEN_REQUEST_URL',
    'GITHUB_TOKEN_X',
    'MY_PYREL_TOKEN_PYPI',
    'PATH',
  ])('does not count the value of %s', (name) => {
    expect(secretsFromEnv({ [name]: 'value-1234' })).toEqual([]);
  });

  it('skips empty and unset credential variables', () => {
    expect(secretsFromEnv({ PYREL_TOKEN_PYPI: '', TWINE_PASSWORD: undefined, UV_PUBLISH_TOKEN: 'tok-1234' })).toEqual(['tok-1234']);
  });

  it('collects every credential value of a mixed environment', () => {
    const env = {
      PATH: '/usr/bin',
      PYREL_TOKEN_PYPI: 'pypi-token',
      PYREL_USERNAME_LOCAL: 'alice',
      PYREL_PASSWORD_LOCAL: 'alice-password',
      TWINE_USERNAME: '__token__',
      TWINE_PASSWORD: 'twine-password',
    };
    expect(secretsFromEnv(env).sort()).toEqual(['alice-password', 'pypi-token', 'twine-password']);
  });
});
