import { globToRegExp, matchesMembers } from './globs';

describe('globToRegExp', () => {
  it.each([
    // `*` stays within one segment.
    ['crates/*', 'crates/a', true],
    ['crates/*', 'crates/core-utils', true],
    ['crates/*', 'crates/a/b', false],
    ['crates/*', 'crates', false],
    ['crates/*', 'other/a', false],
    ['*', 'a', true],
    ['*', 'a/b', false],
    ['py-*', 'py-fast', true],
    ['*-sys', 'zstd-sys', true],
    ['*-sys', 'x/zstd-sys', false],
    // `**` spans any number of segments.
    ['crates/**', 'crates/a', true],
    ['crates/**', 'crates/a/b/c', true],
    ['crates/**', 'crates', false],
    ['crates/**', 'other/a', false],
    ['**/x', 'x', true],
    ['**/x', 'a/x', true],
    ['**/x', 'a/b/x', true],
    ['**/x', 'a/xx', false],
    ['**/x', 'x/a', false],
    ['crates/**/core', 'crates/core', true],
    ['crates/**/core', 'crates/a/b/core', true],
    ['crates/**/core', 'crates/a/b/core2', false],
    // `?` is exactly one character within a segment.
    ['py-?', 'py-a', true],
    ['py-?', 'py-ab', false],
    ['py-?', 'py-', false],
    ['py-?', 'py-/', false],
    // Character classes, negated with `!`.
    ['[ab]x', 'ax', true],
    ['[ab]x', 'bx', true],
    ['[ab]x', 'cx', false],
    ['[ab]x', 'abx', false],
    ['[!a]x', 'bx', true],
    ['[!a]x', 'ax', false],
    ['lib[0-9]', 'lib7', true],
    ['lib[0-9]', 'libx', false],
    ['lib[', 'lib[', true],
    ['lib[', 'libx', false],
    // A trailing slash and a leading `./` are not part of the pattern.
    ['crates/*/', 'crates/a', true],
    ['./crates/*', 'crates/a', true],
    ['./crates/*/', 'crates/a', true],
    ['./py/fast', 'py/fast', true],
    // Backslash separators are read as `/`.
    ['crates\\*', 'crates/a', true],
    // Regular-expression metacharacters in names are literal.
    ['a.b', 'a.b', true],
    ['a.b', 'axb', false],
    ['a+b', 'a+b', true],
    ['a+b', 'aab', false],
    ['a(b)', 'a(b)', true],
    ['a(b)', 'ab', false],
    ['a$b^c', 'a$b^c', true],
    ['a{1}', 'a{1}', true],
    ['a{1}', 'a', false],
    ['a|b', 'a|b', true],
    ['a|b', 'a', false],
    // A character class, negated or not, never matches the separator.
    ['a[!b]c', 'a/c', false],
    ['a[!b]c', 'axc', true],
    ['crates/[!x]*', 'crates//', false],
    ['a[/x]c', 'a/c', false],
    ['a[/x]c', 'axc', true],
    // The whole path must match.
    ['crates/a', 'crates/ab', false],
    ['crates/a', 'x/crates/a', false],
  ])('%j against %j: %s', (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });

  it('returns the same expression for the same glob', () => {
    expect(globToRegExp('cached/*')).toBe(globToRegExp('cached/*'));
  });
});

describe('matchesMembers', () => {
  it.each([
    ['included by a glob', 'crates/a', ['crates/*'], [], true],
    ['included by a literal', 'py/fast', ['crates/*', 'py/fast'], [], true],
    ['included by no glob', 'tools/x', ['crates/*', 'py/fast'], [], false],
    ['included and excluded: exclude wins', 'crates/legacy', ['crates/*'], ['crates/legacy'], false],
    ['excluded by a glob', 'crates/old-a', ['crates/*'], ['crates/old-*'], false],
    ['included, exclude names another path', 'crates/a', ['crates/*'], ['crates/legacy'], true],
    ['no include globs', 'crates/a', [], [], false],
    ['excluded only', 'crates/a', [], ['crates/a'], false],
  ])('%s: %j', (_what, path, include, exclude, expected) => {
    expect(matchesMembers(path, include, exclude)).toBe(expected);
  });
});
