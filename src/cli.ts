import { Command, CommanderError, Option } from 'commander';
import os from 'os';
import path from 'path';
import { expandInputs, runPool } from './batch';
import { outputStem, sweepStaleTemps } from './output';
import { Progress } from './progress';
import type { CheckRow } from './check';
import type { Printer } from './render/pdf';
import { InputError } from './model/errors';
import { BrowserMissingError } from './render/browser';

// Arguments, progress and exit codes; the work itself is in build.ts, check.ts and the library.
// The readers, writers and the browser driver are loaded by the command that uses them, so
// --help, --version and usage errors start in a fraction of the time.

export const EXIT = { ok: 0, content: 1, usage: 2 } as const;

function version(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../package.json') as { version: string }).version;
}

function report(err: unknown, trace: boolean, progress?: Progress): number {
  progress?.clear();
  if (err instanceof BrowserMissingError) {
    process.stderr.write(`tieout: ${err.message}\n`);
    return EXIT.content;
  }
  if (err instanceof InputError) {
    process.stderr.write(`tieout: ${err.message}\n`);
    if (trace && err.stack) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  process.stderr.write(`tieout: internal error: ${e?.message ?? String(err)}${trace ? '' : ' (run with --trace for details)'}\n`);
  if (trace && e?.stack) process.stderr.write(`${e.stack}\n`);
  return EXIT.content;
}

/** One stem per input; inputs that share a file name get -2, -3 … so no output overwrites another. */
function uniqueStems(inputs: string[]): string[] {
  const seen = new Map<string, number>();
  return inputs.map((input) => {
    const stem = outputStem(input);
    const n = (seen.get(stem) ?? 0) + 1;
    seen.set(stem, n);
    return n === 1 ? stem : `${stem}-${n}`;
  });
}

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('tieout')
    .description('Turns an earnings release into an Excel model whose totals are live formulas, a one-page PDF briefing and a JSON model.')
    .version(version(), '-V, --version')
    .exitOverride()
    // A usage error is one line: what is wrong and where to look, no help text after it.
    .configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error:') ? `tieout: ${s.trimEnd()} (see tieout --help)\n` : s) });

  program
    .command('build')
    .description('build each release (files or directories) into <stem>.xlsx, .pdf, .html and .json in --out')
    .argument('<inputs...>', 'release files or directories of them (text, markdown, HTML, fixed-width text)')
    .option('-o, --out <dir>', 'output directory', 'output')
    .addOption(new Option('--from <reader>', 'force a reader instead of sniffing the format'))
    .option('--trace', 'print stack traces for errors')
    .option('-j, --jobs <n>', 'releases built at once', String(os.availableParallelism()))
    .option('--no-pdf', 'skip the PDF briefing and its HTML (no browser needed)')
    .addOption(new Option('--paper <size>', 'paper of the PDF briefing').choices(['a4', 'letter']).default('a4'))
    .action(async (args: string[], opts: { out: string; from?: string; trace?: boolean; jobs: string; pdf: boolean; paper: 'a4' | 'letter' }) => {
      const jobs = Number(opts.jobs);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) {
        process.stderr.write(`tieout: --jobs expects a whole number from 1 to 64, found ${JSON.stringify(opts.jobs)}\n`);
        code = EXIT.usage;
        return;
      }
      const t0 = performance.now();
      const inputs = await expandInputs(args);
      const lanes = Math.min(jobs, inputs.length);
      const progress = await Progress.start(inputs.length);
      // Reading, inference and workbooks run in worker threads, one per lane, started first so that
      // they boot while this thread sets up; this thread writes files and drives the browser.
      const workers = new (await import('./workers')).BuildWorkers(lanes);
      workers.prepare();
      let printer: Printer | undefined;
      try {
        await sweepStaleTemps(opts.out);
        const stems = uniqueStems(inputs);
        let failed = 0;
        const { buildOne } = await import('./build');
        // One browser for the whole run, started on the first PDF and closed at the end.
        if (opts.pdf) printer = new (await import('./render/pdf')).Printer({ pages: lanes });
        // Twice as many releases in flight as threads: a thread that finishes finds the next release
        // already waiting for it instead of idling while this thread writes the last one's files.
        await runPool(inputs, 2 * lanes, async (input, i) => {
          try {
            const res = await buildOne(input, { out: opts.out, from: opts.from, stem: stems[i], pdf: opts.pdf, paper: opts.paper, printer, workers });
            const errors = res.diagnostics.filter((d) => d.level === 'error');
            if (errors.length) code = Math.max(code, EXIT.content);
            // The gate's findings: the briefing is printed, but as a draft, and the line says so.
            const draft = res.diagnostics.filter((d) => d.check === 'gate');
            return `${input}: ${res.written.join(', ')}${errors.length ? ` (${errors.length} content errors)` : ''}${draft.length ? ` (briefing is a DRAFT: ${draft[0].message.replace(/^briefing draft: /, '')}${draft.length > 1 ? ` and ${draft.length - 1} more` : ''})` : ''}`;
          } catch (err) {
            failed++;
            code = Math.max(code, report(err, !!opts.trace, progress));
            return null;
          }
        }, (line) => progress.tick(line));
        progress.stop();
        if (inputs.length > 1) {
          const secs = ((performance.now() - t0) / 1000).toFixed(1);
          process.stdout.write(`${inputs.length - failed} of ${inputs.length} releases built in ${secs} s${failed ? `; ${failed} failed` : ''}\n`);
        }
      } finally {
        // A run that ends early still gives the terminal its cursor back.
        progress.stop();
        await Promise.all([printer?.close(), workers.close()]);
      }
    });

  program
    .command('check')
    .description('read each release and print what was found: statements, figures, totals tied; writes nothing')
    .argument('<inputs...>', 'release files')
    .addOption(new Option('--from <reader>', 'force a reader instead of sniffing the format'))
    .option('--trace', 'print stack traces for errors')
    .action(async (inputs: string[], opts: { from?: string; trace?: boolean }) => {
      const { checkHeader, checkLine, checkOne, checkSummary, nameWidth, refusedRow } = await import('./check');
      const width = nameWidth(inputs.map((i) => path.basename(i)));
      const rows: CheckRow[] = [];
      process.stdout.write(`${checkHeader(width)}\n`);
      for (const input of inputs) {
        let row: CheckRow;
        try {
          row = await checkOne(input, { from: opts.from });
        } catch (err) {
          if (opts.trace) process.stderr.write(`${(err as Error).stack}\n`);
          row = refusedRow(input, err instanceof InputError ? err.message : `internal error: ${(err as Error).message}`);
        }
        rows.push(row);
        process.stdout.write(`${checkLine(row, path.basename(input), width)}\n`);
      }
      process.stdout.write(`\n${checkSummary(rows)}\n`);
      if (rows.some((r) => !r.ok)) code = Math.max(code, EXIT.content);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
      return EXIT.usage;
    }
    return report(err, argv.includes('--trace'));
  }
  return code;
}
