import { logger, readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { PLUGIN_NAME } from '../../core/plugin-options';
import { setupGenerator } from './generator';

const DEFAULT_RELEASE = { projects: ['tag:pyrel', 'tag:npm:public'], projectsRelationship: 'independent', releaseTag: { pattern: '{projectName}@{version}', requireSemver: false } };

const DEFAULT_ENTRY = {
  plugin: PLUGIN_NAME,
  options: { versionTargetName: 'version', buildWheelTargetName: 'build-wheel', publishTargetName: 'publish', testTargetName: 'test', repository: 'pypi', prereleaseRepository: 'testpypi' },
};

const PREID_DEFAULTS = { '@pyrel/nx:version': { options: { preid: 'rc' } }, '@pyrel/nx:publish': { options: { preid: 'rc' } } };

function pyrelEntries(tree: Tree) {
  return (readNxJson(tree)?.plugins ?? []).filter((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN_NAME);
}

describe('setup generator', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    jest.spyOn(logger, 'info').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('registers the plugin with its default options', async () => {
    await setupGenerator(tree, { skipFormat: true });

    expect(readNxJson(tree)?.plugins).toEqual([DEFAULT_ENTRY]);
  });

  it('works when nx.json has no plugins key', async () => {
    const nxJson = readNxJson(tree) ?? {};
    delete nxJson.plugins;
    updateNxJson(tree, nxJson);

    await setupGenerator(tree, { skipFormat: true });

    expect(readNxJson(tree)?.plugins).toEqual([DEFAULT_ENTRY]);
  });

  it('keeps the rest of nx.json', async () => {
    const before = readNxJson(tree);

    await setupGenerator(tree, { skipFormat: true });

    expect(readNxJson(tree)).toEqual({ ...before, plugins: [DEFAULT_ENTRY], release: DEFAULT_RELEASE, targetDefaults: { ...before?.targetDefaults, ...PREID_DEFAULTS } });
  });

  it('configures nx release for independent PEP 440 versions when nx.json has no release config', async () => {
    await setupGenerator(tree, { skipFormat: true });

    expect(readNxJson(tree)?.release).toEqual(DEFAULT_RELEASE);
  });

  it('only stops requiring semver tags in a release config the user wrote', async () => {
    const release = { projects: ['libs/*'], releaseTag: { pattern: 'v{version}' }, version: { conventionalCommits: true } };
    updateNxJson(tree, { ...readNxJson(tree), release });

    await setupGenerator(tree, { skipFormat: true });

    expect(readNxJson(tree)?.release).toEqual({ ...release, releaseTag: { pattern: 'v{version}', requireSemver: false } });
    expect(logger.info).toHaveBeenCalledWith(expect.stringContaining('add "tag:pyrel"'));
  });

  it('keeps requireSemver when the user set it, and adds our projects to Nx\'s default set', async () => {
    const release = { releaseTag: { requireSemver: true } };
    updateNxJson(tree, { ...readNxJson(tree), release });

    await setupGenerator(tree, { skipFormat: true });

    expect(readNxJson(tree)?.release).toEqual({ projects: ['tag:pyrel', 'tag:npm:public'], ...release });
  });

  it('leaves release groups the user defined as they are, and says how to add ours', async () => {
    const release = { groups: { web: { projects: ['apps/*'] } }, releaseTag: { requireSemver: false } };
    updateNxJson(tree, { ...readNxJson(tree), release });

    await setupGenerator(tree, { skipFormat: true });

    expect(readNxJson(tree)?.release).toEqual(release);
    expect(logger.info).toHaveBeenCalledWith(expect.stringContaining('add "tag:pyrel"'));
  });

  it('changes nothing on a second run', async () => {
    await setupGenerator(tree, { skipFormat: true });
    const first = tree.read('nx.json', 'utf-8');
    await setupGenerator(tree, { skipFormat: true });

    expect(tree.read('nx.json', 'utf-8')).toBe(first);
  });

  it('does not add the plugin a second time', async () => {
    await setupGenerator(tree, { skipFormat: true });
    await setupGenerator(tree, { skipFormat: true });

    expect(pyrelEntries(tree)).toHaveLength(1);
  });

  it('appends to existing plugins without changing them', async () => {
    const others = ['@nx/js/typescript', { plugin: '@nx/vite/plugin', options: { buildTargetName: 'vite-build' } }];
    updateNxJson(tree, { ...readNxJson(tree), plugins: others });

    await setupGenerator(tree, { skipFormat: true });

    expect(readNxJson(tree)?.plugins).toEqual([...others, DEFAULT_ENTRY]);
  });

  it.each([
    ['an entry with custom options', [{ plugin: PLUGIN_NAME, options: { publishTargetName: 'release', repository: 'internal' } }]],
    ['an entry given as a string', [PLUGIN_NAME]],
    ['an entry among other plugins', ['@nx/js/typescript', { plugin: PLUGIN_NAME, include: ['libs/**/*'] }]],
  ])('leaves %s as it is', async (_what, plugins) => {
    updateNxJson(tree, { ...readNxJson(tree), plugins });

    await setupGenerator(tree, { skipFormat: true });

    expect(readNxJson(tree)?.plugins).toEqual(plugins);
  });

  it('sets the tag pattern it is given, in a new release config and in one that has none', async () => {
    await setupGenerator(tree, { skipFormat: true, releaseTagPattern: 'v{version}' });
    expect(readNxJson(tree)?.release?.releaseTag).toEqual({ pattern: 'v{version}', requireSemver: false });

    const other = createTreeWithEmptyWorkspace();
    updateNxJson(other, { ...readNxJson(other), release: { releaseTag: { requireSemver: false } } });
    await setupGenerator(other, { skipFormat: true, releaseTagPattern: 'v{version}' });
    expect(readNxJson(other)?.release?.releaseTag).toEqual({ pattern: 'v{version}', requireSemver: false });
  });

  it('adds the preid to targetDefaults of the version and publish executors, keeping what is there', async () => {
    updateNxJson(tree, { ...readNxJson(tree), targetDefaults: { '@pyrel/nx:publish': { options: { preid: 'b', strict: true } } } });

    await setupGenerator(tree, { skipFormat: true, preid: 'dev' });

    expect(readNxJson(tree)?.targetDefaults).toEqual({
      '@pyrel/nx:version': { options: { preid: 'dev' } },
      '@pyrel/nx:publish': { options: { preid: 'b', strict: true } },
    });
  });

  it('lists the Python, maturin and crate projects it finds, dependencies first', async () => {
    tree.write('libs/b/pyproject.toml', '[project]\nname = "b"\nversion = "1.0.0"\ndependencies = ["a>=1"]\n');
    tree.write('libs/a/pyproject.toml', '[project]\nname = "a"\nversion = "1.0.0"\n');
    tree.write('py/fast/pyproject.toml', '[build-system]\nrequires = ["maturin>=1"]\nbuild-backend = "maturin"\n\n[project]\nname = "fast"\nversion = "0.1.0"\n');
    tree.write('py/fast/Cargo.toml', '[package]\nname = "fast"\nversion = "0.1.0"\n\n[dependencies]\ncore = { path = "../../crates/core" }\n');
    tree.write('crates/core/Cargo.toml', '[package]\nname = "core"\nversion = "0.1.0"\n');

    await setupGenerator(tree, { skipFormat: true });

    expect(logger.info).toHaveBeenCalledWith(
      '@pyrel/nx: found 3 Python project(s), dependencies first:\n  a (libs/a)\n  b (libs/b)\n  fast (py/fast) maturin\n  Cargo crates built into them: core',
    );
  });

  describe('release workflow', () => {
    const WORKFLOW = '.github/workflows/python-release.yml';

    it('writes it once, and a second run changes nothing', async () => {
      tree.write('libs/a/pyproject.toml', '[project]\nname = "a"\nversion = "1.0.0"\n');
      await setupGenerator(tree, { skipFormat: true });
      const first = tree.read(WORKFLOW, 'utf-8');
      await setupGenerator(tree, { skipFormat: true });

      expect(first).toMatch(/^# @pyrel\/nx:setup [0-9a-f]{16}\n/);
      expect(logger.info).toHaveBeenCalledWith(expect.stringContaining('trusted publishers to add'));
      expect(logger.info).toHaveBeenCalledWith(expect.stringContaining('  a: environment pypi on pypi, testpypi on testpypi'));
      expect(tree.read(WORKFLOW, 'utf-8')).toBe(first);
      expect(logger.info).toHaveBeenLastCalledWith(expect.stringContaining('is up to date'));
    });

    it('regenerates an unedited workflow when projects are added, and keeps an edited one unless --force', async () => {
      await setupGenerator(tree, { skipFormat: true });
      tree.write('py/fast/pyproject.toml', '[build-system]\nbuild-backend = "maturin"\n\n[project]\nname = "fast"\nversion = "0.1.0"\n');
      tree.write('py/fast/Cargo.toml', '[package]\nname = "fast"\nversion = "0.1.0"\n');
      await setupGenerator(tree, { skipFormat: true });
      expect(tree.read(WORKFLOW, 'utf-8')).toContain('PyO3/maturin-action@');

      const edited = `${tree.read(WORKFLOW, 'utf-8')}# my own note\n`;
      tree.write(WORKFLOW, edited);
      tree.write('libs/a/pyproject.toml', '[project]\nname = "a"\nversion = "1.0.0"\n');
      await setupGenerator(tree, { skipFormat: true });
      expect(tree.read(WORKFLOW, 'utf-8')).toBe(edited);
      expect(logger.info).toHaveBeenLastCalledWith(expect.stringContaining('was edited since setup wrote it; kept as is (pass --force'));

      await setupGenerator(tree, { skipFormat: true, force: true });
      expect(tree.read(WORKFLOW, 'utf-8')).toContain('libs/a/dist/');
    });

    it('is not written with --no-workflow', async () => {
      await setupGenerator(tree, { skipFormat: true, workflow: false });

      expect(tree.exists(WORKFLOW)).toBe(false);
    });
  });
});
