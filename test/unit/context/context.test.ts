import { describe, expect, it } from 'vitest';
import { mergeItems } from '../../../src/core/context/items.js';
import { MAX_CONTEXT_CHARS, renderContextMarkdown } from '../../../src/core/context/render.js';
import { assessSessionStaleness, type StalenessFacts } from '../../../src/core/context/staleness.js';
import type { ContextData } from '../../../src/core/context/types.js';

const facts = (over: Partial<StalenessFacts>): StalenessFacts => ({
  sessionCommit: 'abc1234',
  commitsSince: [],
  uncommitted: [],
  mtimes: {},
  sessionMtime: 1000,
  isSessionFile: (p) => p === 'SESSION.md',
  isToolFile: (p) => p.startsWith('.session/journal/') || p === '.gitsession',
  ...over,
});

describe('assessSessionStaleness', () => {
  it('ignores commits and edits that touch only the session file, the journal and .gitsession', () => {
    const s = assessSessionStaleness(facts({ commitsSince: [['.session/journal/2025-W01.md'], ['.gitsession']], uncommitted: ['.session/journal/2025-W01.md'] }));
    expect(s).toMatchObject({ stale: false, commitsSince: 0, uncommitted: [] });
  });
  it('is stale after code commits or code edits', () => {
    expect(assessSessionStaleness(facts({ commitsSince: [['a.ts', 'SESSION.md']] })).stale).toBe(true);
    expect(assessSessionStaleness(facts({ uncommitted: ['b.ts'] })).stale).toBe(true);
  });
  it('with SESSION.md being edited, only code edited after it counts', () => {
    const base = { uncommitted: ['SESSION.md', 'b.ts'], commitsSince: [['a.ts']] };
    expect(assessSessionStaleness(facts({ ...base, mtimes: { 'b.ts': 900 } })).stale).toBe(false);
    expect(assessSessionStaleness(facts({ ...base, mtimes: { 'b.ts': 1100 } })).stale).toBe(true);
  });
});

describe('mergeItems', () => {
  it('lists session items newest first, then trailer-only items, once each', () => {
    const items = mergeItems(
      [{ text: 'Use A', reason: 'x' }, { text: 'Use B', reason: null }],
      [{ commit: 'c2', value: 'Use C — speed' }, { commit: 'c1', value: 'use a — x' }],
    );
    expect(items.map((i) => [i.text, i.source])).toEqual([['Use B', 'session'], ['Use A', 'session'], ['Use C', 'commit']]);
  });
  it('splits a trailer value at its last dash, as the trailers are written', () => {
    const [item] = mergeItems([], [{ commit: 'c1', value: 'Use A — not B — fast' }]);
    expect(item).toMatchObject({ text: 'Use A — not B', reason: 'fast' });
  });
});

/** A small context at full detail; `over` replaces fields. */
function contextData(over: Partial<ContextData> = {}): ContextData {
  return {
    version: 1,
    sessionFile: 'SESSION.md',
    sessionExists: true,
    branch: 'main',
    goal: 'Ship it',
    status: 'Halfway',
    nextSteps: ['one'],
    decisions: Array.from({ length: 8 }, (_, i) => ({ text: `d${i}`, reason: null, source: 'session' as const })),
    deadEnds: [],
    keyFiles: Array.from({ length: 12 }, (_, i) => ({ path: `f${i}.ts`, why: null })),
    staleness: { stale: false, sessionCommit: 'abc', commitsSince: 0, filesSince: [], uncommitted: [], sessionEdited: false },
    history: { range: 'last 50 commits', commits: 3 },
    ...over,
  };
}

describe('renderContextMarkdown', () => {
  it('stays under the bound however long every field is', () => {
    const long = 'word '.repeat(5000);
    const many = <T>(n: number, f: (i: number) => T) => Array.from({ length: n }, (_, i) => f(i));
    const data: ContextData = {
      version: 1,
      sessionFile: 'SESSION.md',
      sessionExists: true,
      branch: long,
      goal: long,
      status: long,
      nextSteps: many(100, () => long),
      decisions: many(100, () => ({ text: long, reason: long, source: 'session' as const })),
      deadEnds: many(100, (i) => ({ text: long, reason: null, source: 'commit' as const, commit: `c${i}` })),
      keyFiles: many(100, () => ({ path: long, why: long })),
      staleness: { stale: true, sessionCommit: null, commitsSince: 9, filesSince: many(100, () => long), uncommitted: many(100, () => long), sessionEdited: false },
      history: { range: 'last 50 commits', commits: 50 },
    };
    const md = renderContextMarkdown(data);
    expect(md.length).toBeLessThanOrEqual(MAX_CONTEXT_CHARS);
    expect(md.endsWith('\n')).toBe(true);
    // Less detail, never a cut-off end: the freshness and the commands to record with stay.
    expect(md).toContain('## Freshness\n- SESSION.md is behind the code: update it before you finish.\n');
    expect(md).toContain('- 100 file(s) with uncommitted changes:\n');
    expect(md).toMatch(/Record as you go:\n  git session decide .*\n  git session dead-end .*\n  git session set-status '[^\n]*'\n$/);
  });

  it('says where it read from: the session file only when there is one', () => {
    const data = contextData({ sessionExists: false, goal: null, status: null, nextSteps: [], keyFiles: [], staleness: { ...contextData().staleness, sessionCommit: null } });
    expect(renderContextMarkdown(data)).toContain('Branch `main`; no SESSION.md; from 3 commit(s) (last 50 commits).');
    expect(renderContextMarkdown({ ...data, sessionExists: true })).toContain('Branch `main`; from SESSION.md and 3 commit(s) (last 50 commits).');
    expect(renderContextMarkdown({ ...data, sessionExists: true, branch: null })).toContain('Detached HEAD (on no branch); from SESSION.md and 3 commit(s)');
  });

  it('keeps every section at full detail when it fits', () => {
    const data = contextData();
    const md = renderContextMarkdown(data);
    expect(md).toContain('- d7\n');
    expect(md).toContain('- `f11.ts`\n');
    expect(md).not.toContain('more');
  });

  it('names the inputs it could not read, with their fix', () => {
    const data: ContextData = {
      version: 1,
      sessionFile: 'SESSION.md',
      sessionExists: true,
      branch: null,
      goal: null,
      status: null,
      nextSteps: [],
      decisions: [],
      deadEnds: [],
      keyFiles: [],
      problems: ['SESSION.md: has malformed YAML front matter. Fix the YAML between the `---` lines.'],
      staleness: { stale: false, sessionCommit: null, commitsSince: 0, filesSince: [], uncommitted: [], sessionEdited: false },
      history: { range: 'last 50 commits', commits: 0 },
    };
    expect(renderContextMarkdown(data)).toContain(
      '## Freshness\n- Could not read: SESSION.md: has malformed YAML front matter. Fix the YAML between the `---` lines.\n',
    );
  });
});
