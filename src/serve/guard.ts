import { timingSafeEqual } from 'crypto';
import os from 'os';

// What keeps a local upload service from being used through the browser of someone on it: a page
// elsewhere cannot reach it by a name of its own (DNS rebinding: the Host header must be the
// server's), cannot make it change anything (CSRF: state-changing requests must come from its own
// pages), and off the loopback interface nothing is served without the token.

/**
 * The login cookie's name at a port. Browsers keep cookies by host, not by port: two servers on one
 * machine would each be sent the other's token (and overwrite it) under one name.
 */
export const cookieName = (port: number): string => `tieout_token_${port}`;

/** True for the addresses and names that only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The Host header values the server answers to, at `port`: its own names, never another site's. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (host === '0.0.0.0' || host === '::') {
    // Listening everywhere: the machine's own addresses and name.
    for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) names.add(a.family === 'IPv6' ? `[${a.address}]` : a.address);
    names.add(os.hostname().toLowerCase());
  } else names.add(host.includes(':') ? `[${host}]` : host.toLowerCase());
  return new Set([...names].map((n) => `${n}:${port}`));
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface Asked {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

function header(req: Asked, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The token a request carries: a header (`Authorization: Bearer`, `X-Tieout-Token`) or the login cookie named `cookie`. */
export function tokenOf(req: Asked, cookie: string): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
  if (bearer) return bearer;
  const named = header(req, 'x-tieout-token');
  if (named) return named;
  for (const part of (header(req, 'cookie') ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === cookie) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

export function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Why a request is refused (status and one line), or null to serve it. `open` names the paths
 * served without the token (the login page and what it needs); `cookie` is the login cookie's name.
 */
export function refusal(req: Asked, hosts: Set<string>, token: string | undefined, open: (path: string) => boolean, cookie: string): { status: number; message: string } | null {
  const host = (header(req, 'host') ?? '').toLowerCase();
  if (!hosts.has(host)) return { status: 421, message: `Host ${JSON.stringify(host)} is not this server's (expected one of ${[...hosts].join(', ')})` };
  if (STATE_CHANGING.has(req.method)) {
    const site = header(req, 'sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none') return { status: 403, message: `a ${req.method} from another site (Sec-Fetch-Site: ${site}) is refused` };
    const origin = header(req, 'origin');
    if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) return { status: 403, message: `a ${req.method} from ${origin} is refused: only this server's own pages may change the library` };
  }
  const path = req.url.split('?')[0];
  if (token !== undefined && !open(path) && !sameToken(tokenOf(req, cookie), token)) return { status: 401, message: 'this server needs its token: open the URL it printed, or send it as "Authorization: Bearer <token>"' };
  return null;
}

/** The Content-Security-Policy of the app's pages: everything from the server itself, no inline script. */
export const APP_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/** The briefing's preview: its own inline styles and embedded fonts, no script, no requests, a sandbox. */
export const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; sandbox; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
