import { describe, expect, it } from 'vitest';
import { planCommit, type CommitFacts } from '../../../src/core/pipeline/commit-plan.js';
import type { SessionSummary } from '../../../src/core/pipeline/session-summary.js';

const summary = { goal: 'Convert units', status: 'Lengths done', decisions: [], deadEnds: [], keyFiles: [], secretKinds: [] } as unknown as SessionSummary;
const stale = { updated: false, changedLines: 40, files: ['src/a.js'], keyFilesTouched: [], stale: true };
const fresh = { updated: true, changedLines: 3, files: ['src/a.js'], keyFilesTouched: [], stale: false };
const decision = { text: 'Use millimetres', reason: 'one base unit' };

function facts(over: Partial<CommitFacts> = {}): CommitFacts {
  return {
    sessionFile: 'SESSION.md',
    mode: 'remind',
    amend: false,
    committer: { kind: 'unattended' },
    staleness: fresh,
    session: { kind: 'read', summary, change: { decisions: [decision], deadEnds: [], secretKinds: [], newSecretKinds: [] } },
    owned: { staged: 0, notStaged: 0 },
    journalFiles: [{ path: 'src/a.js', added: 3, removed: 0 }],
    trailers: { decision: 'Decision', deadEnd: 'Dead-End', session: false },
    ...over,
  };
}

describe('planCommit', () => {
  it('a commit that updates the session file: a journal entry and a trailer, nothing said', () => {
    const plan = planCommit(facts());
    expect(plan.refusal).toBeUndefined();
    expect(plan.messages).toEqual([]);
    expect(plan.trailers.map((t) => t.line)).toEqual(['Decision: Use millimetres — one base unit']);
    expect(plan.journal).toMatchObject({ goal: 'Convert units', status: 'Lengths done', decisions: [decision] });
  });

  it.each([
    ['remind', { kind: 'unattended' }, undefined, /was not updated by this commit/],
    ['strict', { kind: 'unattended' }, /prompt.mode is strict/, undefined],
    ['remind', { kind: 'assistant', name: 'Codex' }, undefined, /Note for Codex/],
    ['strict', { kind: 'assistant', name: 'Codex' }, /commit refused/, undefined],
    ['remind', { kind: 'person' }, undefined, undefined],
    ['off', { kind: 'unattended' }, undefined, undefined],
  ] as const)('stale, mode %s, %o', (mode, committer, refusal, message) => {
    const plan = planCommit(facts({ mode, committer, staleness: stale, session: { kind: 'read', summary } }));
    if (refusal) expect(plan.refusal).toMatch(refusal);
    else expect(plan.refusal).toBeUndefined();
    if (message) expect(plan.messages.join('')).toMatch(message);
    else if (!refusal) expect(plan.messages).toEqual([]);
  });

  it.each([
    ['a merge with nothing of its own', true, [], [], false],
    ['a merge with a decision of its own and no file', true, [], [decision], true],
    ['a merge with a file of its own', true, [{ path: 'src/a.js', added: 1, removed: 0 }], [], true],
    ['a commit left with nothing (its entry is replaced by one of nothing)', false, [], [], true],
  ] as const)('an amend of %s: journaled or not', (_, merge, journalFiles, decisions, entry) => {
    const plan = planCommit(
      facts({ amend: true, merge, journalFiles: [...journalFiles], session: { kind: 'read', summary, change: { decisions: [...decisions], deadEnds: [], secretKinds: [], newSecretKinds: [] } } }),
    );
    expect(plan.journal !== undefined).toBe(entry);
  });

  it('an amend names the trailers it may take out: those woven for the amended and the staged items, or all of ours when unread', () => {
    const amended = { goal: null, decisions: [{ text: 'Use inches', reason: 'legacy' }], deadEnds: [] };
    const staged = { ...summary, decisions: [decision] } as SessionSummary;
    const plan = planCommit(facts({ amend: true, amended, session: { kind: 'read', summary: staged } }));
    expect(plan.ours).toEqual(['Decision: Use inches — legacy', 'Decision: Use millimetres — one base unit']);
    expect(planCommit(facts({ amend: true, session: { kind: 'read', summary: staged } })).ours).toBeUndefined();
    expect(planCommit(facts({ amended, session: { kind: 'read', summary: staged } })).ours).toBeUndefined();
  });

  it('a commit that reuses another\'s message (-C) names the trailers woven for that commit\'s items, as an amend does', () => {
    const reused = { goal: null, decisions: [{ text: 'Use inches', reason: 'legacy' }], deadEnds: [] };
    const staged = { ...summary, decisions: [] } as SessionSummary;
    const plan = planCommit(facts({ reusesMessage: true, amended: reused, session: { kind: 'read', summary: staged } }));
    expect(plan.ours).toEqual(['Decision: Use inches — legacy']);
    // Its own content records nothing: nothing is woven back.
    expect(plan.trailers).toEqual([]);
  });

  it.each([
    ['nothing of its own', [], [], false],
    ['a conflict resolved by hand', [{ path: 'src/a.js', added: 1, removed: 1 }], [], false],
    ['a decision recorded while resolving it', [{ path: 'src/a.js', added: 1, removed: 1 }], [decision], true],
  ] as const)('a merge concluded with git commit, with %s: journaled and woven or not', (_, journalFiles, decisions, entry) => {
    const plan = planCommit(
      facts({ merge: true, journalFiles: [...journalFiles], session: { kind: 'read', summary, change: { decisions: [...decisions], deadEnds: [], secretKinds: [], newSecretKinds: [] } } }),
    );
    expect(plan.journal !== undefined).toBe(entry);
    expect(plan.trailers.length > 0).toBe(entry);
  });

  it('no session file: nobody is told it is stale', () => {
    expect(planCommit(facts({ staleness: stale, session: { kind: 'absent' } })).messages).toEqual([]);
  });

  it('recorded lines that could not be staged: says so, and never that the file was not updated', () => {
    const plan = planCommit(facts({ staleness: stale, owned: { staged: 0, notStaged: 1 }, session: { kind: 'read', summary } }));
    expect(plan.messages.join('')).toContain('recorded but not staged');
    expect(plan.messages.join('')).not.toContain('was not updated');
  });

  it('recorded lines the hook staged: says what it staged', () => {
    expect(planCommit(facts({ owned: { staged: 1, notStaged: 0 } })).messages.join('')).toContain("staged the lines git-session's commands wrote");
  });

  it('conflict markers: refused in remind and strict, said in off', () => {
    const conflicted = { kind: 'conflicted', lines: [4, 6, 8] } as const;
    expect(planCommit(facts({ session: conflicted })).refusal).toMatch(/conflict markers on lines 4, 6 and 8/);
    expect(planCommit(facts({ mode: 'strict', session: conflicted })).refusal).toBeDefined();
    const off = planCommit(facts({ mode: 'off', session: conflicted }));
    expect(off.refusal).toBeUndefined();
    expect(off.trailers).toEqual([]);
    expect(off.journal?.decisions).toEqual([]);
  });

  it('a new secret is refused in remind mode; one already in history only warned about', () => {
    const change = (newKinds: string[]) => ({ decisions: [], deadEnds: [], secretKinds: ['GitHub token'], newSecretKinds: newKinds });
    expect(planCommit(facts({ session: { kind: 'read', summary, change: change(['GitHub token']) } })).refusal).toMatch(/looks like a secret/);
    const old = planCommit(facts({ session: { kind: 'read', summary, change: change([]) } }));
    expect(old.refusal).toBeUndefined();
    expect(old.messages.join('')).toMatch(/looks like a secret/);
  });

  it('an unreadable session file: one line, a journal entry without session state', () => {
    const plan = planCommit(facts({ session: { kind: 'unreadable', problem: 'SESSION.md: bad front matter', secrets: { kinds: [], newKinds: [] } } }));
    expect(plan.messages).toEqual(['git-session: SESSION.md: bad front matter (this commit records no session state)\n']);
    expect(plan.journal).toMatchObject({ goal: null, decisions: [] });
  });

  it.each([
    ['remind', ['GitHub token'], /commit refused|looks like a secret/, true],
    ['strict', [], /looks like a secret/, true],
    ['off', ['GitHub token'], /looks like a secret/, false],
  ] as const)('an unreadable session file is still checked for secrets (%s, new %o)', (mode, newKinds, said, refused) => {
    const plan = planCommit(facts({ mode, session: { kind: 'unreadable', problem: 'SESSION.md: bad front matter', secrets: { kinds: ['GitHub token'], newKinds: [...newKinds] } } }));
    expect(plan.refusal !== undefined).toBe(refused);
    expect((plan.refusal ?? '') + plan.messages.join('')).toMatch(said);
  });

  it('the journal off: no entry planned', () => {
    const { journalFiles, ...rest } = facts();
    void journalFiles;
    expect(planCommit(rest).journal).toBeUndefined();
  });

  it('a decision too long for any message: says where it went, never "at most 0"', () => {
    const huge = { text: 'x'.repeat(40_000), reason: null };
    const plan = planCommit(facts({ session: { kind: 'read', summary, change: { decisions: [huge], deadEnds: [], secretKinds: [], newSecretKinds: [] } } }));
    expect(plan.trailers).toEqual([]);
    expect(plan.messages.join('')).toContain('in the journal entry only');
    expect(plan.messages.join('')).not.toContain('at most 0');
  });
});
