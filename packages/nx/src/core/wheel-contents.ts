import { STRAY_TOP_LEVEL } from './distribution-checks';

/**
 * Import names a wheel installs at the top level: packages (directories, namespace ones too),
 * modules and extension modules (`_core.cpython-311-x86_64-linux-gnu.so` -> `_core`), in order,
 * without metadata, `.data` and the stray directories the contents check reports.
 */
export function topLevelModules(entries: readonly string[]): string[] {
  const names = new Set<string>();
  for (const entry of entries) {
    const [first, ...rest] = entry.split('/');
    if (/\.(dist-info|data)$/.test(first)) continue;
    const name = rest.length > 0 ? first : /^([A-Za-z_]\w*)(\.[\w-]+)?\.(py|so|pyd)$/.exec(first)?.[1];
    if (name && /^[A-Za-z_]\w*$/.test(name) && !STRAY_TOP_LEVEL.includes(name)) names.add(name);
  }
  return [...names];
}

/** The `[console_scripts]` names of an entry_points.txt (what `[project.scripts]` becomes in a wheel). */
export function consoleScripts(entryPoints: string): string[] {
  const scripts: string[] = [];
  let section = '';
  for (const raw of entryPoints.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) section = header[1].trim();
    else if (section === 'console_scripts' && line.includes('=')) scripts.push(line.slice(0, line.indexOf('=')).trim());
  }
  return scripts;
}
