import { Command, CommanderError, Option } from 'commander';
import os from 'os';
import path from 'path';
import { expandInputs, runPool } from './batch';
import { OutputError, outDirProblem, removeTemporaries, sweepStaleTemps, uniqueStems } from './output';
import { printable, Progress } from './progress';
import type { CheckRow } from './check';
import type { Printer } from './render/pdf';
import { InputError } from './model/errors';
import { argvNames } from './names';
import { BrowserFailedError, BrowserMissingError, killBrowsers } from './render/browser';

// Arguments, progress and exit codes; the work itself is in build.ts, check.ts and the library.
// The readers, writers and the browser driver are loaded by the command that uses them, so
// --help, --version and usage errors start in a fraction of the time.

export const EXIT = { ok: 0, content: 1, usage: 2 } as const;

function version(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../package.json') as { version: string }).version;
}

/** Prints one line on stderr, its control characters shown as escapes (file names can hold any). */
/** An output directory that cannot be written is said in one line before any release is read. */
async function unusableOut(out: string): Promise<boolean> {
  const bad = await outDirProblem(out);
  if (bad) say(`--out ${out}: expected a directory tieout can write in, found ${bad}`);
  return !!bad;
}

function say(line: string): void {
  process.stderr.write(`tieout: ${printable(line)}\n`);
}

/**
 * Reports a failure on one line and gives its exit code. Every line names the release it is about:
 * an input error names its file and place itself; anything else is prefixed with `input`.
 */
function report(err: unknown, trace: boolean, progress?: Progress, input?: string): number {
  progress?.clear();
  const about = input !== undefined ? `${input}: ` : '';
  if (err instanceof InputError) {
    say(err.message);
    if (trace && err.stack) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  if (err instanceof BrowserMissingError || err instanceof BrowserFailedError || err instanceof OutputError) {
    say(`${about}${err.message}`);
    if (trace && err.stack) process.stderr.write(`${err.stack}\n`);
    return EXIT.content;
  }
  const e = err as Error;
  say(`${about}internal error: ${e?.message ?? String(err)}${trace ? '' : ' (run with --trace for details)'}`);
  if (trace && e?.stack) process.stderr.write(`${e.stack}\n`);
  return EXIT.content;
}

/** Exit codes of a run stopped by a signal, as a shell reports them: 128 + the signal's number. */
const STOP_SIGNALS = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Stops the run at once on SIGINT, SIGTERM or SIGHUP: the terminal gets its cursor back, the
 * temporaries being written are removed, the browser (started or starting) is ended, and the
 * process exits 128 + the signal's number. Nothing is waited for: a release not renamed into place
 * is simply not there. Returns the function that removes the handlers.
 */
function stopOnSignals(progress: Progress): () => void {
  const handlers = Object.entries(STOP_SIGNALS).map(([signal, code]) => {
    const handler = () => {
      progress.abort();
      removeTemporaries();
      killBrowsers();
      say(`stopped by ${signal}`);
      process.exit(code);
    };
    process.on(signal, handler);
    return () => process.off(signal, handler);
  });
  return () => handlers.forEach((off) => off());
}

export async function main(given: string[]): Promise<number> {
  // File names with their exact bytes, where Node decoded some that are not UTF-8 as U+FFFD.
  const argv = argvNames(given);
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
      if (await unusableOut(opts.out)) { code = EXIT.usage; return; }
      const t0 = performance.now();
      const inputs = await expandInputs(args, (file, why) => say(`${file}: skipped, ${why}`));
      const lanes = Math.min(jobs, inputs.length);
      const progress = await Progress.start(inputs.length);
      const unhook = stopOnSignals(progress);
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
            code = Math.max(code, report(err, !!opts.trace, progress, input));
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
        unhook();
      }
    });

  program
    .command('model')
    .description('build the company model of several releases (files or directories): <company>-model.xlsx, .json and a one-page trend PDF (and its HTML) in --out, one per company')
    .argument('<inputs...>', 'release files or directories of them, of one company or several')
    .option('-o, --out <dir>', 'output directory', 'output')
    .addOption(new Option('--from <reader>', 'force a reader instead of sniffing the format'))
    .option('--trace', 'print stack traces for errors')
    .option('--no-pdf', 'skip the trend page (PDF and HTML; no browser needed)')
    .addOption(new Option('--paper <size>', 'paper of the trend page').choices(['a4', 'letter']).default('a4'))
    .addOption(new Option('--layout <order>', 'period columns: each year\'s quarters then its FY, or every quarter then every FY').choices(['years', 'quarters-then-years']).default('years'))
    .action(async (args: string[], opts: { out: string; from?: string; trace?: boolean; pdf: boolean; paper: 'a4' | 'letter'; layout: 'years' | 'quarters-then-years' }) => {
      // The same refusals as build: an unusable --out before anything is read, skipped inputs said.
      if (await unusableOut(opts.out)) { code = EXIT.usage; return; }
      const inputs = await expandInputs(args, (file, why) => say(`${file}: skipped, ${why}`));
      await sweepStaleTemps(opts.out);
      const { buildModels } = await import('./company');
      const run = await buildModels(inputs, { out: opts.out, from: opts.from, pdf: opts.pdf, paper: opts.paper, layout: opts.layout });
      // A release that cannot be read is reported and left out of its company's model.
      for (const r of run.refused) process.stderr.write(`tieout: ${r.message} (left out of the model)\n`);
      for (const m of run.models) process.stdout.write(`${m.company}: ${m.releases} releases: ${m.written.join(', ')}\n`);
      if (run.refused.length) code = EXIT.content;
    });

  program
    .command('serve')
    .description('start the team page: drop releases, follow their builds, preview, download, share and pack them')
    .option('-p, --port <n>', 'port to listen on', '8080')
    .option('--host <host>', 'address to listen on (beyond 127.0.0.1 only with --token)', '127.0.0.1')
    .option('--data <dir>', 'the library: inputs by content hash, their outputs, an index', 'tieout-data')
    .option('--token <token>', 'required on every request (a header or the login cookie)')
    .option('-j, --jobs <n>', 'releases built at once', String(os.availableParallelism()))
    .action(async (opts: { port: string; host: string; data: string; token?: string; jobs: string }) => {
      const { serveCommand } = await import('./serve/command');
      code = await serveCommand(opts, say);
    });

  program
    .command('pack')
    .description('one PDF of several releases: a cover with a line per company, then each one-page briefing')
    .argument('<inputs...>', 'release files or directories of them')
    .requiredOption('-o, --out <file>', 'the pack PDF to write')
    .addOption(new Option('--from <reader>', 'force a reader instead of sniffing the format'))
    .addOption(new Option('--paper <size>', 'paper of the pack').choices(['a4', 'letter']).default('a4'))
    .option('--trace', 'print stack traces for errors')
    .action(async (args: string[], opts: { out: string; from?: string; paper: 'a4' | 'letter'; trace?: boolean }) => {
      const inputs = await expandInputs(args, (file, why) => say(`${file}: skipped, ${why}`));
      const { packFiles } = await import('./pack');
      const { writeFileWhole } = await import('./serve/command');
      const run = await packFiles(inputs, { from: opts.from, paper: opts.paper });
      for (const r of run.refused) say(`${r.message} (left out of the pack)`);
      if (!run.pdf) { code = EXIT.content; return; }
      await writeFileWhole(opts.out, run.pdf);
      process.stdout.write(`${opts.out}: ${run.releases} briefings and a cover\n`);
      if (run.refused.length) code = EXIT.content;
    });

  program
    .command('check')
    .description('read each release (files or directories) and print what was found: statements, figures, totals tied; writes nothing')
    .argument('<inputs...>', 'release files or directories of them')
    .addOption(new Option('--from <reader>', 'force a reader instead of sniffing the format'))
    .option('--trace', 'print stack traces for errors')
    .action(async (args: string[], opts: { from?: string; trace?: boolean }) => {
      const { checkHeader, checkLine, checkOne, checkSummary, nameWidth, refusedRow } = await import('./check');
      // Inputs are taken as build takes them: a directory contributes the releases below it.
      const inputs = await expandInputs(args, (file, why) => say(`${file}: skipped, ${why}`));
      const names = inputs.map((i) => printable(path.basename(i)));
      const width = nameWidth(names);
      const rows: CheckRow[] = [];
      process.stdout.write(`${checkHeader(width)}\n`);
      for (const [i, input] of inputs.entries()) {
        let row: CheckRow;
        try {
          row = await checkOne(input, { from: opts.from });
        } catch (err) {
          if (opts.trace) process.stderr.write(`${(err as Error).stack}\n`);
          row = err instanceof InputError
            ? refusedRow(input, printable(err.message), err.exitCode)
            : refusedRow(input, `internal error: ${printable((err as Error).message)}`, EXIT.content);
        }
        rows.push(row);
        process.stdout.write(`${checkLine(row, names[i], width)}\n`);
      }
      process.stdout.write(`\n${checkSummary(rows)}\n`);
      // The worst document decides, as for build: 2 for one that could not be read as text at all.
      for (const r of rows) if (!r.ok) code = Math.max(code, r.exitCode ?? EXIT.content);
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
