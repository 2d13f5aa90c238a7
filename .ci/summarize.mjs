// Prints the closing "N passed, N failed" line from vitest's JSON reports, one
// per suite run (`label=path`, e.g. node20=... node24=...), added up, so a run
// with zero tests (or no report at all) is visible and fails.
import { readFileSync } from 'node:fs';

const runs = process.argv.slice(2).map((arg) => {
  const eq = arg.indexOf('=');
  return eq > 0 ? { label: arg.slice(0, eq), file: arg.slice(eq + 1) } : { label: arg, file: arg };
});
let passed = 0;
let failed = 0;
let skipped = 0;
let ok = runs.length > 0;
for (const { label, file } of runs) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    console.log(`run ${label}: no test report at ${file} (${err.message})`);
    ok = false;
    continue;
  }
  const p = report.numPassedTests ?? 0;
  const f = report.numFailedTests ?? 0;
  const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // Worded so that only the closing line reads as "N passed, N failed".
  console.log(`run ${label}: ${p} tests passed, ${f} tests failed, ${s} skipped`);
  if (f > 0 || p === 0) ok = false;
  passed += p;
  failed += f;
  skipped += s;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
