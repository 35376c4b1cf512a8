import { describe, expect, it } from 'vitest';
import { entrySpans, planJournalWrite, separatorBefore, withoutEntries } from '../../../src/core/journal/tail.js';

const e1 = '### 2025-01-06 10:00 +00:00 · commit · main · A <a@x>\n- Status: one\n\n';
const c1 = '### 2025-01-06 10:30 +00:00 · checkpoint · main · A <a@x>\n- Status: mid\n\n';
const e2 = '### 2025-01-06 11:00 +00:00 · commit · main · A <a@x>\n- Status: two\n\n';
const render = (_eol: string, prev: string | undefined) => `NEW after ${prev ?? 'nothing'}\n`;

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
    const plan = planJournalWrite(text, render, undefined);
    expect(plan.keep).toBe(text.length);
    expect(plan.append).toBe('NEW after 2025-01-06 11:00 +00:00\n');
  });

  const amended = (...picked: string[]) => ({ kind: 'entries' as const, replaces: (entry: string) => picked.includes(entry) });

  it('replaces the commit entry an amend picks, keeping a later checkpoint', () => {
    const text = e1 + e2 + c1;
    const plan = planJournalWrite(text, render, amended(e2));
    expect(text.slice(0, plan.keep) + plan.append).toBe(e1 + 'NEW after 2025-01-06 10:00 +00:00\n\n' + c1);
    // Last in the file, the new entry ends with one newline.
    const last = planJournalWrite(e1 + e2, render, amended(e2));
    expect(last.append).toBe('NEW after 2025-01-06 10:00 +00:00\n');
  });

  it('ends the file with one newline when the last entry picked closed it, whatever lay between', () => {
    const E = (t: string, kind = 'commit') => `### 2025-01-06 ${t} +00:00 · ${kind} · main · A <a@x>\n- Status: ${t}\n`;
    const J = (...entries: string[]) => entries.join('\n');
    const text = J(E('10:00'), E('10:30', 'checkpoint'), E('11:00'));
    const plan = planJournalWrite(text, render, amended(J(E('10:00'), ''), E('11:00')));
    expect(text.slice(0, plan.keep) + plan.append).toBe(J('NEW after nothing\n', E('10:30', 'checkpoint')));
  });

  it('puts one entry in place of several picked, keeping what lies between them', () => {
    const e3 = e2.replace('11:00', '11:30').replace('two', 'three');
    const text = e1 + e2 + c1 + e3;
    const plan = planJournalWrite(text, render, amended(e2, e3));
    // e3 closed the file: the checkpoint now does, with one newline.
    expect(text.slice(0, plan.keep) + plan.append).toBe(e1 + 'NEW after 2025-01-06 10:00 +00:00\n\n' + c1.replace(/\n\n$/, '\n'));
  });

  it('never replaces a checkpoint, and appends when an amend picks nothing', () => {
    const plan = planJournalWrite(e1 + c1, render, { kind: 'entries', replaces: () => false });
    expect(plan.keep).toBe((e1 + c1).length);
    const checkpointOnly = planJournalWrite(c1, render, { kind: 'entries', replaces: () => true });
    expect(c1.slice(0, checkpointOnly.keep) + checkpointOnly.append).toBe(c1 + 'NEW after 2025-01-06 10:30 +00:00\n');
  });

  it('starts a new paragraph after a hand-edited end', () => {
    expect(separatorBefore('', '\n')).toBe('');
    expect(separatorBefore('x\n\n', '\n')).toBe('');
    expect(separatorBefore('x\n', '\n')).toBe('\n');
    expect(separatorBefore('x', '\r\n')).toBe('\r\n\r\n');
  });
});

describe('planJournalWrite replacing a span', () => {
  const entry = (t: string) => `### 2024-05-0${t} 10:00 +00:00 · commit · main · A <a@b>\n- Goal: g\n`;
  const render = (_eol: string, previous: string | undefined) => `### NEW after ${previous ?? 'nothing'}\n`;

  it('replaces exactly the entry a failed commit left and keeps what follows', () => {
    const failed = entry('2');
    const text = entry('1') + '\n' + failed + '\n' + entry('3');
    const start = text.indexOf(failed);
    const plan = planJournalWrite(text, render, { kind: 'span', start, end: start + failed.length });
    const out = text.slice(0, plan.keep) + plan.append;
    expect(out).toBe(entry('1') + '\n### NEW after 2024-05-01 10:00 +00:00\n\n' + entry('3'));
    expect(plan.append.slice(plan.entryStart, plan.entryStart + plan.entryLength)).toBe('### NEW after 2024-05-01 10:00 +00:00\n');
  });

  it('reports where an appended entry starts, after the separator', () => {
    const text = entry('1');
    const plan = planJournalWrite(text, render, undefined);
    expect(plan.append.slice(0, plan.entryStart)).toBe('\n');
    expect(plan.append.slice(plan.entryStart)).toHaveLength(plan.entryLength);
  });
});

describe('withoutEntries', () => {
  const entry = (t: string, kind = 'commit') => `### 2024-05-0${t} 10:00 +00:00 · ${kind} · main · A <a@b>\n- Goal: g${t}\n`;
  const J = (...entries: string[]) => entries.join('\n');
  const picks = (...picked: string[]) => (e: string) => picked.some((p) => e.trimEnd() === p.trimEnd());

  it('takes out the commit entries picked, keeping the rest byte for byte', () => {
    expect(withoutEntries(J(entry('1'), entry('2'), entry('3')), picks(entry('2')))).toBe(J(entry('1'), entry('3')));
    // Last: the file then ends with one newline.
    expect(withoutEntries(J(entry('1'), entry('2')), picks(entry('2')))).toBe(entry('1'));
    expect(withoutEntries(J(entry('1'), entry('2')).replace(/\n/g, '\r\n'), picks(entry('2').replace(/\n/g, '\r\n')))).toBe(entry('1').replace(/\n/g, '\r\n'));
  });

  it('never takes out a checkpoint, leaves a file it changes nothing in as it was, and empties one left with nothing', () => {
    const c = entry('2', 'checkpoint');
    expect(withoutEntries(J(entry('1'), c), () => true)).toBe(c);
    expect(withoutEntries(J(entry('1'), c) + '\n', () => false)).toBe(J(entry('1'), c) + '\n');
    expect(withoutEntries(entry('1') + '\n', () => true)).toBe('');
  });
});
