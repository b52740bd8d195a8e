import { readNxJson, updateNxJson, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { PLUGIN_NAME } from '../../core/plugin-options';
import { setupGenerator } from './generator';

const DEFAULT_ENTRY = {
  plugin: PLUGIN_NAME,
  options: { buildWheelTargetName: 'build-wheel', publishTargetName: 'publish', repository: 'pypi', prereleaseRepository: 'testpypi' },
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

    expect(readNxJson(tree)).toEqual({ ...before, plugins: [DEFAULT_ENTRY] });
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
    const before = tree.read('nx.json', 'utf-8');

    await setupGenerator(tree, { skipFormat: true });

    expect(tree.read('nx.json', 'utf-8')).toBe(before);
    expect(readNxJson(tree)?.plugins).toEqual(plugins);
  });
});
