import { describe, expect, it } from 'vitest';
import { CommitStream, parseCommitStream } from '../../../src/core/report/commit-stream.js';
import { journalMatcher } from '../../../src/core/pipeline/paths.js';
import type { JournalEntry } from '../../../src/core/journal/entry.js';

const keys = { decision: 'Decision', deadEnds: ['Dead-End', 'Ruled-out'] };
const H1 = 'a'.repeat(40);
const H2 = 'b'.repeat(40);
const H3 = 'c'.repeat(40);
const header = (hash: string, subject: string, trailers = '') =>
  `\x02${hash}\x1f${hash.slice(0, 7)}\x1f\x1fAda\x1fada@x\x1f2026-11-02T10:00:00+00:00\x1f${subject}\x1f${trailers}\0`;
const patch = (path: string, added: string[]) =>
  ['', `diff --git a/${path} b/${path}`, `--- a/${path}`, `+++ b/${path}`, `@@ -1,0 +2,${added.length} @@`, ...added.map((l) => `+${l}`), ''].join('\n');

// The layout of `git log -z -p --full-history --sparse`: header NUL, then a patch only for commits that have one.
const OUTPUT =
  header(H1, 'newest', 'Decision: use A — fast') +
  patch('.session/journal/2026-W45.md', [
    '### 2026-11-02 10:00 +00:00 · commit · main · Ada <ada@x>',
    '- Status: done',
    // An added line that looks like the next commit's header stays content.
    '\x02 not a header',
    '',
  ]) +
  header(H2, 'middle') +
  header(H3, 'oldest', 'Dead-End: B — slow\x1eRuled-out: C — costly');

function collect(chunks: string[]) {
  const seen: { hash: string; subject: string; decisions: string[]; deadEnds: string[]; journal: JournalEntry[] }[] = [];
  const stream = new CommitStream(keys, (c, journal) => seen.push({ hash: c.hash, subject: c.subject, decisions: c.decisions, deadEnds: c.deadEnds, journal }), journalMatcher('.session/journal/{year}-W{week}.md'));
  for (const chunk of chunks) stream.push(chunk);
  stream.end();
  return seen;
}

describe('CommitStream', () => {
  const whole = collect([OUTPUT]);

  it('reads each commit with its trailers and the journal entries its patch added', () => {
    expect(whole.map((c) => c.subject)).toEqual(['newest', 'middle', 'oldest']);
    expect(whole[0]).toMatchObject({ hash: H1, decisions: ['use A — fast'], deadEnds: [] });
    expect(whole[0]!.journal.map((e) => e.status)).toEqual(['done']);
    expect(whole[1]!.journal).toEqual([]);
    expect(whole[2]).toMatchObject({ deadEnds: ['B — slow', 'C — costly'], journal: [] });
  });

  it('gives the same result however git splits its output into chunks', () => {
    for (let cut = 1; cut < OUTPUT.length; cut++) {
      expect(collect([OUTPUT.slice(0, cut), OUTPUT.slice(cut)])).toEqual(whole);
    }
    expect(collect(OUTPUT.split(''))).toEqual(whole);
  });

  it('ignores patches of files that are not journal files, and empty output', () => {
    const out = header(H1, 'x') + patch('.session/journal/README.md', ['### 2026-11-02 10:00 +00:00 · commit · main · Ada <ada@x>']);
    expect(parseCommitStream(out, keys, journalMatcher('.session/journal/{year}-W{week}.md'))[0]?.journal).toEqual([]);
    expect(parseCommitStream('', keys)).toEqual([]);
  });
});
