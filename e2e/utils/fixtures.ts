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
