/** A `__version__ = "…"` assignment in a Python file, with the exact range of the version text (inside the quotes). */
export interface DunderVersion {
  value: string;
  range: [number, number];
}

// Module level only (no indentation), optionally annotated (`__version__: str = "1.0"`), any quote style
// except triple quotes; `__version__ = version("pkg")` and other expressions are not a literal source.
const ASSIGNMENT = /^__version__\s*(?::\s*[A-Za-z_][\w.[\]]*\s*)?=\s*(['"])(?!\1)([^'"\r\n\\]+)\1(?!\1)/m;

/** The literal `__version__` of a module, or null when it has none (or computes it). */
export function findDunderVersion(text: string): DunderVersion | null {
  const match = ASSIGNMENT.exec(text);
  if (!match) return null;
  const start = match.index + match[0].length - 1 - match[2].length;
  return { value: match[2], range: [start, start + match[2].length] };
}

/** Replaces the literal version, keeping every other byte (quotes, annotation, comments, line endings). */
export function replaceDunderVersion(text: string, found: DunderVersion, version: string): string {
  return text.slice(0, found.range[0]) + version + text.slice(found.range[1]);
}
