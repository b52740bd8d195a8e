import type { NxJsonConfiguration } from '@nx/devkit';
import { normalizePluginOptions, PLUGIN_NAME, pluginOptionsFromNxJson, type PyrelPluginOptions } from './plugin-options';

const DEFAULTS = {
  versionTargetName: 'version',
  buildWheelTargetName: 'build-wheel',
  publishTargetName: 'publish',
  testTargetName: 'test',
  repository: 'pypi',
  prereleaseRepository: 'testpypi',
  repositories: {},
  uvPath: undefined,
};

const CUSTOM: PyrelPluginOptions = {
  versionTargetName: 'bump',
  buildWheelTargetName: 'wheel',
  publishTargetName: 'release',
  testTargetName: 'pytest',
  repository: 'internal',
  prereleaseRepository: 'staging',
  repositories: { internal: { url: 'https://pypi.internal.example/' } },
  uvPath: '/opt/uv/bin/uv',
};

describe('normalizePluginOptions', () => {
  it.each([undefined, {}])('fills every default for %p', (options) => {
    expect(normalizePluginOptions(options)).toEqual(DEFAULTS);
  });

  it('keeps every option given', () => {
    expect(normalizePluginOptions(CUSTOM)).toEqual(CUSTOM);
  });

  it('defaults only the options left out', () => {
    expect(normalizePluginOptions({ publishTargetName: 'release' })).toEqual({ ...DEFAULTS, publishTargetName: 'release' });
  });
});

describe('pluginOptionsFromNxJson', () => {
  it.each<[string, NxJsonConfiguration | undefined]>([
    ['no nx.json', undefined],
    ['an nx.json without plugins', {}],
    ['an empty plugins list', { plugins: [] }],
    ['only other plugins', { plugins: ['@nx/js', { plugin: '@nx/vite/plugin', options: { buildTargetName: 'wheel' } }] }],
    ['the plugin registered as a string', { plugins: [PLUGIN_NAME] }],
    ['the plugin registered as an object without options', { plugins: [{ plugin: PLUGIN_NAME }] }],
  ])('gives the defaults for %s', (_what, nxJson) => {
    expect(pluginOptionsFromNxJson(nxJson)).toEqual(DEFAULTS);
  });

  it('reads the options of the plugin entry among other plugins', () => {
    const nxJson: NxJsonConfiguration = {
      plugins: ['@nx/js', { plugin: '@nx/vite/plugin', options: { repository: 'wrong' } }, { plugin: PLUGIN_NAME, options: CUSTOM }],
    };
    expect(pluginOptionsFromNxJson(nxJson)).toEqual(CUSTOM);
  });

  it('normalises partial options of the plugin entry', () => {
    expect(pluginOptionsFromNxJson({ plugins: [{ plugin: PLUGIN_NAME, options: { repository: 'testpypi' } }] })).toEqual({
      ...DEFAULTS,
      repository: 'testpypi',
    });
  });
});
