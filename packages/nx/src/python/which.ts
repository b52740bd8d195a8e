import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const executableSuffixes = process.platform === 'win32' ? ['.exe', '.cmd', '.bat', ''] : [''];

export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The first executable called `name` on `env.PATH`, like `which`; null when there is none. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const suffix of executableSuffixes) {
      const candidate = join(dir, name + suffix);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}
