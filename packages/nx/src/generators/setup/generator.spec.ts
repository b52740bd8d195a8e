import { logger, readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { PLUGIN_NAME } from '../../core/plugin-options';
import { setupGenerator } from './generator';

const DEFAULT_RELEASE = { projects: ['tag:pyrel', 'tag:npm:public'], projectsRelationship: 'independent', releaseTag: { pattern: '{projectName}@{version}', requireSemver: false } };

const DEFAULT_ENTRY = {
  plugin: PLUGIN_NAME,
  options: { versionTargetName: 'version', buildWheelTargetName: 'build-wheel', publishTargetName: 'publish', repository: 'pypi', prereleaseRepository: 'testpypi' },
};

function pyrelEntries(tree: Tree) {
  return (readNxJson(tree)?.plugins ?? []).filter((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN_NAME);
}

describe('setup generator', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
  });

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

    expect(readNxJson(tree)).toEqual({ ...before, plugins: [DEFAULT_ENTRY], release: DEFAULT_RELEASE });
  });

  it('configures nx release for independent PEP 440 versions when nx.json has no release config', async () => {
    await setupGenerator(tree, { skipFormat: true });

    expect(readNxJson(tree)?.release).toEqual(DEFAULT_RELEASE);
  });

  it('only stops requiring semver tags in a release config the user wrote', async () => {
    const release = { projects: ['libs/*'], releaseTag: { pattern: 'v{version}' }, version: { conventionalCommits: true } };
    updateNxJson(tree, { ...readNxJson(tree), release });
    const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);

    await setupGenerator(tree, { skipFormat: true });

    expect(readNxJson(tree)?.release).toEqual({ ...release, releaseTag: { pattern: 'v{version}', requireSemver: false } });
    expect(info).toHaveBeenCalledWith(expect.stringContaining('add "tag:pyrel"'));
    info.mockRestore();
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
    const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);

    await setupGenerator(tree, { skipFormat: true });

    expect(readNxJson(tree)?.release).toEqual(release);
    expect(info).toHaveBeenCalledWith(expect.stringContaining('add "tag:pyrel"'));
    info.mockRestore();
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
});
