/**
 * Input that cannot be used at all. Carries the file, the place, what was expected and what was
 * found, so the CLI prints one line and no stack trace.
 */
export class InputError extends Error {
  readonly file: string;
  readonly line: number | null;
  readonly expected: string;
  readonly found: string;
  /** Exit code the CLI uses: 2 for unreadable input, 1 for input read but unusable in content. */
  readonly exitCode: 1 | 2;

  constructor(opts: { file: string; line?: number | null; expected: string; found: string; exitCode?: 1 | 2 }) {
    const where = opts.line ? `${opts.file}:${opts.line}` : opts.file;
    super(`${where}: expected ${opts.expected}, found ${opts.found}`);
    this.name = 'InputError';
    this.file = opts.file;
    this.line = opts.line ?? null;
    this.expected = opts.expected;
    this.found = opts.found;
    this.exitCode = opts.exitCode ?? 2;
  }
}

/** Shortens input text for an error message, so one bad cell cannot flood the terminal. */
export function quote(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}
