import type { SingleBar } from 'cli-progress';
import { shownName } from './names';

/**
 * Text as it may be printed on a terminal or in a log: control characters (an escape sequence that
 * would clear the screen, a newline that would forge a log line) and the marks that reorder text are
 * shown as escapes, like `\x1b` and `\n`, never sent raw; so is a file name's byte that is not UTF-8. File
 * names can hold any of them.
 */
export function printable(text: string): string {
  return shownName(text).replace(/[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    const code = c.charCodeAt(0);
    return named[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

/**
 * A progress bar on a terminal, plain result lines elsewhere (CI logs, pipes). Result lines are printed
 * above the bar so that they stay readable.
 */
export class Progress {
  private constructor(private readonly bar: SingleBar | null) {}

  static async start(total: number): Promise<Progress> {
    if (!process.stderr.isTTY || total < 2) return new Progress(null);
    // Loaded only for a bar: with the readline it brings, it took 13 ms of every start.
    const { SingleBar, Presets } = await import('cli-progress');
    const bar = new SingleBar({ format: 'building {bar} {value}/{total} releases | {eta_formatted} left', stream: process.stderr, hideCursor: true, clearOnComplete: true, gracefulExit: false }, Presets.shades_classic);
    bar.start(total, 0);
    return new Progress(bar);
  }

  /** Records one finished release; `line` is its result line (null when its error was already printed). */
  tick(line: string | null): void {
    if (this.bar) {
      this.clear();
      if (line) process.stdout.write(`${printable(line)}\n`);
      this.bar.increment();
    } else if (line) process.stdout.write(`${printable(line)}\n`);
  }

  /** Wipes the bar's line so an error message printed next is not mixed into it. */
  clear(): void {
    if (this.bar) process.stderr.write('\r\x1b[2K');
  }

  stop(): void {
    this.bar?.stop();
  }

  /**
   * For a run stopped by a signal, at once and without waiting for the bar: wipes its line and gives
   * the terminal back the cursor and line wrap the bar turned off.
   */
  abort(): void {
    if (this.bar) process.stderr.write('\r\x1b[2K\x1b[?25h\x1b[?7h');
  }
}
