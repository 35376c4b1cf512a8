import { describe, expect, it } from 'vitest';
import { messageTrailers } from '../../../src/core/action/message-trailers.js';
import { BLOCK_END } from '../../../src/core/action/block.js';
import { BODY_LIMIT, fitBlock } from '../../../src/core/action/fit.js';
import type { Review } from '../../../src/core/report/review.js';

const RANGE = '1a2b3c4..5d6e7f8';

describe('messageTrailers', () => {
  it('keeps a folded value with its trailer', () => {
    const message = 'Subject\n\nBody text.\n\nDecision: cache rows — parsing was\n  60% of the run\nDead-End: gzip — CPU-bound\n';
    expect(messageTrailers(message)).toEqual(['Decision: cache rows — parsing was\n  60% of the run', 'Dead-End: gzip — CPU-bound']);
  });

  it('takes nothing from a last paragraph that is not all trailers, or from a message of one paragraph', () => {
    expect(messageTrailers('Subject\n\n* abc123 Tidy\n* def456 Fix\n')).toEqual([]);
    expect(messageTrailers('Subject\n\nDecision: x — y\nnot a trailer\n')).toEqual([]);
    expect(messageTrailers('Decision: x — y\n')).toEqual([]);
  });

  it('lets a block too long for the description keep or leave out whole trailers, counted as trailers', () => {
    const reason = 'measured on the big history '.repeat(8).trim();
    const folded = Array.from({ length: 400 }, (_, i) => `Decision: choice ${i} — ${reason}\n  and again ${i}`);
    const trailers = messageTrailers(`Squash\n\n${folded.join('\n')}\n`);
    expect(trailers).toHaveLength(400);
    const review: Review = { range: RANGE, goal: null, status: null, nextSteps: [], decisions: [], deadEnds: [], retired: [], shallow: [], files: [], commits: [] };
    const out = fitBlock({ review, format: 'md', range: RANGE, room: BODY_LIMIT }, trailers)!;
    expect(out.trailersLeftOut).toBeGreaterThan(0);
    const kept = 400 - out.trailersLeftOut;
    const last = out.text.split('\n\n').at(-1)!.replace(` ${BLOCK_END}`, '');
    expect(last).toBe([...folded.slice(0, kept), `Session-Review: ${RANGE}`].join('\n'));
    expect(out.text).toContain(`${out.trailersLeftOut} of 400 trailers are left out below`);
  });
});
