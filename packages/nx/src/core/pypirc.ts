/** One `[section]` of a .pypirc: where it uploads and as whom. */
export interface PypircSection {
  name: string;
  repository?: string;
  username?: string;
  password?: string;
}

/**
 * The sections of a .pypirc (an INI file, as twine and distutils read it: `key = value` or
 * `key: value`, `#`/`;` comment lines, indented continuation lines ignored). Keys are
 * case-insensitive; values keep their case and inner spaces.
 */
export function parsePypirc(text: string): PypircSection[] {
  const sections: PypircSection[] = [];
  let current: PypircSection | null = null;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^\s*([#;]|$)/.test(raw) || /^\s/.test(raw)) continue;
    const header = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      current = { name: header[1].trim() };
      sections.push(current);
      continue;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!pair || !current) continue;
    const key = pair[1].toLowerCase();
    if (key === 'repository' || key === 'username' || key === 'password') current[key] = pair[2].trim();
  }
  return sections;
}

const sameUrl = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/** The section for a repository: the one named like it, else the one whose `repository` URL is its upload URL. */
export function pypircSectionFor(sections: readonly PypircSection[], repositoryName: string, uploadUrl: string): PypircSection | undefined {
  return sections.find((s) => s.name === repositoryName && s.name !== 'distutils') ?? sections.find((s) => s.repository !== undefined && sameUrl(s.repository, uploadUrl));
}
