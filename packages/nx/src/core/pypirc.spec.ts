import { parsePypirc, pypircSectionFor } from './pypirc';

const PYPIRC = `[distutils]
index-servers =
    pypi
    internal

[pypi]
username = __token__
password = pypi-AgEIcHlwaS5vcmc

; a comment
[internal]
repository: https://pkgs.example.com/upload/
USERNAME: ci-bot
password = s3cret with spaces
# another comment
`;

describe('parsePypirc', () => {
  it('reads sections with = or : pairs, case-insensitive keys, skipping comments and continuation lines', () => {
    expect(parsePypirc(PYPIRC)).toEqual([
      { name: 'distutils' },
      { name: 'pypi', username: '__token__', password: 'pypi-AgEIcHlwaS5vcmc' },
      { name: 'internal', repository: 'https://pkgs.example.com/upload/', username: 'ci-bot', password: 's3cret with spaces' },
    ]);
  });

  it('handles CRLF, keys before any section, and unknown keys', () => {
    expect(parsePypirc('username = orphan\r\n[x]\r\nfoo = bar\r\nusername = u\r\n')).toEqual([{ name: 'x', username: 'u' }]);
  });
});

describe('pypircSectionFor', () => {
  const sections = parsePypirc(PYPIRC);
  it('finds a section by repository name, else by upload URL (trailing slashes ignored)', () => {
    expect(pypircSectionFor(sections, 'pypi', 'https://upload.pypi.org/legacy/')?.username).toBe('__token__');
    expect(pypircSectionFor(sections, 'corp', 'https://pkgs.example.com/upload')?.name).toBe('internal');
    expect(pypircSectionFor(sections, 'testpypi', 'https://test.pypi.org/legacy/')).toBeUndefined();
    expect(pypircSectionFor(sections, 'distutils', 'https://x/')).toBeUndefined();
  });
});
