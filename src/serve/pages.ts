import { readFileSync } from 'fs';
import type HandlebarsModule from 'handlebars';
import path from 'path';
import { byCompany, type Entry } from './library';

// The team page's HTML, rendered on the server from web/*.hbs. Every text a client or a release
// supplied reaches the page through {{ }}, which escapes it.

export const WEB = path.resolve(__dirname, '..', '..', 'web');

type Render = (data: object) => string;

let compiled: Record<string, Render> | null = null;

function templates(): Record<string, Render> {
  if (compiled) return compiled;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const hbs = (require('handlebars') as typeof HandlebarsModule).create();
  const read = (name: string) => readFileSync(path.join(WEB, `${name}.hbs`), 'utf8');
  hbs.registerPartial('library', read('library'));
  hbs.registerPartial('card', read('card'));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('when', (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`);
  const make = (name: string): Render => {
    const t = hbs.compile(read(name), { strict: false });
    return (data) => t(data, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  };
  compiled = Object.fromEntries(['page', 'library', 'release', 'model', 'login', 'cover'].map((n) => [n, make(n)]));
  return compiled;
}

export interface Limits {
  maxMb: number;
  maxFiles: number;
}

/** The day an ISO time falls on, UTC: what "today's releases" means for the pack. */
export const dayOf = (iso: string): string => iso.slice(0, 10);

function libraryData(entries: Entry[], q: string) {
  const today = dayOf(new Date().toISOString());
  const rows = entries.map((e) => ({ ...e, today: dayOf(e.added) === today }));
  return { q, groups: byCompany(rows) };
}

export function appPage(entries: Entry[], q: string, limits: Limits): string {
  return templates().page({ ...libraryData(entries, q), ...limits });
}

export function libraryFragment(entries: Entry[], q: string): string {
  return templates().library(libraryData(entries, q));
}

export function releasePage(entry: Entry): string {
  return templates().release({ entry });
}

export function modelPage(data: { company: string; releases: number; files: string[]; refused: string[] }): string {
  return templates().model(data);
}

export function loginPage(wrong: boolean): string {
  return templates().login({ wrong });
}

export function coverHtml(data: object): string {
  return templates().cover(data);
}
