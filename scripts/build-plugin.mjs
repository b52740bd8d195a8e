// Compiles packages/nx to CommonJS + .d.ts in packages/nx/dist and copies the JSON schemas and
// generator templates that tsc does not emit. Run from packages/nx (npm run build).
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';

const pkgDir = process.cwd();
const src = join(pkgDir, 'src');
const out = join(pkgDir, 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(out, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', join(pkgDir, 'tsconfig.lib.json')], { stdio: 'inherit' });

function copyAssets(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const target = join(out, relative(src, path));
    if (statSync(path).isDirectory()) {
      if (entry === 'files') cpSync(path, target, { recursive: true });
      else copyAssets(path);
    } else if (entry.endsWith('.json') || entry.endsWith('.d.ts')) {
      cpSync(path, target);
    }
  }
}
copyAssets(src);
console.log(`built ${relative(dirname(dirname(pkgDir)), out)}`);
