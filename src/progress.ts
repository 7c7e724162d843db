import type { SingleBar } from 'cli-progress';

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
    const bar = new SingleBar({ format: 'building {bar} {value}/{total} releases | {eta_formatted} left', stream: process.stderr, hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
    bar.start(total, 0);
    return new Progress(bar);
  }

  /** Records one finished release; `line` is its result line (null when its error was already printed). */
  tick(line: string | null): void {
    if (this.bar) {
      this.clear();
      if (line) process.stdout.write(`${line}\n`);
      this.bar.increment();
    } else if (line) process.stdout.write(`${line}\n`);
  }

  /** Wipes the bar's line so an error message printed next is not mixed into it. */
  clear(): void {
    if (this.bar) process.stderr.write('\r\x1b[2K');
  }

  stop(): void {
    this.bar?.stop();
  }
}
