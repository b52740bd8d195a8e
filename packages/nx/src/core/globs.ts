const cache = new Map<string, RegExp>();

/**
 * A glob as Cargo and uv write workspace members (`crates/*`, `packages/**`, `py-?`), as a regular
 * expression over `/`-separated relative paths: `*` and `?` stay within one path segment, `**`
 * spans any number of them, `[abc]` is a character class.
 */
export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let source = '';
  const pattern = glob.replace(/\\/g, '/').replace(/\/+$/, '').replace(/^\.\//, '');
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      const slashAfter = pattern[i + 2] === '/';
      source += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) source += '\\[';
      else {
        // A class matches one character of one path segment, never the separator.
        const body = pattern.slice(i + 1, close).replace(/\\/g, '\\\\');
        source += body.startsWith('!') ? `[^/${body.slice(1)}]` : `(?!/)[${body}]`;
        i = close;
      }
    } else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  const regex = new RegExp(`^${source}$`);
  cache.set(glob, regex);
  return regex;
}

/** Whether `path` is matched by one of `include` and none of `exclude`. */
export function matchesMembers(path: string, include: readonly string[], exclude: readonly string[]): boolean {
  return include.some((g) => globToRegExp(g).test(path)) && !exclude.some((g) => globToRegExp(g).test(path));
}
