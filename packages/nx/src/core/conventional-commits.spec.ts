import { PyrelError } from './errors';
import {
  bumpFromCommits,
  ConventionalCommit,
  parseConventionalCommit,
  prependChangelogEntry,
  renderChangelogEntry,
  renderTag,
  tagGlob,
  versionFromTag,
} from './conventional-commits';

const HASH = 'abc1234def5678abc1234def5678abc1234def56';

function commit(type: string, subject: string, extra: Partial<ConventionalCommit> = {}): ConventionalCommit {
  return { hash: HASH, type, subject, breaking: false, body: '', ...extra };
}

describe('parseConventionalCommit', () => {
  it.each<[string, string, Partial<ConventionalCommit>]>([
    ['plain type', 'feat: add thing', { type: 'feat', scope: undefined, breaking: false, subject: 'add thing', body: '' }],
    ['scope', 'fix(api): handle null', { type: 'fix', scope: 'api', breaking: false, subject: 'handle null' }],
    ['scope with dash', 'fix(my-lib): x', { type: 'fix', scope: 'my-lib', subject: 'x' }],
    ['bang', 'feat!: drop py3.8', { type: 'feat', scope: undefined, breaking: true, subject: 'drop py3.8' }],
    ['scope and bang', 'fix(api)!: rename', { type: 'fix', scope: 'api', breaking: true, subject: 'rename' }],
    ['uppercase type', 'Feat: shout', { type: 'feat', subject: 'shout' }],
    ['subject with colon', 'docs: a: b', { type: 'docs', subject: 'a: b' }],
    ['body', 'perf: faster\n\nMuch faster now.\n\nReally.\n', { type: 'perf', body: 'Much faster now.\n\nReally.' }],
    ['CRLF body', 'fix: x\r\n\r\nbody line\r\n', { subject: 'x', body: 'body line' }],
    ['BREAKING CHANGE footer', 'feat: x\n\nSome text.\n\nBREAKING CHANGE: config moved', { breaking: true }],
    ['BREAKING-CHANGE footer', 'refactor: x\n\nBREAKING-CHANGE: gone', { type: 'refactor', breaking: true }],
    ['footer mention mid-line is not breaking', 'fix: x\n\nno BREAKING CHANGE: here', { breaking: false }],
    ['surrounding whitespace', '\n  chore(deps): bump  \n', { type: 'chore', scope: 'deps', subject: 'bump' }],
  ])('parses %s', (_, message, expected) => {
    const parsed = parseConventionalCommit(HASH, message);
    expect(parsed).not.toBeNull();
    const { scope, ...rest } = expected;
    expect(parsed).toMatchObject({ hash: HASH, ...rest });
    if ('scope' in expected) expect(parsed?.scope).toBe(scope);
  });

  it.each([
    ['merge', "Merge branch 'x' into main"],
    ['free form', 'update stuff'],
    ['empty subject', 'feat: '],
    ['no space after colon', 'feat:x'],
    ['empty scope', 'feat(): x'],
    ['type with digits', 'feat2: x'],
    ['space before colon', 'feat : x'],
    ['empty message', ''],
  ])('rejects %s', (_, message) => {
    expect(parseConventionalCommit(HASH, message)).toBeNull();
  });
});

describe('bumpFromCommits', () => {
  it.each<[string, ConventionalCommit[], string | null]>([
    ['nothing', [], null],
    ['docs and chore only', [commit('docs', 'a'), commit('chore', 'b')], null],
    ['fix', [commit('fix', 'a'), commit('docs', 'b')], 'patch'],
    ['perf', [commit('perf', 'a')], 'patch'],
    ['feat beats fix', [commit('fix', 'a'), commit('feat', 'b')], 'minor'],
    ['breaking beats feat', [commit('feat', 'a'), commit('chore', 'b', { breaking: true })], 'major'],
  ])('%s', (_, commits, expected) => {
    expect(bumpFromCommits(commits)).toBe(expected);
  });
});

describe('renderChangelogEntry', () => {
  it('renders sections in order, breaking commits only once', () => {
    const entry = renderChangelogEntry({
      version: '1.3.0',
      date: '2026-11-24',
      commits: [
        commit('fix', 'null check', { scope: 'api' }),
        commit('feat', 'new option'),
        commit('feat', 'drop old flag', { scope: 'cli', breaking: true }),
        commit('perf', 'cache'),
        commit('docs', 'readme'),
      ],
    });
    expect(entry).toBe(
      [
        '## 1.3.0 (2026-11-24)',
        '',
        '### ⚠ Breaking changes',
        '',
        '- **cli:** drop old flag (abc1234)',
        '',
        '### Features',
        '',
        '- new option (abc1234)',
        '',
        '### Bug fixes',
        '',
        '- **api:** null check (abc1234)',
        '',
        '### Performance',
        '',
        '- cache (abc1234)',
        '',
      ].join('\n'),
    );
  });

  it('omits empty sections', () => {
    const entry = renderChangelogEntry({ version: '0.1.1', date: '2026-01-02', commits: [commit('fix', 'a'), commit('fix', 'b')] });
    expect(entry).toBe('## 0.1.1 (2026-01-02)\n\n### Bug fixes\n\n- a (abc1234)\n- b (abc1234)\n');
  });

  it.each<[string, ConventionalCommit[]]>([
    ['no commits', []],
    ['only chores', [commit('chore', 'x'), commit('docs', 'y')]],
  ])('says so when there is nothing notable: %s', (_, commits) => {
    expect(renderChangelogEntry({ version: '1.0.1', date: '2026-01-02', commits })).toBe('## 1.0.1 (2026-01-02)\n\n- No notable changes.\n');
  });
});

describe('prependChangelogEntry', () => {
  const entry = '## 2.0.0 (2026-02-02)\n\n- No notable changes.\n';

  it.each([null, ''])('creates a changelog from %p', (existing) => {
    expect(prependChangelogEntry(existing, entry)).toBe(`# Changelog\n\n${entry}`);
  });

  it.each([
    ['standard', '# Changelog\n\n## 1.0.0 (2026-01-01)\n\n- x\n', '# Changelog\n\n'],
    ['intro paragraph', '# Changelog\n\nAll notable changes.\nSee docs.\n\n## 1.0.0\n\n- x\n', '# Changelog\n\nAll notable changes.\nSee docs.\n\n'],
    ['no blank line above first release', '# Changelog\n## 1.0.0\n- x', '# Changelog\n\n'],
    ['several blank lines above', '# Changelog\n\n\n## 1.0.0\n', '# Changelog\n\n\n'],
    ['release at top of file', '## 1.0.0\n- x\n', ''],
  ])('inserts before the first release: %s', (_, existing, head) => {
    const tail = existing.slice(existing.indexOf('## '));
    expect(prependChangelogEntry(existing, entry)).toBe(`${head}${entry}\n${tail}`);
  });

  it('ignores ### headings and ## inside a line', () => {
    const existing = '# Changelog\n\n### Notes x ## y\n\n## 1.0.0\n';
    expect(prependChangelogEntry(existing, entry)).toBe(`# Changelog\n\n### Notes x ## y\n\n${entry}\n## 1.0.0\n`);
  });

  it.each([
    ['trailing newline', '# Changelog\n', '# Changelog\n\n'],
    ['no trailing newline', '# Changelog', '# Changelog\n\n'],
    ['trailing blank line', 'Intro.\n\n', 'Intro.\n\n'],
  ])('appends when there is no release yet: %s', (_, existing, head) => {
    expect(prependChangelogEntry(existing, entry)).toBe(`${head}${entry}`);
  });

  it('keeps CRLF line endings', () => {
    const existing = '# Changelog\r\n\r\nIntro.\r\n\r\n## 1.0.0 (2026-01-01)\r\n\r\n- x\r\n';
    const result = prependChangelogEntry(existing, entry);
    expect(result).toBe(`# Changelog\r\n\r\nIntro.\r\n\r\n${entry.replace(/\n/g, '\r\n')}\r\n## 1.0.0 (2026-01-01)\r\n\r\n- x\r\n`);
    expect(result.replace(/\r\n/g, '')).not.toContain('\n');
    expect(result.endsWith(existing.slice(existing.indexOf('## ')))).toBe(true);
  });

  it('preserves the existing text byte for byte', () => {
    const existing = '# Changelog\n\n## 1.0.0\n\n  odd   spacing \t\n\n\n## 0.9.0\nno trailing newline';
    const result = prependChangelogEntry(existing, entry);
    expect(result.startsWith('# Changelog\n\n')).toBe(true);
    expect(result.endsWith(existing.slice(existing.indexOf('## ')))).toBe(true);
  });
});

describe('renderTag', () => {
  it.each([
    ['{projectName}@{version}', 'mylib@1.2.0'],
    ['v{version}', 'v1.2.0'],
    ['{projectName}/v{version}', 'mylib/v1.2.0'],
    ['{version}-{version}', '1.2.0-1.2.0'],
  ])('%s', (pattern, expected) => {
    expect(renderTag(pattern, { projectName: 'mylib', version: '1.2.0' })).toBe(expected);
  });

  it('rejects a pattern without {version}', () => {
    const render = () => renderTag('{projectName}', { projectName: 'mylib', version: '1.0' });
    expect(render).toThrow(PyrelError);
    expect(render).toThrow('releaseTagPattern "{projectName}" has no {version} placeholder.');
    try {
      render();
    } catch (error) {
      expect((error as PyrelError).bodyLines).toEqual(['Use e.g. "{projectName}@{version}" or "v{version}".']);
    }
  });
});

describe('tagGlob', () => {
  it.each([
    ['{projectName}@{version}', 'mylib', 'mylib@*'],
    ['v{version}', 'mylib', 'v*'],
    ['{projectName}-v{version}', 'my-lib', 'my-lib-v*'],
    ['{projectName}@{version}', 'we*ird', 'we\\*ird@*'],
  ])('%s for %s', (pattern, name, expected) => {
    expect(tagGlob(pattern, name)).toBe(expected);
  });

  it('rejects a pattern without {version}', () => {
    expect(() => tagGlob('release', 'x')).toThrow(PyrelError);
  });
});

describe('versionFromTag', () => {
  it.each<[string, string, string, string | null]>([
    ['v{version}', 'x', 'v1.2.0', '1.2.0'],
    ['{projectName}@{version}', 'mylib', 'mylib@1.2.0rc1', '1.2.0rc1'],
    ['{projectName}@{version}', 'mylib', 'mylib@1.2.0-RC.1', '1.2.0rc1'],
    ['{projectName}@{version}', 'mylib', 'mylib@1!2.0.post1.dev2', '1!2.0.post1.dev2'],
    ['{projectName}@{version}', 'mylib', 'other@1.0', null],
    ['{projectName}@{version}', 'mylib', 'mylib-extra@1.0', null],
    ['{projectName}@{version}', 'my.lib', 'myXlib@1.0', null],
    ['{projectName}@{version}', 'my.lib', 'my.lib@1.0', '1.0'],
    ['{projectName}@{version}', 'mylib', 'mylib@', null],
    ['v{version}', 'x', 'vnext', null],
    ['v{version}', 'x', 'xv1.0', null],
    ['v{version}', 'x', '1.0', null],
    ['({projectName})+{version}', 'a', '(a)+2.0', '2.0'],
    ['{projectName}/{version}/{version}', 'a', 'a/1.0/1.0', '1.0'],
    ['{projectName}/{version}/{version}', 'a', 'a/1.0/2.0', null],
  ])('(%s, %s, %s) -> %p', (pattern, name, tag, expected) => {
    expect(versionFromTag(pattern, name, tag)).toBe(expected);
  });

  it('rejects a pattern without {version}', () => {
    expect(() => versionFromTag('{projectName}', 'x', 'x')).toThrow(PyrelError);
  });
});
