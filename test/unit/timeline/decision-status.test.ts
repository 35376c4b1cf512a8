import { describe, expect, it } from 'vitest';
import { decisionStatuses, revertsIn } from '../../../src/core/timeline/decision-status.js';
import { splitReason } from '../../../src/core/trailers/reason.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);
const text = (v: string) => splitReason(v).text;

describe('revertsIn', () => {
  it('reads the full ids git revert writes, and nothing shorter', () => {
    const found = revertsIn([
      { commit: B, body: `Revert "x"\n\nThis reverts commit ${A}.\n` },
      { commit: C, body: 'This reverts commit abc1234.\n' },
    ]);
    expect([...found]).toEqual([[B, [A]]]);
  });
});

describe('decisionStatuses', () => {
  it('marks the decisions of a reverted commit reverted, unless the revert is reverted too', () => {
    const decisions = [{ commit: A, value: 'Use cents — floats round' }];
    expect(decisionStatuses(decisions, new Map([[B, [A]]]), text)).toEqual(['reverted']);
    expect(decisionStatuses(decisions, new Map([[B, [A]], [C, [B]]]), text)).toEqual(['active']);
  });

  it('marks a decision superseded by a later one that names it, in any case or markup', () => {
    const decisions = [
      { commit: A, value: 'Store prices as *floats* — simple' },
      { commit: B, value: 'Store prices in cents (supersedes: store prices as floats) — rounding' },
    ];
    expect(decisionStatuses(decisions, new Map(), text)).toEqual(['superseded', 'active']);
  });

  it('does not let an earlier decision supersede a later one', () => {
    const decisions = [
      { commit: A, value: 'Use B (supersedes: use A)' },
      { commit: B, value: 'Use A' },
    ];
    expect(decisionStatuses(decisions, new Map(), text)).toEqual(['active', 'active']);
  });
});
