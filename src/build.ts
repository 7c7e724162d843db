import path from 'path';
import { infer } from './infer';
import type { Release } from './model/types';
import { outputStem, writeOutputs } from './output';
import { readFile, type ReadOptions } from './read';
import { toJson } from './write/json';

export interface BuildOptions extends ReadOptions {
  out: string;
}

export interface BuildResult {
  input: string;
  release: Release;
  written: string[];
  timings: Record<string, number>;
}

/** Reads one release, infers its relations and writes its outputs, all of them or none. */
export async function buildOne(input: string, opts: BuildOptions): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => { const now = performance.now(); timings[name] = now - t; t = now; };
  const release = await readFile(input, opts);
  lap('read');
  infer(release);
  lap('infer');
  const stem = outputStem(input);
  const files: { name: string; data: string | Buffer }[] = [{ name: `${stem}.json`, data: toJson(release) }];
  lap('json');
  const written = await writeOutputs(opts.out, files);
  lap('write');
  return { input, release, written: written.map((w) => path.relative(process.cwd(), w) || w), timings };
}
