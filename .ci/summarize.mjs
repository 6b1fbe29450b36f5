// Adds up vitest's JSON reports (and the lint result) into one line: "N passed, N failed[, N skipped]".
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const run of ['sqlite', 'postgres']) {
  const file = path.join(dir, `${run}.json`);
  if (!fs.existsSync(file)) {
    if (run === 'sqlite' || fs.existsSync(path.join(dir, 'postgres.started'))) failed += 1;
    continue;
  }
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  // A test file that fails to load counts as a failure even with no test inside it.
  const brokenFiles = r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
  passed += r.numPassedTests;
  failed += r.numFailedTests + brokenFiles;
  skipped += r.numPendingTests + r.numTodoTests;
  console.log(`${run}: ${r.numPassedTests} passed, ${r.numFailedTests + brokenFiles} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
}
const lint = JSON.parse(fs.readFileSync(path.join(dir, 'lint.json'), 'utf8')).lint;
if (lint === 'passed') passed += 1;
else failed += 1;
console.log(`lint: ${lint}`);
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ''));
