import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config.js';
import { interpretTrailersArgs, planTrailers } from '../../../src/core/pipeline/trailer-plan.js';

const trailers = DEFAULT_CONFIG.trailers;

describe('planTrailers', () => {
  it('formats decisions then dead ends, with reasons', () => {
    const plan = planTrailers({
      decisions: [{ text: 'Use SQLite', reason: 'one file' }],
      deadEnds: [{ text: 'Redis', reason: null }],
      goal: 'Ship it',
      trailers,
    });
    expect(plan).toEqual([
      { line: 'Decision: Use SQLite — one file', ifExists: 'addIfDifferent' },
      { line: 'Dead-End: Redis', ifExists: 'addIfDifferent' },
    ]);
  });

  it('adds Session: only when configured, and never an empty value', () => {
    const plan = planTrailers({ decisions: [{ text: ' \n ', reason: null }], deadEnds: [], goal: 'Ship it', trailers: { ...trailers, session: true } });
    expect(plan).toEqual([{ line: 'Session: Ship it', ifExists: 'replace' }]);
  });

  it('folds a long value and never lets a line start a comment or a divider', () => {
    const plan = planTrailers({ decisions: [{ text: 'x '.repeat(60) + '\n# heading\n--- rule', reason: null }], deadEnds: [], goal: null, trailers });
    const lines = plan[0]!.line.split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines.slice(1)) expect(l.startsWith(' ')).toBe(true);
  });
});

describe('interpretTrailersArgs', () => {
  it('switches --if-exists only when the mode changes', () => {
    expect(
      interpretTrailersArgs(
        [
          { line: 'Decision: a', ifExists: 'addIfDifferent' },
          { line: 'Decision: b', ifExists: 'addIfDifferent' },
          { line: 'Session: g', ifExists: 'replace' },
        ],
        'MSG',
      ),
    ).toEqual([
      'interpret-trailers', '--in-place', '--no-divider', '--where', 'end',
      '--if-exists', 'addIfDifferent', '--if-missing', 'add', '--trailer', 'Decision: a', '--trailer', 'Decision: b',
      '--if-exists', 'replace', '--if-missing', 'add', '--trailer', 'Session: g',
      'MSG',
    ]);
  });
});
