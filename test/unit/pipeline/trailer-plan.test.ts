import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/config.js';
import { capTrailers, handOffArgs, interpretTrailersArgs, MAX_TRAILER_BYTES, MAX_TRAILERS, planTrailers, withoutHeldTrailers } from '../../../src/core/pipeline/trailer-plan.js';

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

describe('withoutHeldTrailers', () => {
  const planned = (...lines: string[]) => handOffArgs(lines.map((line) => ({ line, ifExists: 'addIfDifferent' as const })));
  const squashed = 'C\n\nDecision: Cache parsed files — speed\n\nD\n';

  it.each([
    ['keeps what the message lacks', squashed, ['Decision: Evict oldest — memory'], ['Decision: Evict oldest — memory']],
    ['drops a trailer an earlier paragraph holds', squashed, ['Decision: Cache parsed files — speed', 'Decision: Evict oldest — memory'], ['Decision: Evict oldest — memory']],
    ['compares folded lines unfolded', 'S\n\nDecision: a long\n  value\n\nT\n', ['Decision: a long value'], []],
    ['a line that only contains it is not it', 'S\n\nsee Decision: x here\n', ['Decision: x'], ['Decision: x']],
  ])('%s', (_case, message, lines, left) => {
    const out = withoutHeldTrailers(planned(...lines), message);
    expect(out.filter((_, i) => out[i - 1] === '--trailer')).toEqual(left);
    if (left.length === 0) expect(out).toEqual([]);
  });
});
