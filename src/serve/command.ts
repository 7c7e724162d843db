import { promises as fs } from 'fs';
import path from 'path';
import { OutputError, writeSynced } from '../output';
import { ServeUsageError, startServer } from './app';

// `tieout serve` on the command line: options checked, the server started, its URL printed, and
// stopped cleanly (builds' browser and threads ended) on SIGINT or SIGTERM.

export async function serveCommand(opts: { port: string; host: string; data: string; token?: string; jobs: string }, say: (line: string) => void): Promise<number> {
  const port = Number(opts.port);
  const jobs = Number(opts.jobs);
  if (!Number.isInteger(port) || port < 0 || port > 65535) { say(`--port expects a whole number from 0 to 65535, found ${JSON.stringify(opts.port)}`); return 2; }
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) { say(`--jobs expects a whole number from 1 to 64, found ${JSON.stringify(opts.jobs)}`); return 2; }
  let server;
  try {
    server = await startServer({ port, host: opts.host, data: opts.data, token: opts.token, jobs });
  } catch (err) {
    if (err instanceof ServeUsageError) { say(err.message); return 2; }
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') { say(`--port ${port}: expected a free port, found one in use`); return 2; }
    if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') { say(`--host ${opts.host}: expected an address of this machine, found none by that name`); return 2; }
    throw err;
  }
  const login = opts.token !== undefined ? `login?token=${encodeURIComponent(opts.token)}` : '';
  process.stdout.write(`tieout serve: ${server.url}${login} (library in ${path.resolve(opts.data)}; Ctrl-C stops)\n`);
  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals, code: number) => {
      process.stdout.write(`tieout serve: stopped by ${signal}\n`);
      void server.close().finally(() => resolve(code));
    };
    process.once('SIGINT', () => stop('SIGINT', 130));
    process.once('SIGTERM', () => stop('SIGTERM', 143));
  });
}

/** Writes a file whole or not at all: a temporary beside it, synced, renamed over it. */
export async function writeFileWhole(file: string, data: Buffer): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await writeSynced(temp, data);
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw new OutputError(file, err as NodeJS.ErrnoException);
  }
}
