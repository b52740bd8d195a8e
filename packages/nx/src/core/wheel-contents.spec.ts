import { consoleScripts, topLevelModules } from './wheel-contents';

describe('topLevelModules', () => {
  it('names packages, modules and extension modules once, skipping metadata, data and stray directories', () => {
    expect(
      topLevelModules([
        'my_lib/__init__.py', 'my_lib/core.py', 'ns_pkg/sub/mod.py', 'helper.py', 'helper.pyi',
        '_core.cpython-311-x86_64-linux-gnu.so', 'fast.abi3.so', 'my_lib.pth', 'README.md', 'tests/test_a.py',
        'my_lib-1.0.dist-info/METADATA', 'my_lib-1.0.data/scripts/tool', 'not-valid/x.py',
      ]),
    ).toEqual(['my_lib', 'ns_pkg', 'helper', '_core', 'fast']);
  });
});

describe('consoleScripts', () => {
  it('reads the console_scripts section only', () => {
    const text = '[console_scripts]\nmylib = mylib.cli:main\n  my-tool=mylib.tool:run  \n# comment\n\n[gui_scripts]\ngui = mylib.gui:main\n[mylib.plugins]\nx = y\n';
    expect(consoleScripts(text)).toEqual(['mylib', 'my-tool']);
    expect(consoleScripts('')).toEqual([]);
  });
});
