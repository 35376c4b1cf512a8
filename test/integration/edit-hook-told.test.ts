import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/repo.js';
import { decideAndCommit, initialised } from '../helpers/session-repo.js';
import { preToolUseCommand, runHook, toldContext } from '../helpers/edit-hook.js';

// What the edit-time hook told a session is forgotten when the session's conversation
// is: after a compaction or a /clear, under the same session id.

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
});

/** What Claude Code sends before an Edit of `file` in session `session`. */
function editInput(r: TempRepo, file: string, session: string) {
  return {
    session_id: session,
    transcript_path: join(r.home, 't.jsonl'),
    cwd: r.dir,
    hook_event_name: 'PreToolUse',
    tool_name: 'Edit',
    tool_input: { file_path: join(r.dir, file), old_string: 'x', new_string: 'y' },
  };
}

/** Runs one of the other assistant hooks as Claude Code does, the project in CLAUDE_PROJECT_DIR. */
function hook(r: TempRepo, name: string, input: unknown) {
  return r.run(['hook', name], { input: JSON.stringify(input), env: { CLAUDE_PROJECT_DIR: r.dir } });
}

describe('the edit-time hook after the conversation lost what it was told', () => {
  it('tells a file again after PreCompact, after SessionStart compact or clear, not after resume', () => {
    repo = initialised();
    decideAndCommit(repo, 'Keep file7 pure', 'file7.js');
    const r = repo;
    const edit = (session = 'cx') => runHook(r, editInput(r, 'file7.js', session));
    const session = { session_id: 'cx', transcript_path: join(r.home, 't.jsonl'), cwd: r.dir };

    expect(toldContext(edit())).toContain('Keep file7 pure');
    expect(edit('other')).toMatchObject({ code: 0 });
    expect(edit().stdout).toBe('');

    expect(hook(r, 'claude-pre-compact', { ...session, hook_event_name: 'PreCompact', trigger: 'auto' }).code).toBe(0);
    expect(toldContext(edit())).toContain('Keep file7 pure');
    expect(edit().stdout).toBe('');

    expect(hook(r, 'claude-session-start', { ...session, hook_event_name: 'SessionStart', source: 'compact' }).code).toBe(0);
    expect(toldContext(edit())).toContain('Keep file7 pure');

    expect(hook(r, 'claude-session-start', { ...session, hook_event_name: 'SessionStart', source: 'clear' }).code).toBe(0);
    expect(toldContext(edit())).toContain('Keep file7 pure');

    // A resumed conversation has its transcript back, what was told included.
    expect(hook(r, 'claude-session-start', { ...session, hook_event_name: 'SessionStart', source: 'resume' }).code).toBe(0);
    expect(edit().stdout).toBe('');
    // Another session's conversation was not compacted: it is not told again.
    expect(edit('other').stdout).toBe('');
    // A compaction that names no session may be any session's: all are told again.
    expect(hook(r, 'claude-pre-compact', { cwd: r.dir, hook_event_name: 'PreCompact', trigger: 'manual' }).code).toBe(0);
    expect(toldContext(edit('other'))).toContain('Keep file7 pure');
  });
});

describe('a compaction, for a repository nested in the project', () => {
  it('forgets what was told about its files too: they are told again', () => {
    repo = initialised();
    const r = repo;
    const inner = join(r.dir, 'inner');
    mkdirSync(inner);
    r.git(['init', '-q', '-b', 'main'], { cwd: inner });
    expect(r.run(['init'], { cwd: inner }).code).toBe(0);
    r.git(['add', '-A'], { cwd: inner });
    r.git(['commit', '-q', '-m', 'Start'], { cwd: inner });
    expect(r.run(['decide', 'Keep the inner parser pure', '--because', 'tests'], { cwd: inner }).code).toBe(0);
    writeFileSync(join(inner, 'parse.js'), 'p\n');
    r.git(['add', '-A'], { cwd: inner });
    r.git(['commit', '-q', '-m', 'Parser'], { cwd: inner });
    // The session is the outer project's: its hooks run there, the file is the inner repository's.
    const edit = () => runHook(r, editInput(r, 'inner/parse.js', 'nx'));
    expect(toldContext(edit())).toContain('Keep the inner parser pure');
    expect(edit().stdout).toBe('');
    expect(hook(r, 'claude-pre-compact', { session_id: 'nx', cwd: r.dir, hook_event_name: 'PreCompact', trigger: 'auto' }).code).toBe(0);
    expect(toldContext(edit())).toContain('Keep the inner parser pure');
    expect(edit().stdout).toBe('');
  });
});

describe('a subagent', () => {
  it('is told in a conversation of its own: what it read leaves the agent that edits next still to be told', () => {
    repo = initialised();
    decideAndCommit(repo, 'Keep file7 pure', 'file7.js');
    const r = repo;
    // Claude Code gives a subagent its parent's session id, and an agent id of its own.
    const explore = { ...editInput(r, 'file7.js', 'cx'), agent_id: 'a1', agent_type: 'Explore', tool_name: 'Read', tool_input: { file_path: join(r.dir, 'file7.js') } };
    expect(toldContext(runHook(r, explore))).toContain('Keep file7 pure');
    expect(runHook(r, explore).stdout).toBe('');
    expect(toldContext(runHook(r, editInput(r, 'file7.js', 'cx')))).toContain('Keep file7 pure');
    expect(runHook(r, editInput(r, 'file7.js', 'cx')).stdout).toBe('');
    // A compaction of the session takes its subagents' conversations with it.
    expect(hook(r, 'claude-pre-compact', { session_id: 'cx', cwd: r.dir, hook_event_name: 'PreCompact', trigger: 'auto' }).code).toBe(0);
    expect(toldContext(runHook(r, explore))).toContain('Keep file7 pure');
  });
});

describe('a decision superseded or withdrawn in the work tree, not committed yet', () => {
  it('is no longer given as in force: not at the edit, not by decisions, not in the context', () => {
    repo = initialised();
    decideAndCommit(repo, 'Store prices in cents', 'prices.js');
    decideAndCommit(repo, 'Round half to even', 'prices.js');
    const r = repo;
    expect(toldContext(runHook(r, editInput(r, 'prices.js', 's1')))).toContain('Store prices in cents');
    const superseded = r.run(['decide', 'Store prices as decimals', '--because', 'currencies', '--supersedes', 'Store prices in cents']);
    expect(superseded.code, superseded.stderr).toBe(0);
    // Withdrawn by hand: the bullet taken out of the file.
    r.write('SESSION.md', r.read('SESSION.md').replace(/^- Round half to even.*\n/m, ''));
    expect(runHook(r, editInput(r, 'prices.js', 's2'))).toMatchObject({ code: 0, stdout: '' });
    // The session that was told them is told they no longer hold, once.
    const taken = toldContext(runHook(r, editInput(r, 'prices.js', 's1')));
    expect(taken).toContain('no longer in force for prices.js');
    expect(taken).toMatch(/^- Decision: Store prices in cents \([0-9a-f]+\)$/m);
    expect(taken).toMatch(/^- Decision: Round half to even \([0-9a-f]+\)$/m);
    expect(runHook(r, editInput(r, 'prices.js', 's1')).stdout).toBe('');
    for (const told of [r.run(['decisions', 'prices.js']).stdout, r.run(['context']).stdout]) {
      expect(told).not.toContain('Store prices in cents —');
      expect(told).not.toContain('Round half to even');
    }
    expect(r.run(['context']).stdout).toContain('Store prices as decimals (supersedes: Store prices in cents)');
    // Committed, the record says the same.
    r.git(['commit', '-q', '-am', 'Decimals']);
    expect(r.run(['decisions', 'prices.js']).stdout).not.toContain('Round half to even');
  });

  it('is not what a new session does: its close leaves the decisions in force, before and after it is committed', () => {
    repo = initialised();
    decideAndCommit(repo, 'Store prices in cents', 'prices.js');
    const r = repo;
    expect(toldContext(runHook(r, editInput(r, 'prices.js', 's1')))).toContain('Store prices in cents');
    expect(r.run(['new', 'Next goal']).code).toBe(0);
    expect(runHook(r, editInput(r, 'prices.js', 's1')).stdout).toBe('');
    expect(r.run(['decisions', 'prices.js']).stdout).toContain('Store prices in cents');
    expect(r.run(['context']).stdout).toContain('Store prices in cents');
  });
});

describe('a decision reverted after the session was told it', () => {
  it('is taken back in that session, once; a session never told it hears nothing', () => {
    repo = initialised();
    decideAndCommit(repo, 'Cache file7 forever', 'file7.js');
    const r = repo;
    expect(toldContext(runHook(r, editInput(r, 'file7.js', 'cx')))).toContain('Cache file7 forever');
    r.git(['revert', '--no-edit', 'HEAD']);
    const back = toldContext(runHook(r, editInput(r, 'file7.js', 'cx')));
    expect(back).toContain('no longer in force for file7.js');
    expect(back).toContain('Cache file7 forever');
    expect(back).not.toContain('still in force');
    expect(runHook(r, editInput(r, 'file7.js', 'cx')).stdout).toBe('');
    expect(runHook(r, editInput(r, 'file7.js', 'other')).stdout).toBe('');
  });
});

/** Runs the hook as `runHook` does, without waiting: calls that run side by side, as an assistant's parallel tool calls do. */
function startHook(r: TempRepo, input: unknown, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn('sh', ['-c', preToolUseCommand(r)], { cwd: r.dir, env: { ...r.env, CLAUDE_PROJECT_DIR: r.dir, ...env } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', () => done(out));
    child.stdin.end(JSON.stringify(input));
  });
}

describe('parallel tool calls in one session', () => {
  // Each hook pauses between reading what was told and writing it, so that calls side by side meet there.
  const pause = { GIT_SESSION_TEST_TOLD_PAUSE_MS: '150' };

  it('remember every file told: none is told twice', async () => {
    repo = initialised();
    const files = ['a.js', 'b.js', 'c.js', 'd.js'];
    for (const f of files) decideAndCommit(repo, `Keep ${f} small`, f);
    const r = repo;
    const first = await Promise.all(files.map((f) => startHook(r, editInput(r, f, 'px'), pause)));
    first.forEach((out, i) => expect(toldContext({ stdout: out })).toContain(`Keep ${files[i]} small`));
    for (const f of files) expect(runHook(r, editInput(r, f, 'px')).stdout, f).toBe('');
  });

  it('on one file tell it once', async () => {
    repo = initialised();
    decideAndCommit(repo, 'Keep e.js small', 'e.js');
    const r = repo;
    const outs = await Promise.all([0, 1, 2].map(() => startHook(r, editInput(r, 'e.js', 'py'), pause)));
    expect(outs.filter((o) => o !== '')).toHaveLength(1);
    expect(toldContext({ stdout: outs.find((o) => o !== '')! })).toContain('Keep e.js small');
  });
});
