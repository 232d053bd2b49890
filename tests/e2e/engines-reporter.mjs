// A node:test reporter that sums the results per browser engine: each test file runs its tests
// once per engine, inside a suite named after it (harness.mjs, forEachEngine). Printed after
// the spec reporter's output, one line per engine.
const ENGINES = ['chromium', 'firefox', 'webkit'];

export default async function* engines(source) {
  const totals = new Map();
  // The files run one at a time (--test-concurrency=1), so events come in order: the suite
  // started last at nesting 0 is the engine of the tests that follow. (Its events name the
  // file that called describe, harness.mjs, not the test file.)
  let current = null;
  for await (const { type, data } of source) {
    if (type !== 'test:pass' && type !== 'test:fail' && type !== 'test:start') continue;
    if (type === 'test:start') { if (data.nesting === 0) current = data.name; continue; }
    const engine = data.nesting === 0 ? data.name : current;
    if (!ENGINES.includes(engine)) continue;
    const t = totals.get(engine) || { passed: 0, failed: 0, skipped: 0, ms: 0, files: 0 };
    totals.set(engine, t);
    if (data.nesting === 0) { t.ms += data.details?.duration_ms || 0; t.files++; if (type === 'test:fail') t.broken = true; continue; }
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
    yield `  ${engine.padEnd(9)} ${t.failed || t.broken ? 'FAIL' : 'ok  '} ${t.passed}/${all} passed` +
      `${t.failed ? `, ${t.failed} failed` : ''}${t.skipped ? `, ${t.skipped} skipped` : ''}` +
      ` in ${(t.ms / 1000).toFixed(1)} s (${t.files} files)\n`;
  }
}
