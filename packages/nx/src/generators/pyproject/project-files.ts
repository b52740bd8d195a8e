import type { PyprojectBackend } from './schema';

/** What the scaffold of one Python project is made from; every field already validated. */
export interface PyprojectScaffold {
  directory: string;
  /** Distribution name as the user wrote it. */
  name: string;
  /** Import name: the normalised distribution name with `_` for `-`. */
  module: string;
  backend: PyprojectBackend;
  description: string;
  requiresPython: string;
  coverageThreshold: number;
}

export const INITIAL_VERSION = '0.1.0';

const BUILD_SYSTEMS: Record<PyprojectBackend, { requires: string; backend: string }> = {
  hatchling: { requires: 'hatchling>=1.26', backend: 'hatchling.build' },
  setuptools: { requires: 'setuptools>=77', backend: 'setuptools.build_meta' },
  maturin: { requires: 'maturin>=1.9,<2.0', backend: 'maturin' },
};

/**
 * Where the import package lives: src layout for pure Python; for maturin the mixed layout
 * maturin finds on its own (`<module>/` next to Cargo.toml), because `src/` holds the Rust code.
 */
export function packageDirectory(scaffold: Pick<PyprojectScaffold, 'backend' | 'module'>): string {
  return scaffold.backend === 'maturin' ? scaffold.module : `src/${scaffold.module}`;
}

function backendTables({ backend, module }: PyprojectScaffold): string[] {
  switch (backend) {
    case 'hatchling':
      return ['[tool.hatch.build.targets.wheel]', `packages = ["src/${module}"]`, ''];
    case 'setuptools':
      return ['[tool.setuptools.packages.find]', 'where = ["src"]', ''];
    case 'maturin':
      // The extension is a private submodule, so the package's __init__.py (and __version__) stays Python.
      return ['[tool.maturin]', `module-name = "${module}._native"`, ''];
  }
}

function pyprojectToml(scaffold: PyprojectScaffold): string {
  const { requires, backend } = BUILD_SYSTEMS[scaffold.backend];
  return [
    '[build-system]',
    `requires = ["${requires}"]`,
    `build-backend = "${backend}"`,
    '',
    '[project]',
    `name = "${scaffold.name}"`,
    `version = "${INITIAL_VERSION}"`,
    `description = ${JSON.stringify(scaffold.description)}`,
    'readme = "README.md"',
    `requires-python = "${scaffold.requiresPython}"`,
    'dependencies = []',
    '',
    '[dependency-groups]',
    'dev = ["pytest>=8", "pytest-cov>=5"]',
    '',
    ...backendTables(scaffold),
    '[tool.pytest.ini_options]',
    'testpaths = ["tests"]',
    '# --cov makes every pytest run (and so the test target) fail below fail_under.',
    'addopts = ["--cov", "--cov-report=term-missing"]',
    '',
    '[tool.coverage.run]',
    `source = ["${scaffold.module}"]`,
    '',
    '[tool.coverage.report]',
    `fail_under = ${scaffold.coverageThreshold}`,
    '',
  ].join('\n');
}

function initPy({ module, backend, description }: PyprojectScaffold): string {
  // A one-line docstring as an escaped string literal: quotes or backslashes in the description cannot end it early.
  const docstring = JSON.stringify(description || module);
  if (backend !== 'maturin') return `${docstring}\n\n__version__ = "${INITIAL_VERSION}"\n`;
  return `${docstring}\n\nfrom ._native import add\n\n__all__ = ["add", "__version__"]\n__version__ = "${INITIAL_VERSION}"\n`;
}

function testPy({ module, backend }: PyprojectScaffold): string {
  const check = backend === 'maturin' ? `    assert ${module}.add(2, 3) == 5\n` : `    assert ${module}.__version__\n`;
  return `import ${module}\n\n\ndef test_${module}():\n${check}`;
}

function readme({ name, description, directory }: PyprojectScaffold): string {
  return [
    `# ${name}`,
    '',
    description,
    '',
    '## Release',
    '',
    '```sh',
    `nx run ${name}:build-wheel --smoke     # sdist + wheel in ${directory}/dist, installed and imported`,
    `nx run ${name}:publish --prerelease    # next pre-release to the pre-release index`,
    '```',
    '',
  ].join('\n');
}

function cargoToml({ name }: PyprojectScaffold): string {
  return [
    '[package]',
    `name = "${name.toLowerCase().replace(/[._]+/g, '-')}"`,
    `version = "${INITIAL_VERSION}"`,
    'edition = "2021"',
    'publish = false',
    '',
    '[lib]',
    'name = "_native"',
    'crate-type = ["cdylib"]',
    '',
    '[dependencies]',
    '# abi3: one wheel per platform works on every CPython from 3.9 on.',
    'pyo3 = { version = "0.30", features = ["extension-module", "abi3-py39"] }',
    '',
  ].join('\n');
}

const LIB_RS = `use pyo3::prelude::*;

/// Adds two numbers; replace with the Rust code this package exists for.
#[pyfunction]
fn add(a: i64, b: i64) -> i64 {
    a + b
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(add, m)?)?;
    Ok(())
}
`;

/** Every file of the scaffold, keyed by workspace-relative path. */
export function projectFiles(scaffold: PyprojectScaffold): Record<string, string> {
  const at = (path: string) => `${scaffold.directory}/${path}`;
  const files: Record<string, string> = {
    [at('pyproject.toml')]: pyprojectToml(scaffold),
    [at('README.md')]: readme(scaffold),
    [at(`${packageDirectory(scaffold)}/__init__.py`)]: initPy(scaffold),
    [at(`tests/test_${scaffold.module}.py`)]: testPy(scaffold),
  };
  if (scaffold.backend === 'maturin') {
    files[at('Cargo.toml')] = cargoToml(scaffold);
    files[at('src/lib.rs')] = LIB_RS;
  }
  return files;
}
