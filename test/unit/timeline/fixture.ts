import type { JournalEntry } from '../../../src/core/journal/entry.js';
import type { CommitRecord } from '../../../src/core/report/types.js';
import type { TimelineInput } from '../../../src/core/timeline/build.js';

/** A commit record as `git log` would give it; `n` picks a distinct hash. */
export function commit(n: number, over: Partial<CommitRecord> = {}): CommitRecord {
  const hash = n.toString(16).padStart(40, '0');
  return {
    hash,
    short: hash.slice(0, 7),
    parents: n > 1 ? [(n - 1).toString(16).padStart(40, '0')] : [],
    authorName: 'Ada',
    authorEmail: 'ada@example.com',
    date: '2026-11-02T10:00:00+01:00',
    subject: `commit ${n}`,
    decisions: [],
    deadEnds: [],
    files: [],
    ...over,
  };
}

export function entry(over: Partial<JournalEntry> = {}): JournalEntry {
  return { time: '2026-11-02 10:00 +01:00', kind: 'commit', branch: 'main', author: 'Ada <ada@example.com>', decisions: [], deadEnds: [], files: [], ...over };
}

export function input(over: Partial<TimelineInput> = {}): TimelineInput {
  return {
    repo: 'shop',
    range: 'HEAD',
    sessionFile: 'SESSION.md',
    commits: [],
    journal: new Map(),
    recorded: new Map(),
    standing: new Map(),
    shallow: new Set(),
    sessionAt: new Map(),
    lines: [],
    versions: [],
    isJournal: (p) => p.startsWith('.session/journal/'),
    fallbackBranch: 'main',
    ...over,
  };
}
