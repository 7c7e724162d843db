import { Command, CommanderError, Option } from 'commander';
import { buildOne } from './build';
import { InputError } from './model/errors';

// Arguments, progress and exit codes; the work itself is in build.ts and the library.

export const EXIT = { ok: 0, content: 1, usage: 2 } as const;

function version(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../package.json') as { version: string }).version;
}

function report(err: unknown, trace: boolean): number {
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

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('tieout')
    .description('Turns an earnings release into an Excel model whose totals are live formulas, a one-page PDF briefing and a JSON model.')
    .version(version(), '-V, --version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s.startsWith('error:') ? `tieout: ${s}` : s) })
    .showHelpAfterError('(run tieout --help for usage)');

  program
    .command('build')
    .description('read each release and write <stem>.json beside the other outputs in --out')
    .argument('<inputs...>', 'release files (text, markdown, HTML)')
    .option('-o, --out <dir>', 'output directory', 'output')
    .addOption(new Option('--from <reader>', 'force a reader instead of sniffing the format'))
    .option('--trace', 'print stack traces for errors')
    .action(async (inputs: string[], opts: { out: string; from?: string; trace?: boolean }) => {
      for (const input of inputs) {
        try {
          const res = await buildOne(input, { out: opts.out, from: opts.from });
          const errors = res.release.diagnostics.filter((d) => d.level === 'error');
          process.stdout.write(`${input}: ${res.written.join(', ')}${errors.length ? ` (${errors.length} content errors)` : ''}\n`);
          if (errors.length) code = Math.max(code, EXIT.content);
        } catch (err) {
          code = Math.max(code, report(err, !!opts.trace));
        }
      }
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
