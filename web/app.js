'use strict';
// The team page's one script: uploads (drop zone and file picker), a progress line per file fed by
// the server's events, the preview and the library refreshed as releases finish. Every text from a
// file or a release is set as text, never as markup.
(() => {
  const STAGES = ['read', 'infer', 'workbook', 'briefing'];
  const jobs = document.getElementById('jobs');
  const release = document.querySelector('[data-release]');
  const lines = new Map();

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  const events = new EventSource('/events');
  events.addEventListener('entry', (ev) => {
    const e = JSON.parse(ev.data);
    // A release's own page shows it built once it is.
    if (release && release.dataset.release === e.hash && (e.status === 'done' || e.status === 'failed') && release.dataset.status !== e.status) location.reload();
    show(e);
  });
  if (!jobs) return;

  const input = document.getElementById('files');
  const zone = document.getElementById('drop');
  input.addEventListener('change', () => {
    upload(Array.from(input.files));
    input.value = '';
  });
  for (const t of ['dragenter', 'dragover']) document.addEventListener(t, (ev) => { ev.preventDefault(); zone.classList.add('over'); });
  for (const t of ['dragleave', 'drop']) document.addEventListener(t, (ev) => { ev.preventDefault(); zone.classList.remove('over'); });
  document.addEventListener('drop', (ev) => upload(Array.from(ev.dataTransfer ? ev.dataTransfer.files : [])));

  let previewShown = false;

  function line(name) {
    const li = el('li', 'job queued');
    const head = el('div', 'jobhead');
    head.append(el('span', 'name', name));
    const stages = el('ol', 'stages');
    for (const s of STAGES) stages.append(el('li', `stage ${s}`, s));
    head.append(stages, el('span', 'state', 'uploading'));
    li.append(head, el('div', 'detail'));
    jobs.prepend(li);
    return { li, seq: -1, seen: new Set() };
  }

  async function upload(files) {
    if (!files.length) return;
    previewShown = false;
    // Each line goes on top; made last to first, the batch reads in the order it was chosen.
    const made = files.slice().reverse().map((f) => line(f.name)).reverse();
    const form = new FormData();
    for (const f of files) form.append('files', f, f.name);
    let res = null;
    let body;
    try {
      res = await fetch('/releases', { method: 'POST', body: form });
      body = await res.json().catch(() => ({ error: `${res.status} ${res.statusText}` }));
    } catch (err) {
      body = { error: `the upload did not reach the server (${err.message})` };
    }
    if (!res || !res.ok) {
      for (const m of made) fail(m, body.error);
      return;
    }
    body.releases.forEach((e, i) => {
      const m = made[i];
      m.li.dataset.hash = e.hash;
      lines.set(e.hash, (lines.get(e.hash) || []).concat(m));
      paint(m, e);
    });
  }

  function fail(m, message) {
    m.li.className = 'job failed';
    m.li.querySelector('.state').textContent = 'refused';
    const d = m.li.querySelector('.detail');
    d.replaceChildren(el('div', 'error', message));
  }

  function show(e) {
    for (const m of lines.get(e.hash) || []) paint(m, e);
    if (e.status === 'done' || e.status === 'deleted') refreshLibrary();
  }

  function paint(m, e) {
    if (e.seq <= m.seq) return;
    m.seq = e.seq;
    if (e.stage) m.seen.add(e.stage);
    if (e.status === 'done') STAGES.forEach((s) => m.seen.add(s));
    m.li.className = `job ${e.status}`;
    m.li.querySelectorAll('.stage').forEach((s, i) => s.classList.toggle('done', m.seen.has(STAGES[i])));
    const state = m.li.querySelector('.state');
    state.textContent = e.status === 'building' ? (e.stage ? `${e.stage} done` : 'building') : e.status;
    const d = m.li.querySelector('.detail');
    if (e.status === 'failed') d.replaceChildren(el('div', 'error', e.error));
    else if (e.status === 'deleted') d.replaceChildren(el('div', 'note', 'deleted from the library'));
    else if (e.status === 'done') d.replaceChildren(summary(e));
    // The briefing shows as soon as it is inferred; once built, the page the PDF was printed from
    // takes its place.
    if (e.preview && e.status !== 'failed') {
      if (!previewShown) { previewShown = true; preview(e); } else if (e.status === 'done') settle(e);
    } else if (e.status === 'failed' || e.status === 'deleted') withdraw(e);
  }

  /** A release that failed after its briefing was shown (or was deleted) is shown no longer. */
  function withdraw(e) {
    if (!document.querySelector(`#preview iframe[data-hash="${e.hash}"]`)) return;
    const box = document.getElementById('preview');
    box.replaceChildren();
    box.hidden = true;
    previewShown = false;
  }

  function summary(e) {
    const c = e.card;
    const box = el('div', 'done');
    const checks = el('div', `checks ${c.stamp.ok ? 'ok' : 'warn'}`);
    checks.append(el('span', 'mark', c.stamp.mark), document.createTextNode(` ${c.company}${c.period ? ` · ${c.period}` : ''} · ${c.stamp.line}`));
    box.append(checks);
    if (c.draft.length) {
      const draft = el('div', 'draft');
      // The stamp says DRAFT already where the gate refused the page; a second badge says nothing more.
      if (c.stamp.mark !== 'DRAFT') draft.append(el('span', 'badge draft', 'DRAFT'), document.createTextNode(' '));
      draft.append(document.createTextNode('The briefing\'s figures could not all be vouched for:'));
      const ul = el('ul');
      for (const r of c.draft) ul.append(el('li', '', r));
      draft.append(ul);
      box.append(draft);
    }
    const bar = el('div', 'downloads');
    for (const ext of ['xlsx', 'pdf', 'json']) {
      const a = el('a', 'button', ext.toUpperCase());
      a.href = `/r/${e.hash}/${encodeURIComponent(e.stem)}.${ext}`;
      a.setAttribute('download', `${e.stem}.${ext}`);
      bar.append(a, document.createTextNode(' '));
    }
    const pv = el('button', 'quiet preview-button', 'Preview');
    pv.type = 'button';
    pv.addEventListener('click', () => preview(e));
    const link = el('a', 'share', 'Link to share');
    link.href = `/r/${e.hash}`;
    bar.append(pv, document.createTextNode(' '), link);
    box.append(bar);
    return box;
  }

  function frameOf(e) {
    const frame = el('iframe', 'briefing');
    frame.title = `briefing of ${e.name}`;
    frame.setAttribute('sandbox', '');
    frame.dataset.hash = e.hash;
    frame.dataset.built = e.status === 'done' ? 'yes' : 'no';
    frame.addEventListener('load', () => { frame.dataset.loaded = 'yes'; });
    frame.src = `/r/${e.hash}/preview`;
    return frame;
  }

  function preview(e) {
    const box = document.getElementById('preview');
    box.replaceChildren(el('div', 'previewhead', `Briefing: ${e.card.company}${e.card.period ? ` · ${e.card.period}` : ''}`), frameOf(e));
    box.hidden = false;
  }

  /** The built briefing in place of the one shown while it was built, swapped once it has loaded. */
  function settle(e) {
    const shown = document.querySelector(`#preview iframe[data-hash="${e.hash}"][data-built="no"]`);
    if (!shown) return;
    shown.dataset.built = 'yes';
    const next = frameOf(e);
    next.hidden = true;
    next.addEventListener('load', () => { shown.replaceWith(next); next.hidden = false; }, { once: true });
    shown.after(next);
  }

  let refreshing = null;
  function refreshLibrary() {
    clearTimeout(refreshing);
    refreshing = setTimeout(async () => {
      const q = document.getElementById('q').value;
      const res = await fetch(`/library?q=${encodeURIComponent(q)}`);
      // The fragment is the server's own rendering, every text in it escaped there.
      if (res.ok) document.getElementById('library').innerHTML = await res.text();
    }, 150);
  }
})();
