import { parse, TomlError } from 'smol-toml';
import { PyrelError } from './errors';

export type TomlTable = Record<string, unknown>;

/** Parses TOML text; a syntax error names the file, line and column and shows the parser's excerpt. */
export function parseToml(text: string, file: string): TomlTable {
  try {
    return parse(text) as TomlTable;
  } catch (error) {
    if (error instanceof TomlError) {
      const [message, ...excerpt] = error.message.split('\n');
      throw new PyrelError(`${file}:${error.line}:${error.column}: ${message}`, [
        ...excerpt.filter((line) => line.trim()),
        `Fix the TOML syntax in ${file}; @pyrel/nx cannot infer this project until it parses.`,
      ]);
    }
    throw error;
  }
}

export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

export function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
