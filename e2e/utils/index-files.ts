import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** File name -> sha256 of what a local index's data directory holds. */
export function indexFiles(dataDir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dataDir).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(dataDir, f))).digest('hex')]));
}
