import assert from 'assert';
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { infer } from '../src/infer';
import { readFile } from '../src/read';
import { Printer } from '../src/render/pdf';
import { CORPUS, hasCorpus, needCorpus } from './support/corpus';

// The briefing is one page for every release the readers can read, on A4 (the default), as pdfinfo
// counts the pages of what the browser printed.

const files = hasCorpus()
  ? fs.readFileSync(path.join(CORPUS, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split('\t')[0])
  : [];

describe('briefing: one page for every readable corpus release', function () {
  this.timeout(900_000);
  const printer = new Printer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tieout-corpus-pdf-'));
  before(function () {
    needCorpus(this);
  });
  after(async () => {
    await printer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints each on exactly one A4 page', async () => {
    assert.ok(files.length >= 27, `MANIFEST lists the corpus (${files.length})`);
    const pages: string[] = [];
    let printed = 0;
    for (const name of files) {
      let release;
      try {
        release = infer(await readFile(path.join(CORPUS, name)));
      } catch {
        continue; // refused by the readers: nothing to print
      }
      const { pdf } = await printer.print(release);
      const file = path.join(dir, `${name}.pdf`);
      fs.writeFileSync(file, pdf);
      const n = /^Pages:\s+(\d+)$/m.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1];
      if (n !== '1') pages.push(`${name}: ${n} pages`);
      printed++;
    }
    assert.ok(printed >= 20, `at least 20 corpus releases print (${printed})`);
    assert.deepStrictEqual(pages, []);
  });
});
