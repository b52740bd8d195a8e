import { PyrelError } from './errors';
import { availableVersions, parseSimpleIndexHtml, parseSimpleIndexJson, versionOfDistributionFile } from './distribution-files';

describe('versionOfDistributionFile', () => {
  it.each([
    ['my_lib-1.2.0-py3-none-any.whl', 'my-lib', '1.2.0'],
    ['My_Lib-1.2.0-py3-none-any.whl', 'my.lib', '1.2.0'],
    ['my_lib-1.0rc1.dev2-1-cp311-cp311-manylinux_2_17_x86_64.whl', 'my-lib', '1.0rc1.dev2'],
    ['my_lib-1!2.0-py3-none-any.whl', 'my_lib', '1!2.0'],
    ['my_lib-1.0.post1-py3-none-any.whl', 'my-lib', '1.0.post1'],
    ['my_lib-1.0+local.7-py3-none-any.whl', 'my-lib', '1.0+local.7'],
    ['my_lib-1.2.0.tar.gz', 'my-lib', '1.2.0'],
    ['my-lib-1.2.0.tar.gz', 'my-lib', '1.2.0'],
    ['my-lib-2-1.0.zip', 'my-lib-2', '1.0'],
    ['my-lib-1.0-RC1.tar.bz2', 'my-lib', '1.0rc1'],
    ['MY_LIB-1.0.TAR.GZ', 'my-lib', '1.0'],
  ])('%s of %s is %s', (filename, distribution, version) => {
    expect(versionOfDistributionFile(filename, distribution)).toBe(version);
  });

  it.each([
    ['other-1.0-py3-none-any.whl', 'my-lib'],
    ['my_lib_extra-1.0-py3-none-any.whl', 'my-lib'],
    ['my-lib-extra-1.0.tar.gz', 'my-lib'],
    ['my_lib-1.0-py3-any.whl', 'my-lib'],
    ['my_lib-not.a.version-py3-none-any.whl', 'my-lib'],
    ['my_lib-1.0-py3.11.egg', 'my-lib'],
    ['my-lib.tar.gz', 'my-lib'],
    ['my-lib-latest.tar.gz', 'my-lib'],
  ])('%s is not a file of %s', (filename, distribution) => {
    expect(versionOfDistributionFile(filename, distribution)).toBeNull();
  });
});

describe('parseSimpleIndexHtml', () => {
  const base = 'http://127.0.0.1:8080/simple/my-lib/';

  it('reads pypiserver anchors with hash fragments relative to the page', () => {
    const html = `<html><body><h1>Links for my-lib</h1>
      <a href="../../packages/my_lib-1.0.0-py3-none-any.whl#sha256=${'A'.repeat(64)}">my_lib-1.0.0-py3-none-any.whl</a><br>
      <a href="../../packages/my_lib-1.0.0.tar.gz">my_lib-1.0.0.tar.gz</a></body></html>`;
    expect(parseSimpleIndexHtml(html, base)).toEqual([
      { filename: 'my_lib-1.0.0-py3-none-any.whl', url: 'http://127.0.0.1:8080/packages/my_lib-1.0.0-py3-none-any.whl', sha256: 'a'.repeat(64), yanked: false },
      { filename: 'my_lib-1.0.0.tar.gz', url: 'http://127.0.0.1:8080/packages/my_lib-1.0.0.tar.gz', yanked: false },
    ]);
  });

  it('reads data-yanked and entity-encoded data-requires-python in any quoting', () => {
    const html = `<a data-requires-python="&gt;=3.9,&lt;4" href='https://files.example/my_lib-1.1.tar.gz' data-yanked="">my_lib-1.1.tar.gz</a>
      <A HREF=https://files.example/my_lib-1.2.tar.gz DATA-REQUIRES-PYTHON="&#62;=3.10">my_lib-1.2.tar.gz</A>`;
    expect(parseSimpleIndexHtml(html, base)).toEqual([
      { filename: 'my_lib-1.1.tar.gz', url: 'https://files.example/my_lib-1.1.tar.gz', yanked: true, requiresPython: '>=3.9,<4' },
      { filename: 'my_lib-1.2.tar.gz', url: 'https://files.example/my_lib-1.2.tar.gz', yanked: false, requiresPython: '>=3.10' },
    ]);
  });

  it('falls back to the URL path for an empty anchor text and skips anchors without href', () => {
    expect(parseSimpleIndexHtml('<a name="top"></a><a href="/p/my_lib%2D1.0.tar.gz"></a>', base)).toEqual([
      { filename: 'my_lib-1.0.tar.gz', url: 'http://127.0.0.1:8080/p/my_lib%2D1.0.tar.gz', yanked: false },
    ]);
  });

  it('returns nothing for a page without files', () => {
    expect(parseSimpleIndexHtml('<html><body></body></html>', base)).toEqual([]);
  });
});

describe('parseSimpleIndexJson', () => {
  const base = 'https://pypi.org/simple/my-lib/';

  it('reads PEP 691 files, hashes, yanked (boolean or reason) and requires-python', () => {
    const json = {
      meta: { 'api-version': '1.1' },
      name: 'my-lib',
      files: [
        { filename: 'my_lib-1.0.tar.gz', url: 'https://files.example/my_lib-1.0.tar.gz', hashes: { sha256: 'AB'.repeat(32) }, 'requires-python': '>=3.9' },
        { filename: 'my_lib-1.1.tar.gz', url: '../../files/my_lib-1.1.tar.gz', hashes: {}, yanked: 'broken metadata' },
        { filename: 'my_lib-1.2.tar.gz', url: 'x/my_lib-1.2.tar.gz', hashes: {}, yanked: false, 'requires-python': '' },
      ],
    };
    expect(parseSimpleIndexJson(json, base)).toEqual([
      { filename: 'my_lib-1.0.tar.gz', url: 'https://files.example/my_lib-1.0.tar.gz', sha256: 'ab'.repeat(32), yanked: false, requiresPython: '>=3.9' },
      { filename: 'my_lib-1.1.tar.gz', url: 'https://pypi.org/files/my_lib-1.1.tar.gz', yanked: true },
      { filename: 'my_lib-1.2.tar.gz', url: 'https://pypi.org/simple/my-lib/x/my_lib-1.2.tar.gz', yanked: false },
    ]);
  });

  it.each([[null], [{}], [{ files: 'x' }], [{ files: [{ filename: 'a.tar.gz' }] }], [{ files: [null] }]])('rejects %j with a PyrelError naming the index', (json) => {
    expect(() => parseSimpleIndexJson(json, base)).toThrow(PyrelError);
    expect(() => parseSimpleIndexJson(json, base)).toThrow(base);
  });
});

describe('availableVersions', () => {
  it('keeps unique non-yanked versions of the distribution in PEP 440 order', () => {
    const file = (filename: string, yanked = false) => ({ filename, url: `https://x/${filename}`, yanked });
    expect(
      availableVersions(
        [
          file('my_lib-1.10.0.tar.gz'),
          file('my_lib-1.10.0-py3-none-any.whl'),
          file('my_lib-1.9.0.tar.gz'),
          file('my_lib-1.10.0rc1.tar.gz'),
          file('my_lib-1!0.1.tar.gz'),
          file('my_lib-2.0.tar.gz', true),
          file('other-3.0.tar.gz'),
          file('README.html'),
        ],
        'my-lib',
      ),
    ).toEqual(['1.9.0', '1.10.0rc1', '1.10.0', '1!0.1']);
  });
});
