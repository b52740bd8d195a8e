// `npm run pack`: builds @pyrel/nx and leaves exactly one installable tarball at dist/pyrel-nx.tgz.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const pkgDir = join(root, 'packages', 'nx');
const outDir = join(root, 'dist');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

execFileSync(npm, ['run', 'build'], { cwd: pkgDir, stdio: 'inherit' });
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
execFileSync(npm, ['pack', '--silent', '--pack-destination', outDir], { cwd: pkgDir, stdio: ['ignore', 'ignore', 'inherit'] });
const [tarball, ...extra] = readdirSync(outDir).filter((f) => f.endsWith('.tgz'));
if (!tarball || extra.length) throw new Error(`expected one tarball in ${outDir}, found ${[tarball, ...extra].join(', ')}`);
renameSync(join(outDir, tarball), join(outDir, 'pyrel-nx.tgz'));
console.log('packed dist/pyrel-nx.tgz');
