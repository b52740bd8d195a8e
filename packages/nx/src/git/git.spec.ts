import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PyrelError } from '../core/errors';
import { commitFiles, commitsSince, createTag, lastCommitTimestamp, latestReleaseTag } from './git';

jest.setTimeout(30000);

let repo: string;

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
}

function write(path: string, content: string): void {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), content);
}

/** Writes the file and commits it on its own; returns the commit hash. */
function commit(path: string, message: string, content = message): string {
  write(path, content);
  git('add', '--', path);
  git('commit', '-q', '--message', message);
  return git('rev-parse', 'HEAD');
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'pyrel-git-'));
  git('init', '-q');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'Test');
  git('config', 'commit.gpgsign', 'false');
  git('config', 'tag.gpgsign', 'false');
});

afterEach(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe('a repository without commits', () => {
  it('has no release tag and no commits', async () => {
    await expect(latestReleaseTag(repo, '{projectName}@{version}', 'mylib')).resolves.toBeNull();
    await expect(commitsSince(repo, null, ['.'])).resolves.toEqual([]);
  });
});

describe('latestReleaseTag', () => {
  it('picks the highest PEP 440 version of this project', async () => {
    commit('libs/mylib/a.py', 'feat: a');
    for (const tag of ['mylib@1.9.0', 'mylib@1.10.0rc1', 'mylib@1.10.0', 'other@9.0', 'mylib@notaversion', 'mylib-extra@5.0']) {
      git('tag', tag);
    }
    await expect(latestReleaseTag(repo, '{projectName}@{version}', 'mylib')).resolves.toEqual({ tag: 'mylib@1.10.0', version: '1.10.0' });
  });

  it('normalises the version but returns the tag as written', async () => {
    commit('a.py', 'feat: a');
    git('tag', 'mylib@2.0-RC1');
    await expect(latestReleaseTag(repo, '{projectName}@{version}', 'mylib')).resolves.toEqual({ tag: 'mylib@2.0-RC1', version: '2.0rc1' });
  });

  it('ignores tags not merged into HEAD', async () => {
    commit('a.py', 'feat: a');
    git('tag', 'v1.0.0');
    const main = git('rev-parse', '--abbrev-ref', 'HEAD');
    git('checkout', '-q', '-b', 'side');
    commit('b.py', 'feat: b');
    git('tag', 'v2.0.0');
    git('checkout', '-q', main);
    await expect(latestReleaseTag(repo, 'v{version}', 'ignored')).resolves.toEqual({ tag: 'v1.0.0', version: '1.0.0' });
  });

  it('supports annotated tags and the v{version} pattern', async () => {
    commit('a.py', 'feat: a');
    git('tag', '--annotate', 'v0.1.0', '--message', 'v0.1.0');
    commit('a.py', 'fix: a', 'changed');
    git('tag', '--annotate', 'v0.1.1', '--message', 'v0.1.1');
    git('tag', 'vnext');
    await expect(latestReleaseTag(repo, 'v{version}', 'x')).resolves.toEqual({ tag: 'v0.1.1', version: '0.1.1' });
  });

  it('returns null when no tag matches', async () => {
    commit('a.py', 'feat: a');
    git('tag', 'other@1.0');
    await expect(latestReleaseTag(repo, '{projectName}@{version}', 'mylib')).resolves.toBeNull();
  });
});

describe('commitsSince', () => {
  let first: string;
  let second: string;
  let third: string;
  let fourth: string;

  beforeEach(() => {
    first = commit('libs/a/x.py', 'feat(a): first\n\nWith a body.\n');
    second = commit('libs/b/y.py', 'fix(b): second');
    git('tag', 'a@1.0.0');
    third = commit('libs/a/z.py', 'fix(a): third');
    fourth = commit('README.md', 'docs: fourth');
  });

  it('lists every commit oldest first with trimmed messages', async () => {
    await expect(commitsSince(repo, null, ['.'])).resolves.toEqual([
      { hash: first, message: 'feat(a): first\n\nWith a body.' },
      { hash: second, message: 'fix(b): second' },
      { hash: third, message: 'fix(a): third' },
      { hash: fourth, message: 'docs: fourth' },
    ]);
  });

  it('keeps only commits touching the paths', async () => {
    const commits = await commitsSince(repo, null, ['libs/a']);
    expect(commits.map((c) => c.hash)).toEqual([first, third]);
  });

  it('accepts several paths', async () => {
    const commits = await commitsSince(repo, null, ['libs/b', 'README.md']);
    expect(commits.map((c) => c.hash)).toEqual([second, fourth]);
  });

  it('starts after sinceRef', async () => {
    await expect(commitsSince(repo, 'a@1.0.0', ['libs/a'])).resolves.toEqual([{ hash: third, message: 'fix(a): third' }]);
    expect((await commitsSince(repo, second, ['.'])).map((c) => c.hash)).toEqual([third, fourth]);
  });

  it('returns [] when nothing changed', async () => {
    await expect(commitsSince(repo, 'HEAD', ['.'])).resolves.toEqual([]);
    await expect(commitsSince(repo, 'a@1.0.0', ['libs/b'])).resolves.toEqual([]);
  });

  it('fails with a PyrelError for an unknown ref', async () => {
    await expect(commitsSince(repo, 'no-such-tag', ['.'])).rejects.toBeInstanceOf(PyrelError);
  });
});

describe('lastCommitTimestamp', () => {
  it('returns the commit time in seconds', async () => {
    write('a.py', 'a');
    git('add', 'a.py');
    execFileSync('git', ['commit', '-q', '--message', 'feat: a'], {
      cwd: repo,
      env: { ...process.env, GIT_COMMITTER_DATE: '@1700000000 +0000' },
    });
    await expect(lastCommitTimestamp(repo)).resolves.toBe(1700000000);
  });

  it('is null before the first commit and outside a repository', async () => {
    await expect(lastCommitTimestamp(repo)).resolves.toBeNull();
    const outside = mkdtempSync(join(tmpdir(), 'pyrel-no-git-'));
    try {
      await expect(lastCommitTimestamp(outside)).resolves.toBeNull();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('commitFiles', () => {
  it('commits only the given files and returns the new HEAD', async () => {
    commit('README.md', 'chore: init');
    write('pyproject.toml', 'version = "1.1.0"\n');
    write('CHANGELOG.md', '# Changelog\n');
    write('staged.txt', 'staged');
    git('add', 'staged.txt');

    const hash = await commitFiles(repo, ['pyproject.toml', 'CHANGELOG.md'], 'chore(release): 1.1.0');

    expect(hash).toBe(git('rev-parse', 'HEAD'));
    expect(git('log', '-1', '--format=%B')).toBe('chore(release): 1.1.0');
    expect(git('show', '--name-only', '--format=', 'HEAD').split('\n').sort()).toEqual(['CHANGELOG.md', 'pyproject.toml']);
    expect(git('diff', '--cached', '--name-only')).toBe('staged.txt');
  });

  it('commits modifications of tracked files', async () => {
    commit('pyproject.toml', 'chore: init', 'version = "1.0.0"\n');
    write('pyproject.toml', 'version = "1.0.1"\n');
    await commitFiles(repo, ['pyproject.toml'], 'chore(release): 1.0.1');
    expect(git('status', '--porcelain')).toBe('');
  });

  it('refuses an empty file list', async () => {
    commit('a.py', 'chore: init');
    write('staged.txt', 'staged');
    git('add', 'staged.txt');
    await expect(commitFiles(repo, [], 'chore: nothing')).rejects.toBeInstanceOf(PyrelError);
    expect(git('diff', '--cached', '--name-only')).toBe('staged.txt');
  });

  it('fails with the git status hint when there is nothing to commit', async () => {
    commit('a.py', 'chore: init');
    await expect(commitFiles(repo, ['a.py'], 'chore: again')).rejects.toThrow('Check `git status`; set user.name and user.email if git asks for them.');
  });
});

describe('createTag', () => {
  beforeEach(() => {
    commit('a.py', 'feat: a');
  });

  it('creates an annotated tag with the message', async () => {
    await createTag(repo, 'mylib@1.0.0', 'Release mylib 1.0.0');
    expect(git('cat-file', '-t', 'mylib@1.0.0')).toBe('tag');
    expect(git('tag', '-l', '--format=%(contents:subject)', 'mylib@1.0.0')).toBe('Release mylib 1.0.0');
  });

  it('uses the tag name as the default message', async () => {
    await createTag(repo, 'v1.0.0');
    expect(git('tag', '-l', '--format=%(contents:subject)', 'v1.0.0')).toBe('v1.0.0');
  });

  it.each([['annotated', ['--annotate', '--message', 'x']], ['lightweight', []]])('refuses an existing %s tag', async (_, flags) => {
    git('tag', ...flags, 'v1.0.0');
    const error = await createTag(repo, 'v1.0.0').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PyrelError);
    expect((error as PyrelError).title).toBe('Tag v1.0.0 already exists.');
    expect((error as PyrelError).bodyLines).toEqual(['Delete it with `git tag -d v1.0.0` if it was never pushed, or bump to a new version.']);
  });
});
