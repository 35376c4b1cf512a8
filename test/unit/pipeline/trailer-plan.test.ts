import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config.js';
import { capTrailers, interpretTrailersArgs, MAX_TRAILER_BYTES, MAX_TRAILERS, planTrailers } from '../../../src/core/pipeline/trailer-plan.js';

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
  it('weaves last first at the start of the block, switching --if-exists only when the mode changes', () => {
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
      'interpret-trailers', '--in-place', '--no-divider', '--where', 'start',
      '--if-exists', 'replace', '--if-missing', 'add', '--trailer', 'Session: g',
      '--if-exists', 'addIfDifferent', '--if-missing', 'add', '--trailer', 'Decision: b', '--trailer', 'Decision: a',
      'MSG',
    ]);
  });
});

describe('capTrailers', () => {
  const t = (n: number, size = 10) =>
    Array.from({ length: n }, (_, i) => ({ line: `Decision: ${String(i).padEnd(size, 'x')}`, ifExists: 'addIfDifferent' as const }));

  it('keeps everything under the limits', () => {
    expect(capTrailers(t(3))).toEqual({ kept: t(3), omitted: 0 });
  });

  it('keeps the first trailers up to the count and says how many were left out', () => {
    const r = capTrailers(t(50));
    expect(r.kept).toEqual(t(50).slice(0, MAX_TRAILERS));
    expect(r.omitted).toBe(50 - MAX_TRAILERS);
  });

  it('stops before the byte budget is exceeded, so xargs never splits the list', () => {
    const r = capTrailers(t(30, 5_000));
    const bytes = r.kept.reduce((n, x) => n + x.line.length + 16, 0);
    expect(bytes).toBeLessThanOrEqual(MAX_TRAILER_BYTES);
    expect(r.kept.length).toBe(6);
    expect(r.omitted).toBe(24);
  });
});
