// A node:test reporter that sums the results per browser engine: each test file runs its tests
// once per engine, inside a suite named after it (harness.mjs, forEachEngine). Printed after
// the spec reporter's output, one line per engine.
const ENGINES = ['chromium', 'firefox', 'webkit'];

export default async function* engines(source) {
  const totals = new Map();
  const stack = new Map(); // file → names of the suites open at each nesting
  for await (const { type, data } of source) {
    if (type !== 'test:pass' && type !== 'test:fail' && type !== 'test:start') continue;
    const key = data.file || '';
    const names = stack.get(key) || [];
    if (type === 'test:start') { names[data.nesting] = data.name; names.length = data.nesting + 1; stack.set(key, names); continue; }
    const engine = data.nesting === 0 ? data.name : names[0];
    if (!ENGINES.includes(engine)) continue;
    const t = totals.get(engine) || { passed: 0, failed: 0, skipped: 0, ms: 0, files: 0 };
    totals.set(engine, t);
    if (data.nesting === 0) { t.ms += data.details?.duration_ms || 0; t.files++; continue; }
    if (data.details?.type === 'suite') continue;
    if (data.skip !== undefined || data.todo !== undefined) t.skipped++;
    else if (type === 'test:pass') t.passed++;
    else t.failed++;
  }
  if (!totals.size) return;
  yield '\nbrowser tests per engine:\n';
  for (const engine of ENGINES) {
    const t = totals.get(engine);
    if (!t) continue;
    const all = t.passed + t.failed + t.skipped;
    yield `  ${engine.padEnd(9)} ${t.failed ? 'FAIL' : 'ok  '} ${t.passed}/${all} passed` +
      `${t.failed ? `, ${t.failed} failed` : ''}${t.skipped ? `, ${t.skipped} skipped` : ''}` +
      ` in ${(t.ms / 1000).toFixed(1)} s (${t.files} files)\n`;
  }
}
