import { describe, expect, it } from 'vitest';
import { summaryLine, type RunOutcome } from '../../summary-reporter.js';

type Module = RunOutcome['modules'][number];

/** A finished test file with these test states and this module state. */
function mod(state: string, tests: string[]): Module {
  return {
    state: () => state,
    children: { allTests: () => tests.map((s) => ({ result: () => ({ state: s }) })) },
  } as unknown as Module;
}

describe('summaryLine', () => {
  it('counts the tests', () => {
    const line = summaryLine({ modules: [mod('passed', ['passed', 'passed', 'skipped']), mod('failed', ['failed', 'passed'])], unhandledErrors: 0, reason: 'failed' });
    expect(line).toBe('Tests: 3 passed, 1 failed, 1 skipped\n');
  });

  it('counts a test file that failed to import, which has no tests', () => {
    const line = summaryLine({ modules: [mod('passed', ['passed']), mod('failed', [])], unhandledErrors: 0, reason: 'failed' });
    expect(line).toMatch(/^Tests: 1 passed, 1 failed, 0 skipped \(1 outside any test/);
  });

  it('counts unhandled errors, and never says 0 failed when the run failed', () => {
    expect(summaryLine({ modules: [mod('passed', ['passed'])], unhandledErrors: 2, reason: 'failed' })).toMatch(/ 2 failed, /);
    expect(summaryLine({ modules: [mod('passed', ['passed'])], unhandledErrors: 0, reason: 'failed' })).toMatch(/ 1 failed, /);
    expect(summaryLine({ modules: [mod('passed', ['passed'])], unhandledErrors: 0, reason: 'passed' })).toBe('Tests: 1 passed, 0 failed, 0 skipped\n');
  });
});
