import { parseCoreMetadata } from './core-metadata';
import { fileNamePrefix, sdistNameProblem, wheelProblems } from './distribution-checks';

const metadata = (name: string, version: string) => parseCoreMetadata(`Metadata-Version: 2.4\nName: ${name}\nVersion: ${version}\n\nreadme\n`);
const DIST_INFO = ['my_lib-1.2.0.dist-info/METADATA', 'my_lib-1.2.0.dist-info/RECORD', 'my_lib-1.2.0.dist-info/WHEEL'];

describe('fileNamePrefix', () => {
  it.each([['My.Lib', 'my_lib'], ['my--lib', 'my_lib'], ['mylib', 'mylib']])('%s -> %s', (name, prefix) => expect(fileNamePrefix(name)).toBe(prefix));
});

describe('wheelProblems', () => {
  const check = (entries: string[], overrides: Partial<Parameters<typeof wheelProblems>[0]> = {}) =>
    wheelProblems({ fileName: 'my_lib-1.2.0-py3-none-any.whl', entries: [...entries, ...DIST_INFO], metadata: metadata('My-Lib', '1.2.0'), distribution: 'my-lib', ...overrides });

  it('accepts a package, a module, stubs, a .pth, extension modules and .data scripts', () => {
    expect(check(['my_lib/__init__.py', 'my_lib/py.typed', 'helper.py', 'helper.pyi', 'my_lib.pth', '_core.cpython-311-x86_64-linux-gnu.so', 'fast.abi3.so', 'my_lib-1.2.0.data/scripts/tool'])).toEqual([]);
    expect(check(['my_lib/__init__.py', 'my_lib/tests/test_a.py'])).toEqual([]);
  });

  it('flags stray top-level directories unless allowed, and non-module files at the top', () => {
    expect(check(['my_lib/__init__.py', 'tests/__init__.py', 'tests/test_a.py', 'README.md'])).toEqual([
      'README.md sits at the top level of the wheel and would install straight into site-packages',
      'it ships a top-level "tests/" that would install as a package named tests (exclude it from the wheel, or list it in allowTopLevel)',
    ]);
    expect(check(['my_lib/__init__.py', 'tests/test_a.py'], { allowTopLevel: ['tests'] })).toEqual([]);
  });

  it('flags a wheel with no module at all', () => {
    expect(check([])).toEqual(['it contains no Python module or package']);
  });

  it('checks the file name and METADATA against the distribution', () => {
    expect(check(['my_lib/__init__.py'], { fileName: 'My.Lib-1.2.0-py3-none-any.whl' })).toEqual(['the file name starts with "My.Lib", not the normalised name "my_lib"']);
    expect(check(['my_lib/__init__.py'], { metadata: metadata('other', '1.2.0') })).toEqual(['METADATA names "other", not my-lib']);
    expect(check(['my_lib/__init__.py'], { metadata: metadata('my-lib', '1.3.0') })).toEqual(['the file name says version 1.2.0 but METADATA says 1.3.0']);
    expect(check(['my_lib/__init__.py'], { metadata: metadata('my-lib', 'latest') })).toEqual(['METADATA has no valid Version (found "latest")']);
    expect(check(['my_lib/__init__.py'], { fileName: 'my_lib-1.2-py3-none-any.whl', metadata: metadata('my-lib', '1.2.0') })).toEqual(['the file name says version 1.2 but METADATA says 1.2.0']);
  });
});

describe('sdistNameProblem', () => {
  it('accepts the PEP 625 name and names the expected one otherwise', () => {
    expect(sdistNameProblem('my_lib-1.2.0.tar.gz', 'My.Lib', '1.2.0')).toBeNull();
    expect(sdistNameProblem('my_lib-1.0rc1.tar.gz', 'my-lib', '1.0-RC1')).toBeNull();
    expect(sdistNameProblem('My.Lib-1.2.0.tar.gz', 'my-lib', '1.2.0')).toBe('the sdist is named My.Lib-1.2.0.tar.gz; PEP 625 names it my_lib-1.2.0.tar.gz');
  });
});
