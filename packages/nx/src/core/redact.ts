/** What stands in for a secret in anything we print or throw. */
export const REDACTED = '***';

/** Secrets shorter than this are not redacted: masking "1" or "ab" would garble output, and such values are not credentials. */
const MIN_SECRET_LENGTH = 4;

/** Environment variables whose values are credentials, whichever of them a run ends up using. */
export function secretsFromEnv(env: Readonly<Record<string, string | undefined>>): string[] {
  const secretName = /^(PYREL_(TOKEN|PASSWORD)_.+|UV_PUBLISH_(TOKEN|PASSWORD)|TWINE_PASSWORD|ACTIONS_ID_TOKEN_REQUEST_TOKEN)$/;
  return Object.entries(env)
    .filter(([name, value]) => secretName.test(name) && value)
    .map(([, value]) => value as string);
}

/**
 * Masks every occurrence of every secret. Matches of all secrets are found on the original text
 * and merged first, so overlapping secrets (one containing the other, or sharing an edge) are
 * masked as one span and no fragment of either shows.
 */
export function redact(text: string, secrets: readonly string[]): string {
  const usable = [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH);
  const spans: Array<[number, number]> = [];
  for (const secret of usable) {
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + 1)) spans.push([at, at + secret.length]);
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let result = '';
  let cursor = 0;
  let [start, end] = spans[0];
  for (const [from, to] of spans.slice(1)) {
    if (from <= end) {
      end = Math.max(end, to);
      continue;
    }
    result += text.slice(cursor, start) + REDACTED;
    cursor = end;
    [start, end] = [from, to];
  }
  return result + text.slice(cursor, start) + REDACTED + text.slice(end);
}
