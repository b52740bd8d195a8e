import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempWorkspace {
  /** The current test's directory (a new one for every test). */
  readonly root: string;
  /** Writes files given by workspace-relative path, creating their directories. */
  write(files: Record<string, string>): void;
}

/** A fresh temp directory per test, removed after it; call at the top of a spec file or describe block. */
export function useTempWorkspace(prefix: string): TempWorkspace {
  let root = '';
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });
  return {
    get root() {
      return root;
    },
    write(files) {
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, file)), { recursive: true });
        writeFileSync(join(root, file), text);
      }
    },
  };
}
