import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hatchlingPackage } from '../utils/fixtures';
import { PREVIOUS_NX_VERSION } from '../utils/paths';
import { installNxAndPlugin, openWorkspace, WORKSPACE_FILES, type Workspace } from '../utils/workspace';

/** The peer range promises the previous Nx major too: setup, inference and a build must work there. */
describe(`nx ${PREVIOUS_NX_VERSION} (previous major)`, () => {
  let template: string;
  let ws: Workspace;

  beforeAll(() => {
    template = mkdtempSync(join(tmpdir(), 'pyrel-e2e-nx23-template-'));
    installNxAndPlugin(template, PREVIOUS_NX_VERSION);
    const root = mkdtempSync(join(tmpdir(), 'pyrel-nx23-'));
    symlinkSync(join(template, 'node_modules'), join(root, 'node_modules'), 'dir');
    ws = openWorkspace(root);
    ws.write({ ...WORKSPACE_FILES, 'package.json': '{ "name": "nx23", "private": true }\n', ...hatchlingPackage({ dir: 'libs/mylib', name: 'My_Lib', version: '0.3.0' }) });
    ws.commit('fixture');
  });

  afterAll(() => {
    ws?.remove();
    if (template) rmSync(template, { recursive: true, force: true });
  });

  it('runs setup, infers the targets and builds', () => {
    expect(ws.nx(['--version']).stdout).toContain(PREVIOUS_NX_VERSION);
    ws.nx(['g', '@pyrel/nx:setup']);
    const project = JSON.parse(ws.nx(['show', 'project', 'my-lib', '--json']).stdout);
    expect(Object.keys(project.targets)).toEqual(expect.arrayContaining(['build-wheel', 'publish']));
    ws.nx(['run', 'my-lib:build-wheel']);
    expect(readdirSync(join(ws.root, 'libs/mylib/dist')).filter((f) => f.endsWith('.whl'))).toEqual(['my_lib-0.3.0-py3-none-any.whl']);
  });
});
