import { PyrelError } from './errors';
import { normalizeVersion } from './pep440';

export interface ConventionalCommit {
  hash: string;
  type: string;
  scope?: string;
  breaking: boolean;
  subject: string;
  body: string;
}

export type CommitBump = 'major' | 'minor' | 'patch';

const HEADER = /^([A-Za-z]+)(?:\(([^()\r\n]+)\))?(!)?: +(\S.*)$/;
const BREAKING_FOOTER = /^BREAKING[ -]CHANGE: /m;

/** Parses `type(scope)!: subject` plus body; anything else (merges, free-form messages) is null. */
export function parseConventionalCommit(hash: string, message: string): ConventionalCommit | null {
  const lines = message.trim().split(/\r?\n/);
  const match = HEADER.exec(lines[0].trim());
  if (!match) return null;
  const [, type, scope, bang, subject] = match;
  const body = lines.slice(1).join('\n').trim();
  const commit: ConventionalCommit = {
    hash,
    type: type.toLowerCase(),
    breaking: bang === '!' || BREAKING_FOOTER.test(body),
    subject: subject.trim(),
    body,
  };
  if (scope?.trim()) commit.scope = scope.trim();
  return commit;
}

export function bumpFromCommits(commits: readonly ConventionalCommit[]): CommitBump | null {
  if (commits.some((c) => c.breaking)) return 'major';
  if (commits.some((c) => c.type === 'feat')) return 'minor';
  if (commits.some((c) => c.type === 'fix' || c.type === 'perf')) return 'patch';
  return null;
}

const SECTIONS: readonly { heading: string; includes: (c: ConventionalCommit) => boolean }[] = [
  { heading: '### ⚠ Breaking changes', includes: (c) => c.breaking },
  // A breaking commit is listed once, under Breaking changes, whatever its type.
  { heading: '### Features', includes: (c) => !c.breaking && c.type === 'feat' },
  { heading: '### Bug fixes', includes: (c) => !c.breaking && c.type === 'fix' },
  { heading: '### Performance', includes: (c) => !c.breaking && c.type === 'perf' },
];

function bullet(commit: ConventionalCommit): string {
  const scope = commit.scope ? `**${commit.scope}:** ` : '';
  return `- ${scope}${commit.subject} (${commit.hash.slice(0, 7)})`;
}

/** One `## version (date)` entry ending in a single newline; prependChangelogEntry adds the spacing. */
export function renderChangelogEntry(input: { version: string; date: string; commits: readonly ConventionalCommit[] }): string {
  const sections = SECTIONS.map(({ heading, includes }) => {
    const bullets = input.commits.filter(includes).map(bullet);
    return bullets.length ? `${heading}\n\n${bullets.join('\n')}` : null;
  }).filter((section): section is string => section !== null);
  const content = sections.length ? sections.join('\n\n') : '- No notable changes.';
  return `## ${input.version} (${input.date})\n\n${content}\n`;
}

/** Newlines to append so `text` ends with a blank line (nothing for empty text). */
function blankLineAfter(text: string, eol: string): string {
  if (!text || text.endsWith(eol + eol)) return '';
  return text.endsWith(eol) ? eol : eol + eol;
}

/** Puts the entry above the newest release, leaving every byte of the existing file in place. */
export function prependChangelogEntry(existing: string | null, entry: string): string {
  if (!existing) return `# Changelog\n\n${entry}`;
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const body = entry.replace(/\r?\n/g, eol);
  const match = /^## /m.exec(existing);
  if (!match) return existing + blankLineAfter(existing, eol) + body;
  const head = existing.slice(0, match.index);
  return head + blankLineAfter(head, eol) + body + eol + existing.slice(match.index);
}

const PLACEHOLDER = /(\{projectName\}|\{version\})/;

function assertVersionPlaceholder(pattern: string): void {
  if (!pattern.includes('{version}')) {
    throw new PyrelError(`releaseTagPattern "${pattern}" has no {version} placeholder.`, ['Use e.g. "{projectName}@{version}" or "v{version}".']);
  }
}

export function renderTag(pattern: string, values: { projectName: string; version: string }): string {
  assertVersionPlaceholder(pattern);
  return pattern.replaceAll('{projectName}', values.projectName).replaceAll('{version}', values.version);
}

const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, '\\$&');
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A `git tag --list` glob: only a pre-filter, versionFromTag decides what really matches. */
export function tagGlob(pattern: string, projectName: string): string {
  assertVersionPlaceholder(pattern);
  return pattern
    .split(PLACEHOLDER)
    .map((part) => (part === '{version}' ? '*' : escapeGlob(part === '{projectName}' ? projectName : part)))
    .join('');
}

/** The normalised PEP 440 version a tag of this project carries, or null for any other tag. */
export function versionFromTag(pattern: string, projectName: string, tag: string): string | null {
  assertVersionPlaceholder(pattern);
  let captured = false;
  const source = pattern
    .split(PLACEHOLDER)
    .map((part) => {
      if (part === '{projectName}') return escapeRegex(projectName);
      if (part !== '{version}') return escapeRegex(part);
      // A repeated {version} must repeat the same text.
      const group = captured ? '\\1' : '(.+)';
      captured = true;
      return group;
    })
    .join('');
  const match = new RegExp(`^${source}$`).exec(tag);
  if (!match) return null;
  try {
    return normalizeVersion(match[1]);
  } catch {
    return null;
  }
}
