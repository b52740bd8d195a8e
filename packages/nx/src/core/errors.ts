/**
 * An error a user can act on: a one-line title and a few lines that name the file, option or
 * environment variable involved and say what to do next. Executors print it with Nx's
 * `output.error` instead of a stack trace.
 */
export class PyrelError extends Error {
  readonly title: string;
  readonly bodyLines: readonly string[];

  constructor(title: string, bodyLines: readonly string[] = []) {
    super([title, ...bodyLines].join('\n'));
    this.name = 'PyrelError';
    this.title = title;
    this.bodyLines = bodyLines;
  }
}
