import { describe, expect, it } from 'vitest';
import { parseEntries, type JournalEntry } from '../../../src/core/journal/entry.js';
import { redactJournalEntries } from '../../../src/core/journal/redact-journal-entries.js';

// Built from parts, so no scanner takes this file for a leak.
const BODY = ['Zq7Lm2Rt9Vx4', 'Kb8Nc3Pd6Wf1', 'Hs5Jg0Yu2Ea7'].join('');
const TOKEN = ['ghp', '_', BODY].join('');
const R = '[REDACTED:github-token]';

describe('journal entries as the readers show them', () => {
  it('redacts every field a person can write, also a token hidden by an escape', async () => {
    const [entry] = parseEntries(
      [
        `### 2026-01-05 09:30 +00:00 · commit · fix/${TOKEN} · Kim ${TOKEN} <kim@example.com>`,
        `- Goal: Convert with ghp&#95;${BODY}`,
        `- Decision: Sign with ghp%5F${BODY}`,
        `- Dead end: Cache gh\u200bp_${BODY}`,
        `- Status: Tried ${TOKEN}`,
        '- Files:',
        `  - notes/${TOKEN}.txt (+1 -0)`,
        `- Since previous entry: ${TOKEN}`,
        `- Reverts: 1234567 Use ${TOKEN}`,
        `- Entry: ${TOKEN}`,
      ].join('\n'),
    );
    await redactJournalEntries([entry!]);
    expect(entry).toEqual<JournalEntry>({
      time: '2026-01-05 09:30 +00:00',
      kind: 'commit',
      branch: `fix/${R}`,
      author: `Kim ${R} <kim@example.com>`,
      goal: `Convert with ${R}`,
      decisions: [`Sign with ${R}`],
      deadEnds: [`Cache ${R}`],
      status: `Tried ${R}`,
      files: [{ path: `notes/${R}.txt`, added: 1, removed: 0 }],
      sincePrevious: R,
      reverts: `1234567 Use ${R}`,
      id: R,
    });
  });

  it('leaves an entry without secrets as it was', async () => {
    const text = [
      '### 2026-01-05 09:30 +00:00 · commit · main · Kim <kim@example.com>',
      '- Goal: Keep 100% of lengths & widths',
      '- Status: Done',
      '- Files:',
      '  - src/convert.js (+2 -1)',
      '- Entry: 0123456789ab',
    ].join('\n');
    const entries = parseEntries(text);
    await redactJournalEntries(entries);
    expect(entries).toEqual(parseEntries(text));
  });
});
