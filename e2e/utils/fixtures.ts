export interface HatchlingPackage {
  /** Directory inside the workspace, e.g. `libs/mylib`. */
  dir: string;
  name: string;
  version: string;
  dependencies?: string[];
}

/** The import name of a distribution: `my-lib` -> `my_lib`. */
export const moduleName = (distribution: string) => distribution.replace(/[-.]+/g, '_').toLowerCase();

/** Files of a minimal hatchling package in src layout whose module exposes `__version__`. */
export function hatchlingPackage({ dir, name, version, dependencies = [] }: HatchlingPackage): Record<string, string> {
  const module = moduleName(name);
  return {
    [`${dir}/pyproject.toml`]: [
      '[build-system]',
      'requires = ["hatchling"]',
      'build-backend = "hatchling.build"',
      '',
      '[project]',
      `name = "${name}"`,
      `version = "${version}"`,
      `description = "${name}, an e2e fixture of @pyrel/nx"`,
      'requires-python = ">=3.9"',
      `dependencies = [${dependencies.map((d) => JSON.stringify(d)).join(', ')}]`,
      '',
    ].join('\n'),
    [`${dir}/src/${module}/__init__.py`]: `"""${name}."""\n\n__version__ = "${version}"\n`,
  };
}

/** A pure Rust library crate. */
export function rustCrate(dir: string, name: string, dependencies: Record<string, string> = {}): Record<string, string> {
  const deps = Object.entries(dependencies).map(([dep, path]) => `${dep} = { path = "${path}" }`);
  return {
    [`${dir}/Cargo.toml`]: ['[package]', `name = "${name}"`, 'version = "0.1.0"', 'edition = "2021"', '', '[dependencies]', ...deps, ''].join('\n'),
    [`${dir}/src/lib.rs`]: 'pub fn answer() -> u32 {\n    42\n}\n',
  };
}

/** A PyO3/maturin package whose version lives in Cargo.toml, with Rust path dependencies. */
export function maturinPackage(dir: string, name: string, rustDependencies: Record<string, string> = {}): Record<string, string> {
  const module = moduleName(name);
  const deps = Object.entries(rustDependencies).map(([dep, path]) => `${dep} = { path = "${path}" }`);
  return {
    [`${dir}/pyproject.toml`]: [
      '[build-system]', 'requires = ["maturin>=1.9,<2"]', 'build-backend = "maturin"', '',
      '[project]', `name = "${name}"`, 'requires-python = ">=3.9"', 'dynamic = ["version"]', '',
      '[tool.maturin]', `module-name = "${module}"`, '',
    ].join('\n'),
    [`${dir}/Cargo.toml`]: [
      '[package]', `name = "${name}"`, 'version = "0.4.0"', 'edition = "2021"', '',
      '[lib]', `name = "${module}"`, 'crate-type = ["cdylib"]', '',
      '[dependencies]', 'pyo3 = { version = "0.30", features = ["extension-module", "abi3-py39"] }', ...deps, '',
    ].join('\n'),
    [`${dir}/src/lib.rs`]: `use pyo3::prelude::*;\n\n#[pymodule]\nfn ${module}(m: &Bound<'_, PyModule>) -> PyResult<()> {\n    m.add("__version__", env!("CARGO_PKG_VERSION"))?;\n    Ok(())\n}\n`,
  };
}
