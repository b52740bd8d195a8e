import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parsePypirc, type PypircSection } from '../core/pypirc';

/** The .pypirc twine would read (env PYREL_PYPIRC moves it), parsed; no sections when there is none. */
export function readPypirc(env: NodeJS.ProcessEnv): { path: string; sections: PypircSection[] } {
  const path = env.PYREL_PYPIRC || join(homedir(), '.pypirc');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { path, sections: [] };
  }
  return { path, sections: parsePypirc(text) };
}
