import { describe, expect, it } from 'vitest';
import { buildLog, renderLogJson, renderLogMarkdown, type LogFilters } from '../../../src/core/report/log.js';
import { logWriter } from '../../../src/core/report/log-writer.js';
import { sanitiseChunk, sanitiseOutput } from '../../../src/core/text/sanitise.js';
import type { JournalEntry } from '../../../src/core/journal/entry.js';
import type { CommitRecord } from '../../../src/core/report/types.js';

function rec(i: number, more: Partial<CommitRecord> = {}): CommitRecord {
  return {
    hash: String(i).padStart(40, '0'),
    short: String(i).padStart(7, '0'),
    parents: i === 0 ? [] : [String(i - 1).padStart(40, '0'), 'f'.repeat(40)].slice(0, (i % 3) + 1),
    authorName: 'Ada "the" Tester',
    authorEmail: 'ada@x',
    date: '2026-11-02T10:00:00+01:00',
    subject: `subject ${i} with \\ backslash, tab\t, emoji 🧪 and lone \ud800`,
    decisions: i % 2 === 0 ? [`use ${i} — it is fast`, 'no reason given'] : [],
    deadEnds: i % 5 === 0 ? ['caching — stale'] : [],
    files: [],
    ...more,
  };
}

const entry: JournalEntry = {
  time: '2026-11-02 10:00 +01:00', kind: 'commit', branch: 'main', author: 'Ada <ada@x>', goal: 'ship it',
  decisions: ['a — b'], deadEnds: [], status: 'done', files: [{ path: 'src/a.ts', added: 1, removed: null }],
};

const filters: LogFilters = { since: 'monday', until: null, author: null, grep: 'x', paths: [] };

/** The pieces of a log, taken at uneven moments (as git's output arrives), with each commit's journal entries. */
function pieces(format: 'md' | 'json', commits: CommitRecord[], journal: Map<string, JournalEntry[]>, shallow?: Set<string>): string[] {
  const out = logWriter(filters, format, shallow);
  const taken: string[] = [];
  commits.forEach((c, i) => {
    out.add(c, journal.get(c.hash));
    if (i % 7 === 0 || i % 300 === 299) taken.push(out.take());
  });
  taken.push(out.finish());
  return taken;
}

const write = (format: 'md' | 'json', commits: CommitRecord[], journal: Map<string, JournalEntry[]>, shallow?: Set<string>) =>
  pieces(format, commits, journal, shallow).join('');

describe('logWriter', () => {
  // More commits than one batch, so joined batches are covered too.
  const commits = Array.from({ length: 1100 }, (_, i) => rec(i));
  // Entries on commits with and without decisions, at both edges of a batch, on the
  // first and last commit; one hash no listed commit has, and one empty list.
  const journal = new Map<string, JournalEntry[]>([
    ...[0, 1, 3, 511, 512, 513, 1023, 1099].map((i): [string, JournalEntry[]] => [commits[i]!.hash, [entry, { ...entry, goal: undefined, status: `s${i}` }]]),
    ['e'.repeat(40), [entry]],
    [commits[7]!.hash, []],
  ]);

  it('writes JSON byte-identical to the whole report through JSON.stringify', () => {
    const report = buildLog(filters, commits, journal);
    expect(write('json', commits, journal)).toBe(renderLogJson(report));
    expect(write('json', commits, journal)).toBe(JSON.stringify(report, null, 2) + '\n');
    expect(write('json', [], journal)).toBe(renderLogJson(buildLog(filters, [], journal)));
    expect(write('json', commits.slice(0, 1), journal)).toBe(renderLogJson(buildLog(filters, commits.slice(0, 1), journal)));
    expect(write('json', commits, new Map())).toBe(renderLogJson(buildLog(filters, commits, new Map())));
    expect(write('json', commits, journal)).toContain('"status": "s1099"');
  });

  it('ends every piece outside a JSON string, so pieces sanitised alone make the sanitised whole', () => {
    const hostile = commits.map((c, i) => (i % 97 === 0 ? { ...c, subject: `red \x1b[31m${i}\x1b[0m and \x9b2J, \u0085, "quoted \\" end"` } : c));
    const json = pieces('json', hostile, journal);
    expect(json.length).toBeGreaterThan(100);
    expect(json.map((p) => sanitiseChunk(p, true)).join('')).toBe(sanitiseOutput(json.join('')));
    expect(json.map((p) => sanitiseChunk(p, true)).join('')).not.toMatch(/\\u001b|\x1b|\x9b/);
    const md = pieces('md', hostile, journal);
    expect(md.map((p) => sanitiseChunk(p, false)).join('')).toBe(sanitiseOutput(md.join('')));
  });

  it('writes markdown identical to rendering the whole report', () => {
    expect(write('md', commits, journal)).toBe(renderLogMarkdown(buildLog(filters, commits, journal)));
    expect(write('md', commits.slice(0, 4), journal)).toBe(renderLogMarkdown(buildLog(filters, commits.slice(0, 4), journal)));
    expect(write('md', commits, new Map())).toBe(renderLogMarkdown(buildLog(filters, commits, new Map())));
    expect(write('md', commits, journal)).toContain('status: s1099');
    expect(write('md', [], journal)).toBe('# Work log since monday, matching "x"\n\nNo commits match.\n');
  });

  it('ends with where a shallow clone stops, when it lists that commit, as the whole report does', () => {
    const cut = new Set([commits[1099]!.hash, 'e'.repeat(40)]);
    const report = buildLog(filters, commits, journal, cut);
    expect(report.shallow).toEqual([commits[1099]!.short]);
    expect(write('json', commits, journal, cut)).toBe(JSON.stringify(report, null, 2) + '\n');
    expect(write('md', commits, journal, cut)).toBe(renderLogMarkdown(report));
    expect(write('md', commits, journal, cut)).toMatch(/status: s1099\n\nThis clone is shallow and its history stops at 0001099: .*\n$/);
    expect(write('md', commits.slice(0, 4), journal, cut)).not.toContain('shallow');
    expect(JSON.parse(write('json', commits.slice(0, 4), journal, cut)).shallow).toEqual([]);
  });
});
