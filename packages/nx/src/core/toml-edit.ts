import { parse } from 'smol-toml';
import { PyrelError } from './errors';
import { parseToml } from './toml';

/** Keys and array indices from the document root to a value: `['package', 3, 'version']`. */
export type TomlPath = (string | number)[];

export type TomlStringStyle = 'basic' | 'literal' | 'multiline-basic' | 'multiline-literal';

/** Where a string value is written: its decoded value and the byte range of its literal, quotes included. */
export interface TomlStringSite {
  path: TomlPath;
  value: string;
  range: [start: number, end: number];
  style: TomlStringStyle;
}

export interface TomlStringEdit {
  site: TomlStringSite;
  value: string;
}

/**
 * Edits TOML by locating string literals and replacing only their bytes, so comments, key order,
 * quoting, blank lines and line endings stay exactly as the user wrote them (smol-toml's
 * stringify would rewrite the whole file). The scanner assumes text smol-toml has accepted, and
 * the edited text is parsed again to prove each edited path now holds its new value.
 */
class Scanner {
  private pos = 0;
  readonly sites: TomlStringSite[] = [];
  /** Instances so far of each array of tables, keyed by its resolved path. */
  private readonly tableArrays = new Map<string, number>();

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  scan(): TomlStringSite[] {
    let table: TomlPath = [];
    for (;;) {
      this.skipBlankLinesAndComments();
      if (this.pos >= this.text.length) return this.sites;
      if (this.text[this.pos] === '[') table = this.header();
      else this.keyValue(table);
    }
  }

  private fail(message: string): never {
    const before = this.text.slice(0, this.pos);
    const line = before.split('\n').length;
    const column = this.pos - before.lastIndexOf('\n');
    throw new PyrelError(`${this.file}:${line}:${column}: ${message}`, [`@pyrel/nx could not read this TOML; please report it with the file attached.`]);
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  private skipComment(): void {
    if (this.text[this.pos] !== '#') return;
    while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
  }

  /** Whitespace, newlines and comments: what may separate statements, and array items. */
  private skipBlankLinesAndComments(): void {
    for (;;) {
      const start = this.pos;
      this.skipSpaces();
      this.skipComment();
      if (this.text[this.pos] === '\r' && this.text[this.pos + 1] === '\n') this.pos += 2;
      else if (this.text[this.pos] === '\n') this.pos++;
      if (this.pos === start) return;
    }
  }

  private expect(char: string): void {
    if (this.text[this.pos] !== char) this.fail(`expected ${JSON.stringify(char)}`);
    this.pos++;
  }

  /** `[a.b]` or `[[a.b]]`; returns the resolved path of the table that follows. */
  private header(): TomlPath {
    const isArray = this.text.startsWith('[[', this.pos);
    this.pos += isArray ? 2 : 1;
    const keys = this.dottedKey();
    this.expect(']');
    if (isArray) this.expect(']');
    const resolved: TomlPath = [];
    keys.forEach((key, i) => {
      resolved.push(key);
      const id = JSON.stringify(resolved);
      if (isArray && i === keys.length - 1) {
        const count = (this.tableArrays.get(id) ?? 0) + 1;
        this.tableArrays.set(id, count);
        resolved.push(count - 1);
      } else if (this.tableArrays.has(id)) {
        resolved.push((this.tableArrays.get(id) as number) - 1);
      }
    });
    return resolved;
  }

  private dottedKey(): string[] {
    const keys: string[] = [];
    for (;;) {
      this.skipSpaces();
      const char = this.text[this.pos];
      if (char === '"' || char === "'") keys.push(this.string().value);
      else {
        const match = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.pos, this.pos + 256));
        if (!match) this.fail('expected a key');
        keys.push(match[0]);
        this.pos += match[0].length;
      }
      this.skipSpaces();
      if (this.text[this.pos] !== '.') return keys;
      this.pos++;
    }
  }

  /** `key = value` inside `table`; the caller skips what follows it (a comment, a comma). */
  private keyValue(table: TomlPath): void {
    const keys = this.dottedKey();
    this.expect('=');
    this.skipSpaces();
    this.value([...table, ...keys]);
  }

  private value(path: TomlPath): void {
    const char = this.text[this.pos];
    if (char === '"' || char === "'") {
      const start = this.pos;
      const { value, style } = this.string();
      this.sites.push({ path, value, range: [start, this.pos], style });
    } else if (char === '[') this.array(path);
    else if (char === '{') this.inlineTable(path);
    else {
      // Numbers, booleans and dates (which may hold a space) end where the value's context does.
      const start = this.pos;
      while (this.pos < this.text.length && !',]}#\r\n'.includes(this.text[this.pos])) this.pos++;
      if (this.pos === start) this.fail('expected a value');
    }
  }

  private array(path: TomlPath): void {
    this.pos++;
    for (let index = 0; ; index++) {
      this.skipBlankLinesAndComments();
      if (this.text[this.pos] === ']') break;
      this.value([...path, index]);
      this.skipBlankLinesAndComments();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== ']') this.fail('expected "," or "]" in an array');
    }
    this.pos++;
  }

  private inlineTable(path: TomlPath): void {
    this.pos++;
    for (;;) {
      // TOML 1.1 allows newlines and comments in inline tables; 1.0 files never have them.
      this.skipBlankLinesAndComments();
      if (this.text[this.pos] === '}') break;
      this.keyValue(path);
      this.skipBlankLinesAndComments();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== '}') this.fail('expected "," or "}" in an inline table');
    }
    this.pos++;
  }

  private string(): { value: string; style: TomlStringStyle } {
    const quote = this.text[this.pos];
    const multiline = this.text.startsWith(quote.repeat(3), this.pos);
    if (!multiline) {
      this.pos++;
      const start = this.pos;
      if (quote === "'") {
        const end = this.text.indexOf("'", start);
        if (end < 0) this.fail('unterminated string');
        this.pos = end + 1;
        return { value: this.text.slice(start, end), style: 'literal' };
      }
      let value = '';
      while (this.text[this.pos] !== '"') {
        if (this.pos >= this.text.length) this.fail('unterminated string');
        value += this.text[this.pos] === '\\' ? this.escape() : this.text[this.pos++];
      }
      this.pos++;
      return { value, style: 'basic' };
    }
    this.pos += 3;
    if (this.text.startsWith('\r\n', this.pos)) this.pos += 2;
    else if (this.text[this.pos] === '\n') this.pos++;
    let value = '';
    for (;;) {
      if (this.pos >= this.text.length) this.fail('unterminated string');
      if (this.text.startsWith(quote.repeat(3), this.pos)) {
        // Up to two quotes may sit just before the closing delimiter and belong to the value.
        let run = 3;
        while (run < 5 && this.text[this.pos + run] === quote) run++;
        value += quote.repeat(run - 3);
        this.pos += run;
        return { value, style: quote === '"' ? 'multiline-basic' : 'multiline-literal' };
      }
      if (quote === '"' && this.text[this.pos] === '\\') {
        const lineEnding = /^\\[ \t]*\r?\n/.exec(this.text.slice(this.pos, this.pos + 256));
        if (lineEnding) {
          this.pos += lineEnding[0].length;
          while (/[ \t\r\n]/.test(this.text[this.pos] ?? '')) this.pos++;
        } else value += this.escape();
      } else value += this.text[this.pos++];
    }
  }

  private escape(): string {
    const char = this.text[this.pos + 1];
    const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' };
    if (char in simple) {
      this.pos += 2;
      return simple[char];
    }
    const digits = char === 'x' ? 2 : char === 'u' ? 4 : char === 'U' ? 8 : 0;
    if (!digits) this.fail(`invalid escape \\${char}`);
    const hex = this.text.slice(this.pos + 2, this.pos + 2 + digits);
    this.pos += 2 + digits;
    return String.fromCodePoint(parseInt(hex, 16));
  }
}

/** Every string value in a TOML document with its path and location; malformed TOML is an error naming file, line and column. */
export function findStringSites(text: string, file: string): TomlStringSite[] {
  parseToml(text, file);
  return new Scanner(text, file).scan();
}

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}

export function siteAt(sites: readonly TomlStringSite[], path: readonly (string | number)[]): TomlStringSite | undefined {
  return sites.find((site) => samePath(site.path, path));
}

function escapeBasic(value: string, keepNewlines: boolean): string {
  return value.replace(/[\\"\u0000-\u001f\u007f]/g, (char) => {
    if (keepNewlines && char === '\n') return char;
    const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };
    return named[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** The literal for `value` in `style`, or in a basic string when that style cannot hold it. */
export function renderTomlString(value: string, style: TomlStringStyle): string {
  // A leading newline right after a multi-line opener would be trimmed, so it is written twice.
  const lead = value.startsWith('\n') ? '\n' : '';
  switch (style) {
    case 'literal':
      if (!/['\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) return `'${value}'`;
      break;
    case 'multiline-literal':
      if (!/'''|[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) return `'''${lead}${value}'''`;
      break;
    case 'multiline-basic':
      return `"""${lead}${escapeBasic(value, true)}"""`;
  }
  return `"${escapeBasic(value, false)}"`;
}

function valueAt(document: unknown, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined), document);
}

/**
 * Replaces the given string values and nothing else. Each keeps its quoting style when it can
 * hold the new value. The result is parsed again, and each edited path must hold its new value.
 */
export function applyStringEdits(text: string, edits: readonly TomlStringEdit[], file: string): string {
  const ordered = [...edits].sort((a, b) => b.site.range[0] - a.site.range[0]);
  ordered.forEach((edit, i) => {
    const next = ordered[i + 1];
    if (next && next.site.range[1] > edit.site.range[0]) {
      throw new PyrelError(`Overlapping edits in ${file} at ${JSON.stringify(edit.site.path)} and ${JSON.stringify(next.site.path)}.`);
    }
  });
  let result = text;
  for (const { site, value } of ordered) {
    result = result.slice(0, site.range[0]) + renderTomlString(value, site.style) + result.slice(site.range[1]);
  }
  const document = parse(result);
  for (const { site, value } of edits) {
    if (valueAt(document, site.path) !== value) {
      throw new PyrelError(`Editing ${file} at ${site.path.join('.')} did not produce ${JSON.stringify(value)}.`, [
        'Nothing was written. Please report this with the file attached.',
      ]);
    }
  }
  return result;
}
