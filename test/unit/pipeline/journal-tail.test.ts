import { describe, expect, it } from 'vitest';
import { entrySpans, planJournalWrite, separatorBefore } from '../../../src/core/journal/tail.js';

const e1 = '### 2025-01-06 10:00 +00:00 · commit · main · A <a@x>\n- Status: one\n\n';
const c1 = '### 2025-01-06 10:30 +00:00 · checkpoint · main · A <a@x>\n- Status: mid\n\n';
const e2 = '### 2025-01-06 11:00 +00:00 · commit · main · A <a@x>\n- Status: two\n\n';
const render = (_eol: string, prev: string | undefined) => `NEW after ${prev ?? 'nothing'}\n\n`;

describe('entrySpans', () => {
  it('finds entries and skips other ### headings', () => {
    const spans = entrySpans('partial line\n' + e1 + '### Notes\n' + e2);
    expect(spans.map((s) => [s.kind, s.time])).toEqual([
      ['commit', '2025-01-06 10:00 +00:00'],
      ['commit', '2025-01-06 11:00 +00:00'],
    ]);
  });
});

describe('planJournalWrite', () => {
  it('appends after the last entry and reports its time', () => {
    const text = e1 + e2;
    const plan = planJournalWrite(text, render, false);
    expect(plan.keep).toBe(text.length);
    expect(plan.append).toBe('NEW after 2025-01-06 11:00 +00:00\n\n');
  });

  it('replaces the last commit entry on an amend, keeping a later checkpoint', () => {
    const text = e1 + e2 + c1;
    const plan = planJournalWrite(text, render, true);
    expect(text.slice(0, plan.keep) + plan.append).toBe(e1 + 'NEW after 2025-01-06 10:00 +00:00\n\n' + c1);
  });

  it('appends when an amend finds no commit entry', () => {
    const plan = planJournalWrite(c1, render, true);
    expect(c1.slice(0, plan.keep) + plan.append).toBe(c1 + 'NEW after 2025-01-06 10:30 +00:00\n\n');
  });

  it('starts a new paragraph after a hand-edited end', () => {
    expect(separatorBefore('', '\n')).toBe('');
    expect(separatorBefore('x\n\n', '\n')).toBe('');
    expect(separatorBefore('x\n', '\n')).toBe('\n');
    expect(separatorBefore('x', '\r\n')).toBe('\r\n\r\n');
  });
});
