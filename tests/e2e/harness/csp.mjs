// Content-Security-Policy reports: what a test's policy adds so that the browser reports
// each violation to the test server, and the violations less what the driver itself does.
import crypto from 'node:crypto';

/** Added to a test's policy: the browser reports each violation to the test server. */
export const CSP_REPORTING = 'report-uri /__csp';

// What the driver itself does under a strict policy, told apart exactly (by engine, directive,
// the sample of what was refused — 'report-sample' is in the test's policies — and where it
// came from), never by loosening the policy or the check. Playwright's Firefox, taking a
// screenshot, adds a `<style>body {}</style>` from a script it evaluates: the report names an
// eval as its source, which the page itself cannot have (the policy allows no 'unsafe-eval'),
// and Firefox also logs it as an error naming the style's hash.
const sha256 = (text) => crypto.createHash('sha256').update(text).digest('base64');
export const HARNESS_CSP_ARTEFACTS = {
  chromium: [],
  firefox: [{
    directive: 'style-src-elem', sample: 'body {}', fromEval: true,
    logged: new RegExp(`^pageerror: .*blocked an inline style \\(style-src-elem\\).*'sha256-${sha256('body {}').replace(/[+/=]/g, '\\$&')}'`),
  }],
  webkit: [],
};

const reportLine = (r) => `${r['effective-directive'] || r['violated-directive']} refused ${r['blocked-uri'] || r.blockedURL || ''}` +
  `${r['script-sample'] ? ` "${r['script-sample']}"` : ''} in ${r['source-file'] || r['document-uri'] || ''}`;
const isArtefact = (engine, r) => HARNESS_CSP_ARTEFACTS[engine].some((a) =>
  a.directive === (r['effective-directive'] || r['violated-directive']) && a.sample === (r['script-sample'] ?? '') &&
  (!a.fromEval || / > eval$/.test(decodeURIComponent(r['source-file'] || ''))));

/** The violations the server was told of, less the driver's own (HARNESS_CSP_ARTEFACTS). */
export function cspViolations(server, engine) {
  return server.cspReports
    .filter((r) => !isArtefact(engine, r))
    .map(reportLine);
}

/** `errors` (watchErrors) less the driver's own CSP violations, where an engine logs them. */
export function withoutHarnessCsp(errors, engine) {
  return errors.filter((e) => !HARNESS_CSP_ARTEFACTS[engine].some((a) => a.logged && a.logged.test(e)));
}
