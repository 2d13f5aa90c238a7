// Prints the closing "N passed, N failed" line from vitest's JSON reports, one
// per suite run (`label=path`, e.g. node20=... node24=...), added up, so a run
// with zero tests (or no report at all) is visible and fails.
//
// Each failed test is named just above that line, with the first lines of its
// failure: CI's record keeps only the tail of the output, and a failure that
// shows up once in four runs must be findable from that tail alone.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const MAX_FAILURES_SHOWN = 20;
const MESSAGE_LINES = 6;
const MESSAGE_CHARS = 600;

const runs = process.argv.slice(2).map((arg) => {
  const eq = arg.indexOf('=');
  return eq > 0 ? { label: arg.slice(0, eq), file: arg.slice(eq + 1) } : { label: arg, file: arg };
});

// vitest's messages carry ANSI colours and a stack; keep the words, bounded.
function firstLines(messages) {
  const text = (messages ?? []).join('\n').replace(/\u001b\[[0-9;]*m/g, '');
  const lines = text.split('\n').filter((line) => line.trim() !== '').slice(0, MESSAGE_LINES);
  const joined = lines.map((line) => `      ${line.trimEnd()}`).join('\n');
  return joined.length > MESSAGE_CHARS ? `${joined.slice(0, MESSAGE_CHARS)} …` : joined;
}

function failuresOf(report) {
  const found = [];
  for (const file of report.testResults ?? []) {
    const name = relative(process.cwd(), file.name ?? '?');
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failedTests) found.push({ where: `${name} > ${test.fullName}`, message: firstLines(test.failureMessages) });
    // A file that failed before any test ran (an import error, a hook) has no failed test to name.
    if (failedTests.length === 0 && file.status === 'failed') found.push({ where: name, message: firstLines([file.message ?? '']) });
  }
  return found;
}

let passed = 0;
let failed = 0;
let skipped = 0;
let ok = runs.length > 0;
const lines = [];
const failures = [];
for (const { label, file } of runs) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    lines.push(`run ${label}: no test report at ${file} (${err.message})`);
    ok = false;
    continue;
  }
  const p = report.numPassedTests ?? 0;
  const f = report.numFailedTests ?? 0;
  const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // Worded so that only the closing line reads as "N passed, N failed".
  lines.push(`run ${label}: ${p} tests passed, ${f} tests failed, ${s} skipped`);
  if (f > 0 || p === 0) ok = false;
  if (report.success === false && f === 0) {
    ok = false;
    lines.push(`run ${label}: vitest reported an error outside the tests (${report.numFailedTestSuites ?? 0} files failed); see its output`);
  }
  for (const failure of failuresOf(report)) failures.push({ label, ...failure });
  passed += p;
  failed += f;
  skipped += s;
}
if (failures.length > 0) {
  console.log(`failures (${failures.length}${failures.length > MAX_FAILURES_SHOWN ? `, the first ${MAX_FAILURES_SHOWN} shown` : ''}):`);
  for (const { label, where, message } of failures.slice(0, MAX_FAILURES_SHOWN)) {
    console.log(`  [${label}] ${where}`);
    if (message) console.log(message);
  }
}
for (const line of lines) console.log(line);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
