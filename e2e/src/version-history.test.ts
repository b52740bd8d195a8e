import { hatchlingPackage } from '../utils/fixtures';
import { createTestWorkspace } from '../utils/template';
import type { Workspace } from '../utils/workspace';

/** `--bump=auto` from Conventional Commits since the last release tag, with a CHANGELOG entry, commit and tag. */
describe('version --bump=auto with changelog, git commit and tag', () => {
  let ws: Workspace;

  beforeAll(() => {
    ws = createTestWorkspace('version-history');
    ws.write({
      'nx.json': JSON.stringify({ plugins: ['@pyrel/nx'], release: { releaseTag: { pattern: 'v{version}', requireSemver: false } } }, null, 2),
      ...hatchlingPackage({ dir: 'libs/mylib', name: 'mylib', version: '1.2.0' }),
      ...hatchlingPackage({ dir: 'libs/other', name: 'other', version: '0.1.0' }),
    });
    ws.commit('chore: fixture');
    ws.run('git', ['tag', 'v1.2.0']);
    ws.write({ 'libs/mylib/src/mylib/fast.py': 'def fast():\n    return 1\n' });
    ws.commit('feat(core): add fast path');
    ws.write({ 'libs/other/src/other/__init__.py': '"""other."""\n\n__version__ = "0.1.0"\nBROKEN = True\n' });
    ws.commit('feat!: break other, which is not mylib');
    ws.write({ 'libs/mylib/README.md': '# mylib\n' });
    ws.commit('docs: readme');
  });

  afterAll(() => ws?.remove());

  it('--dry-run derives a minor bump from the feat commit that touched mylib and writes nothing', () => {
    const result = ws.nx(['run', 'mylib:version', '--bump=auto', '--changelog', '--dry-run']);
    expect(result.output).toMatch(/mylib\s+1\.2\.0\s+1\.3\.0\s+libs\/mylib\/pyproject\.toml, libs\/mylib\/src\/mylib\/__init__\.py, libs\/mylib\/CHANGELOG\.md/);
    expect(ws.run('git', ['status', '--porcelain']).stdout).toBe('');
  });

  it('writes the CHANGELOG entry, commits exactly the changed files and tags v1.3.0', () => {
    ws.nx(['run', 'mylib:version', '--bump=auto', '--changelog', '--git-commit', '--git-tag']);
    const changelog = ws.read('libs/mylib/CHANGELOG.md');
    expect(changelog).toMatch(/^# Changelog\n\n## 1\.3\.0 \(\d{4}-\d{2}-\d{2}\)\n/);
    expect(changelog).toContain('### Features');
    expect(changelog).toMatch(/- \*\*core:\*\* add fast path \([0-9a-f]{7}\)/);
    expect(changelog).not.toContain('break other');
    expect(ws.run('git', ['status', '--porcelain']).stdout).toBe('');
    expect(ws.run('git', ['log', '-1', '--format=%s']).stdout.trim()).toBe('chore(release): v1.3.0');
    expect(ws.run('git', ['show', '--name-only', '--format=', 'HEAD']).stdout.trim().split('\n').sort()).toEqual([
      'libs/mylib/CHANGELOG.md',
      'libs/mylib/pyproject.toml',
      'libs/mylib/src/mylib/__init__.py',
    ]);
    expect(ws.run('git', ['tag', '--points-at', 'HEAD']).stdout.trim()).toBe('v1.3.0');
  });

  it('finds nothing to release right after the release tag', () => {
    const result = ws.nx(['run', 'mylib:version', '--bump=auto']);
    expect(result.output).toContain('mylib 1.3.0: no feat, fix, perf or breaking commits since v1.3.0; nothing to release.');
    expect(ws.run('git', ['status', '--porcelain']).stdout).toBe('');
  });
});
