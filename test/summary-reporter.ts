import type { Reporter, TestModule } from 'vitest/node';

/** The parts of a finished run the closing line counts. */
export interface RunOutcome {
  modules: ReadonlyArray<Pick<TestModule, 'state' | 'children'>>;
  unhandledErrors: number;
  /** vitest's own verdict: `failed` when anything failed, tests or not. */
  reason: string;
}

/**
 * `Tests: N passed, N failed, N skipped`. A test file that fails to import (or whose
 * hooks fail) has no failed test, and an unhandled error belongs to none: each counts
 * as one failure, so `0 failed` never closes a run that failed.
 */
export function summaryLine(run: RunOutcome): string {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let outside = 0;
  for (const mod of run.modules) {
    let failedHere = 0;
    for (const test of mod.children.allTests()) {
      const state = test.result().state;
      if (state === 'passed') passed++;
      else if (state === 'failed') failedHere++;
      else skipped++;
    }
    if (failedHere === 0 && mod.state() === 'failed') outside++;
    failed += failedHere;
  }
  outside += run.unhandledErrors;
  if (run.reason === 'failed' && failed + outside === 0) outside = 1;
  const note = outside > 0 ? ` (${outside} outside any test: a file that did not load, a hook or an unhandled error)` : '';
  return `Tests: ${passed} passed, ${failed + outside} failed, ${skipped} skipped${note}\n`;
}

/** Prints {@link summaryLine} after vitest's own summary, for any CI log reader to count. */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>, reason: string): void {
    process.stdout.write(summaryLine({ modules: testModules, unhandledErrors: unhandledErrors.length, reason }));
  }
}
