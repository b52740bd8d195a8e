import { findDunderVersion, replaceDunderVersion } from './dunder-version';

describe('findDunderVersion', () => {
  it.each([
    ['__version__ = "1.2.0"\n', '1.2.0'],
    ["__version__ = '1.2.0'  # bumped by @pyrel/nx\n", '1.2.0'],
    ['"""Docstring."""\n\n__version__: str = "2.0.0b1"\n', '2.0.0b1'],
    ['__version__: Final[str] = "3.0"\r\n', '3.0'],
    ['__version__="1!2.0.post1"', '1!2.0.post1'],
  ])('reads %j', (text, expected) => {
    expect(findDunderVersion(text)?.value).toBe(expected);
  });

  it.each([
    ['no assignment', 'VERSION = "1.0"\n'],
    ['a computed version', '__version__ = version("mylib")\n'],
    ['an indented assignment', 'if True:\n    __version__ = "1.0"\n'],
    ['a triple-quoted string', '__version__ = """1.0"""\n'],
    ['mismatched quotes', '__version__ = "1.0\'\n'],
  ])('finds nothing in %s', (_what, text) => {
    expect(findDunderVersion(text)).toBeNull();
  });
});

describe('replaceDunderVersion', () => {
  it.each([
    ['__version__ = "1.2.0"\n', '__version__ = "1.3.0"\n'],
    ["x = 1\n__version__ = '1.2.0'  # keep me\r\ny = 2\r\n", "x = 1\n__version__ = '1.3.0'  # keep me\r\ny = 2\r\n"],
    ['__version__: str = "1.2.0"', '__version__: str = "1.3.0"'],
  ])('rewrites only the version in %j', (text, expected) => {
    const found = findDunderVersion(text);
    expect(found).not.toBeNull();
    expect(replaceDunderVersion(text, found!, '1.3.0')).toBe(expected);
  });
});
