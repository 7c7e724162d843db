import { readFile } from '../src/read';
import { infer } from '../src/infer';
import { expandInputs } from '../src/batch';
(async () => {
  for (const company of process.argv.slice(2)) {
    for (const file of await expandInputs(['/work/shared/series/' + company])) {
      let r; try { r = infer(await readFile(file)); } catch (e) { console.log(file, 'ERR'); continue; }
      console.log('==', file);
      for (const s of r.statements) {
        if (s.kind !== 'non-gaap') continue;
        for (const t of s.tables) console.log('  ', s.id, JSON.stringify(s.title ?? (s as any).name), t.columns.map(c => c.period ? `${c.period.end}/${c.period.months ?? ''}${c.period.instant ? 'i' : ''}${(c as any).header?.join(' ').match(/gaap|non/i) ? '*' : ''}` : '-').join(' '), t.rows.length, 'rows:', t.rows.slice(0, 40).map(r => r.label + (r.cells.some(c => c?.value) ? '' : '(h)')).join(' | ').slice(0, 1500));
      }
    }
  }
})();
