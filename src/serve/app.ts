import { createHash } from 'crypto';
import { createReadStream, createWriteStream, promises as fs } from 'fs';
import type http from 'http';
import os from 'os';
import path from 'path';
import { Transform } from 'stream';
import { pipeline } from 'stream/promises';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import formbody from '@fastify/formbody';
import { MAX_INPUT_BYTES } from '../read/input';
import { InputError } from '../model/errors';
import { makePack } from '../pack';
import { Builds } from './builds';
import { allowedHosts, APP_CSP, cookieName, isLoopback, PREVIEW_CSP, refusal, sameToken } from './guard';
import { badName, Library, matches, ofNamedCompany, OUTPUT_EXTS, type Entry } from './library';
import { appPage, dayOf, libraryFragment, loginPage, modelPage, releasePage, WEB } from './pages';

// `tieout serve`: the team page. Releases dropped on the page are stored by content hash, built
// by the library API with one warm browser (at most --jobs at a time), followed live over
// server-sent events, and kept in a library a team opens, searches, downloads from and packs.

export interface ServeOptions {
  port: number;
  host: string;
  /** The library's directory. */
  data: string;
  /** Required on every request when given (and required to listen beyond the loopback interface). */
  token?: string;
  jobs: number;
  /** A build running longer than this fails (default two minutes). */
  timeoutMs?: number;
  /** Files one upload may carry. */
  maxFiles?: number;
  /** False starts nothing ahead of the first upload (default: threads, browser and one build warmed at start). */
  warm?: boolean;
}

export interface Server {
  url: string;
  app: FastifyInstance;
  library: Library;
  builds: Builds;
  close(): Promise<void>;
}

/** A usage error of `tieout serve`, said in one line. */
export class ServeUsageError extends Error {}

const TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

const HASH = /^[0-9a-f]{64}$/;

/** An attachment's header: the plain name for old clients, the UTF-8 one for the rest. */
function attachment(name: string): string {
  const plain = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${plain}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Counts and hashes an upload's bytes as they pass on to disk. */
function hashing(hash: ReturnType<typeof createHash>, size: { n: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size.n += chunk.length;
      done(null, chunk);
    },
  });
}

export async function startServer(opts: ServeOptions): Promise<Server> {
  if (!isLoopback(opts.host) && opts.token === undefined) {
    throw new ServeUsageError(`--host ${opts.host}: listening beyond this machine needs --token (everyone who can reach ${opts.host} could upload and read the library)`);
  }
  if (opts.token !== undefined && opts.token.length < 8) throw new ServeUsageError('--token: expected at least 8 characters, found ' + opts.token.length);
  const maxFiles = opts.maxFiles ?? 64;
  const library = new Library(opts.data);
  const unfinished = await library.open();
  const builds = new Builds(library, { jobs: opts.jobs, timeoutMs: opts.timeoutMs ?? 120_000 });
  if (opts.warm !== false) builds.warm();
  for (const e of unfinished) await builds.enqueue(e);

  const app = Fastify({ logger: false, bodyLimit: 256 * 1024, forceCloseConnections: true });
  // Open event streams, ended when the server closes (a page keeps its stream open for ever).
  const streams = new Set<http.ServerResponse>();
  await app.register(formbody);
  await app.register(multipart, { preservePath: true, limits: { fileSize: MAX_INPUT_BYTES, files: maxFiles, fields: 8, parts: maxFiles + 8, fieldSize: 4096 } });

  let hosts = new Set<string>();
  let cookie = '';
  const open = (p: string) => p === '/login' || p === '/static/app.css';
  app.addHook('onRequest', async (req, reply) => {
    const no = refusal({ method: req.method, url: req.url, headers: req.headers }, hosts, opts.token, open, cookie);
    if (!no) return;
    // A person who opens the page without the token is shown where to give it.
    if (no.status === 401 && req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) return reply.redirect('/login', 303);
    return reply.code(no.status).type('text/plain; charset=utf-8').send(`${no.message}\n`);
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', APP_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    const message = status === 413 ? tooLarge(err as { code?: string }, maxFiles) : status === 500 ? `internal error: ${err.message}` : err.message;
    reply.code(status).send({ error: message });
  });

  const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body);
  const entryOr404 = (req: FastifyRequest<{ Params: { hash: string } }>, reply: FastifyReply): Entry | null => {
    const e = HASH.test(req.params.hash) ? library.get(req.params.hash) : undefined;
    if (!e) { void reply.code(404).type('text/plain; charset=utf-8').send('no release with that hash in this library\n'); return null; }
    return e;
  };
  const search = (q: string) => library.all().filter((e) => !q || matches(e, q));
  const limits = { maxMb: MAX_INPUT_BYTES / 1024 / 1024, maxFiles };

  app.get<{ Querystring: { q?: string } }>('/', async (req, reply) => html(reply, appPage(search(req.query.q ?? ''), req.query.q ?? '', limits)));
  app.get<{ Querystring: { q?: string } }>('/library', async (req, reply) => html(reply, libraryFragment(search(req.query.q ?? ''), req.query.q ?? '')));
  app.get('/releases', async () => ({ releases: library.all() }));

  for (const [file, type] of [['app.js', 'text/javascript; charset=utf-8'], ['app.css', 'text/css; charset=utf-8']]) {
    const body = await fs.readFile(path.join(WEB, file));
    app.get(`/static/${file}`, async (_req, reply) => reply.type(type).header('cache-control', 'no-cache').send(body));
  }

  app.get<{ Querystring: { token?: string } }>('/login', async (req, reply) => {
    const given = req.query.token;
    if (given === undefined || opts.token === undefined) return html(reply, loginPage(false));
    return login(reply, given);
  });
  app.post<{ Body: { token?: string } }>('/login', async (req, reply) => login(reply, String(req.body?.token ?? '')));
  const login = (reply: FastifyReply, given: string) => {
    if (opts.token === undefined) return reply.redirect('/', 303);
    if (!sameToken(given, opts.token)) return html(reply.code(401), loginPage(true));
    reply.header('set-cookie', `${cookie}=${encodeURIComponent(given)}; Path=/; HttpOnly; SameSite=Strict`);
    return reply.redirect('/', 303);
  };

  // Uploads: each file streamed to tmp/ while hashed, then taken into the library by its hash. The
  // name is taken as the client sent it (preservePath), so that one holding a path is refused rather
  // than quietly cut to its last part.
  app.post('/releases', async (req, reply) => {
    const received: { temp: string; hash: string; name: string; size: number }[] = [];
    try {
      for await (const part of req.files()) {
        const why = badName(part.filename);
        if (why) {
          part.file.resume();
          return reply.code(400).send({ error: `file name ${JSON.stringify(part.filename)}: expected the name of a file, found ${why}` });
        }
        const temp = library.tempFile();
        const hash = createHash('sha256');
        const size = { n: 0 };
        received.push({ temp, hash: '', name: part.filename, size: 0 });
        await pipeline(part.file, hashing(hash, size), createWriteStream(temp, { flags: 'wx' }));
        if (part.file.truncated) return reply.code(413).send({ error: tooLarge({ code: 'FST_REQ_FILE_TOO_LARGE' }, maxFiles, part.filename) });
        Object.assign(received[received.length - 1], { hash: hash.digest('hex'), size: size.n });
      }
      if (!received.length) return reply.code(400).send({ error: 'expected one or more files in the field "files", found none' });
      const out: Entry[] = [];
      const saves: Promise<void>[] = [];
      for (const r of received.splice(0)) {
        const { entry, fresh, saved } = await library.admit(r.temp, r.hash, r.name, r.size);
        saves.push(saved);
        if (fresh || entry.status === 'failed') await builds.enqueue(entry);
        out.push(entry);
      }
      // Answered once the index lists them: an upload acknowledged survives a restart.
      await Promise.all(saves);
      return { releases: out };
    } finally {
      // What an upload refused part-way had received goes.
      await Promise.all(received.map((r) => fs.rm(r.temp, { force: true })));
    }
  });

  // Every change of a release's state, as it happens.
  app.get('/events', (req, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-security-policy': APP_CSP });
    reply.raw.write('retry: 2000\n\n');
    const send = (e: Entry) => reply.raw.write(`event: entry\ndata: ${JSON.stringify(e)}\n\n`);
    const beat = setInterval(() => reply.raw.write(': idle\n\n'), 15_000);
    builds.on('entry', send);
    streams.add(reply.raw);
    req.raw.on('close', () => { clearInterval(beat); builds.off('entry', send); streams.delete(reply.raw); });
  });

  app.get<{ Params: { hash: string } }>('/r/:hash', async (req, reply) => {
    const e = entryOr404(req, reply);
    return e && html(reply, releasePage(e));
  });
  app.get<{ Params: { hash: string } }>('/r/:hash/state', async (req, reply) => entryOr404(req, reply));
  app.get<{ Params: { hash: string } }>('/r/:hash/preview', async (req, reply) => {
    const e = entryOr404(req, reply);
    if (!e) return reply;
    // While it builds, the briefing as inferred (held in memory); once built, the page the PDF was printed from.
    const early = e.status === 'building' ? builds.preview(e.hash) : undefined;
    if (e.status !== 'done' && !early) return reply.code(404).type('text/plain; charset=utf-8').send('not built yet\n');
    return reply.type(TYPES.html).header('content-security-policy', PREVIEW_CSP).send(early ?? createReadStream(library.outputOf(e, 'html')));
  });
  app.get<{ Params: { hash: string; file: string } }>('/r/:hash/:file', async (req, reply) => {
    const e = entryOr404(req, reply);
    if (!e) return reply;
    const ext = OUTPUT_EXTS.find((x) => req.params.file === `${e.stem}.${x}`);
    if (!ext || e.status !== 'done') return reply.code(404).type('text/plain; charset=utf-8').send(`no output ${JSON.stringify(req.params.file)} for this release\n`);
    const file = library.outputOf(e, ext);
    const stat = await fs.stat(file);
    return reply.type(TYPES[ext]).header('content-length', stat.size).header('content-disposition', attachment(req.params.file))
      .header('content-security-policy', PREVIEW_CSP).send(createReadStream(file));
  });
  const remove = async (req: FastifyRequest<{ Params: { hash: string } }>, reply: FastifyReply) => {
    const e = entryOr404(req, reply);
    if (!e) return null;
    if (e.status === 'building') { void reply.code(409).send({ error: `${e.name} is being built; delete it once it is done` }); return null; }
    await library.remove(e.hash);
    builds.emit('entry', { ...e, status: 'deleted', seq: e.seq + 1 });
    return e;
  };
  app.delete<{ Params: { hash: string } }>('/r/:hash', async (req, reply) => (await remove(req, reply)) && reply.code(204).send());
  app.post<{ Params: { hash: string } }>('/r/:hash/delete', async (req, reply) => (await remove(req, reply)) && reply.redirect('/', 303));

  // The company model of a company's releases in the library (tieout model).
  app.post<{ Body: { company?: string } }>('/model', async (req, reply) => {
    const company = String(req.body?.company ?? '');
    const mine = library.all().filter((e) => e.status === 'done' && e.card?.company === company && ofNamedCompany(e));
    if (!mine.length) return reply.code(404).send({ error: `no built release of ${JSON.stringify(company)} in the library` });
    const { buildModels } = await import('../company');
    const run = await buildModels(mine.map((e) => library.inputOf(e)), { out: library.models, printer: builds.printer }).catch((err) => {
      if (err instanceof InputError) return { models: [], refused: [{ input: '', message: err.message }] };
      throw err;
    });
    const names = new Map(mine.map((e) => [library.inputOf(e), e.name]));
    const said = (m: string) => [...names].reduce((s, [p, n]) => s.split(p).join(n), m);
    const model = run.models[0];
    return html(reply, modelPage({
      company,
      releases: model?.releases ?? 0,
      files: model ? model.written.map((w) => path.basename(w)) : [],
      refused: run.refused.map((r) => said(r.message)),
    }));
  });
  app.get<{ Params: { file: string } }>('/models/:file', async (req, reply) => {
    const name = req.params.file;
    const ext = /\.(xlsx|json|pdf|html)$/.exec(name)?.[1];
    const known = ext && (await fs.readdir(library.models).catch(() => [] as string[])).includes(name);
    if (!ext || !known || badName(name)) return reply.code(404).type('text/plain; charset=utf-8').send('no such model\n');
    const file = path.join(library.models, name);
    return reply.type(TYPES[ext]).header('content-disposition', attachment(name)).header('content-security-policy', PREVIEW_CSP).send(createReadStream(file));
  });

  // The pack: the releases ticked (by default today's), a cover and each briefing.
  app.post<{ Body: { r?: string | string[] } }>('/pack', async (req, reply) => {
    const asked = req.body?.r === undefined ? [] : ([] as string[]).concat(req.body.r);
    const today = dayOf(new Date().toISOString());
    const chosen = asked.length
      ? asked.map((h) => library.get(h)).filter((e): e is Entry => !!e && e.status === 'done')
      : library.all().filter((e) => e.status === 'done' && dayOf(e.added) === today);
    if (!chosen.length) return reply.code(400).send({ error: 'expected one or more built releases for the pack, found none' });
    const items = await Promise.all(chosen.map(async (e) => ({ card: e.card!, pdf: await fs.readFile(library.outputOf(e, 'pdf')) })));
    const pdf = await makePack(items, builds.printer, { day: today });
    return reply.type(TYPES.pdf).header('content-disposition', attachment(`tieout-pack-${today}.pdf`)).send(pdf);
  });

  await app.listen({ port: opts.port, host: opts.host });
  const port = (app.server.address() as { port: number }).port;
  hosts = allowedHosts(opts.host, port);
  cookie = cookieName(port);
  const shown = opts.host === '0.0.0.0' || opts.host === '::' ? os.hostname() : opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${shown}:${port}/`,
    app,
    library,
    builds,
    async close() {
      for (const s of streams) s.end();
      await app.close();
      await builds.close();
    },
  };
}

/** A 413 in words: which limit, and what it is. */
function tooLarge(err: { code?: string }, maxFiles: number, name?: string): string {
  if (err.code === 'FST_FILES_LIMIT' || err.code === 'FST_PARTS_LIMIT') return `expected at most ${maxFiles} files in one upload, found more`;
  return `${name ? `${name}: ` : ''}expected a release of at most ${MAX_INPUT_BYTES / 1024 / 1024} MB, found a larger file`;
}
