import { directoryOf, isWithin, relativeTo, resolveInWorkspace } from './workspace-paths';

describe('resolveInWorkspace', () => {
  it.each([
    ['libs/a', '../b', 'libs/b'],
    ['libs/a', '../../crates/core', 'crates/core'],
    ['libs/a', 'rust', 'libs/a/rust'],
    ['libs/a', './rust/Cargo.toml', 'libs/a/rust/Cargo.toml'],
    ['.', 'libs/x', 'libs/x'],
    ['.', './libs/x', 'libs/x'],
    ['libs/a', '..\\b', 'libs/b'],
    ['libs/a', '..\\..\\crates\\core', 'crates/core'],
    ['libs/a', '../b/', 'libs/b'],
    ['libs/a', 'rust/./x/../y', 'libs/a/rust/y'],
    ['libs/a', '../..', '.'],
    ['libs/a', '../../', '.'],
    ['.', '.', '.'],
    ['libs/a', '.', 'libs/a'],
    ['libs/a', '', 'libs/a'],
  ])('%j + %j -> %j', (directory, relative, expected) => {
    expect(resolveInWorkspace(directory, relative)).toBe(expected);
  });

  it.each([
    ['.', '..'],
    ['.', '../outside'],
    ['libs/a', '../../..'],
    ['libs/a', '../../../vendor/x'],
    ['libs/a', '..\\..\\..\\vendor'],
    ['libs', 'x/../../../y'],
    // Absolute paths are never inside the workspace.
    ['libs/a', '/etc/x'],
    ['.', '/abs/crates/x'],
    ['libs/a', 'C:\\x'],
    ['libs/a', 'c:/x'],
    ['libs/a', '\\\\server\\share'],
  ])('%j + %j leaves the workspace: null', (directory, relative) => {
    expect(resolveInWorkspace(directory, relative)).toBeNull();
  });
});

describe('isWithin', () => {
  it.each([
    ['libs/a', 'libs/a', true],
    ['libs/a/b', 'libs/a', true],
    ['libs/a/b/Cargo.toml', 'libs/a', true],
    ['libs/ab', 'libs/a', false],
    ['libs', 'libs/a', false],
    ['crates/x', 'libs/a', false],
    ['anything/at/all', '.', true],
    ['.', '.', true],
    ['.', 'libs', false],
  ])('%j within %j: %s', (child, parent, expected) => {
    expect(isWithin(child, parent)).toBe(expected);
  });
});

describe('relativeTo', () => {
  it.each([
    ['crates/a', 'crates', 'a'],
    ['crates/a/b', 'crates', 'a/b'],
    ['libs/a', '.', 'libs/a'],
    ['crates', 'crates', '.'],
    ['.', '.', '.'],
  ])('%j relative to %j -> %j', (child, parent, expected) => {
    expect(relativeTo(child, parent)).toBe(expected);
  });
});

describe('directoryOf', () => {
  it.each([
    ['libs/a/pyproject.toml', 'libs/a'],
    ['crates/core/Cargo.toml', 'crates/core'],
    ['pyproject.toml', '.'],
    ['Cargo.toml', '.'],
  ])('%j -> %j', (file, expected) => {
    expect(directoryOf(file)).toBe(expected);
  });
});
