import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectMcp, heldPerTest } from '../helpers/mcp.js';
import { tempRepo, type TempRepo } from '../helpers/repo.js';
import { gitNoTty, sessionRepo } from './commit-setup.js';

const t = heldPerTest();

// What every output quoting outside text must hold back: a token, and terminal control.
const BODY = 'abcdefghijklmnopqrstuvwxyz0123456789';
const TOKEN = `ghp_${BODY}`;
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\\u00[01][0-9a-f]/i;
const REDACTED = '[REDACTED:github-token]';

function clean(text: string, what: string): void {
  expect(text, what).not.toContain(BODY.slice(0, 20));
  expect(text, what).not.toMatch(CONTROL);
}

function startHook(r: TempRepo, name: string) {
  return r.run(['hook', name], { input: JSON.stringify({ session_id: 's', source: 'startup', cwd: r.dir }), env: { CLAUDE_PROJECT_DIR: r.dir } });
}

describe('a settings value quoted by an assistant hook', () => {
  it('reaches the SessionStart context cleaned and redacted', () => {
    t.repo = sessionRepo();
    t.repo.write('.gitsession', `[prompt]\n\tmode = "\x1b[31m${TOKEN}"\n`);
    const claude = startHook(t.repo, 'claude-session-start');
    expect(claude.code, claude.stderr).toBe(0);
    expect(claude.stdout).toContain(`- Could not read: .gitsession: line 2: "${REDACTED}" is not a mode.`);
    clean(claude.stdout, 'claude-session-start');
    const gemini = startHook(t.repo, 'gemini-session-start');
    expect(gemini.code, gemini.stderr).toBe(0);
    expect(JSON.parse(gemini.stdout).hookSpecificOutput.additionalContext).toContain(REDACTED);
    clean(gemini.stdout, 'gemini-session-start');
  });
});

describe('a token with a control character and letters beside it', () => {
  const joined = `${TOKEN}\u202exy`;

  it('is redacted in a settings error, in the context and in the SessionStart hook', () => {
    t.repo = sessionRepo();
    t.repo.write('.gitsession', `[prompt]\n\tmode = "${joined}"\n`);
    const context = t.repo.run(['context']);
    expect(context.code).not.toBe(0);
    expect(context.stderr).toContain(`"${REDACTED}xy" is not a mode`);
    clean(context.stderr, 'context');
    const hook = startHook(t.repo, 'claude-session-start');
    expect(hook.stdout).toContain(`"${REDACTED}xy" is not a mode`);
    clean(hook.stdout, 'claude-session-start');
  });

  it('is redacted in what the session file holds, as context and the MCP server show it', async () => {
    t.repo = sessionRepo();
    const coloured = `x\x1b[31m${TOKEN}\x1b[0mab`;
    t.repo.write('SESSION.md', t.repo.read('SESSION.md').replace('Length units convert;', `Deploys with ${joined}, shown ${coloured};`));
    for (const args of [['context'], ['context', '--format', 'json'], ['status', '--json']]) {
      const r = t.repo.run(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout, args.join(' ')).toContain(`${REDACTED}xy, shown x${REDACTED}ab`);
      clean(r.stdout, args.join(' '));
    }
    t.client = await connectMcp(t.repo);
    const context = (await t.client.callTool({ name: 'session_context', arguments: {} })) as { content: { text: string }[] };
    clean(context.content[0]!.text, 'session_context');
  });

  it('is redacted in what capture drafts from a transcript', () => {
    t.repo = tempRepo();
    const dir = join(t.repo.home, '.claude', 'projects', t.repo.dir.replace(/[^A-Za-z0-9]/g, '-'));
    mkdirSync(dir, { recursive: true });
    const asked = { cwd: t.repo.dir, type: 'user', timestamp: '2025-05-02T09:00:00.000Z', message: { role: 'user', content: `Rotate ${joined} today` } };
    writeFileSync(join(dir, 'talk.jsonl'), JSON.stringify(asked) + '\n');
    for (const args of [['capture'], ['capture', '--format', 'json']]) {
      const r = t.repo.run(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout, args.join(' ')).toContain(`Rotate ${REDACTED}xy today`);
      clean(r.stdout, args.join(' '));
    }
  });
});

describe('the commit hook quoting a value that is no mode', () => {
  it('redacts and cleans GIT_SESSION_MODE', () => {
    t.repo = sessionRepo();
    t.repo.write('src/convert.js', 'export const table = { m: 1000 };\n');
    t.repo.git(['add', '-A']);
    const r = gitNoTty(t.repo, ['commit', '-q', '-m', 'Metres'], { GIT_SESSION_MODE: `\x1b[1m${TOKEN}\u202exy` });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`GIT_SESSION_MODE="${REDACTED}xy" is not a mode and is ignored`);
    clean(r.stderr, 'stderr');
  });

  it('redacts and cleans a .gitsession value', () => {
    t.repo = sessionRepo();
    t.repo.write('.gitsession', `[prompt]\n\tmode = "\x1b[31m${TOKEN}"\n`);
    t.repo.write('src/convert.js', 'export const table = { m: 1000 };\n');
    t.repo.git(['add', '-A']);
    const r = gitNoTty(t.repo, ['commit', '-q', '-m', 'Metres']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`pre-commit skipped: .gitsession: line 2: "${REDACTED}" is not a mode.`);
    clean(r.stderr, 'stderr');
  });
});

describe('commands saying back what they were given', () => {
  it('key-file says a secret back redacted and names it at once', () => {
    t.repo = sessionRepo();
    t.repo.write(`src/${TOKEN}.js`, 'export {};\n');
    const r = t.repo.run(['key-file', `src/${TOKEN}.js`, `reads ${TOKEN}`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Recorded key file in SESSION.md: src/${REDACTED}.js — reads ${REDACTED}\n`);
    expect(r.stderr).toContain('looks like a secret (github-token)');
    const again = t.repo.run(['key-file', `src/${TOKEN}.js`]);
    expect(again.stdout).toBe(`Already recorded in SESSION.md: src/${REDACTED}.js\n`);
  });

  it('set-status says a secret back redacted and names it at once', () => {
    t.repo = sessionRepo();
    const r = t.repo.run(['set-status', `Deploying with ${TOKEN}`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Set status in SESSION.md: Deploying with ${REDACTED}\n`);
    expect(r.stderr).toContain('looks like a secret (github-token)');
    const plain = t.repo.run(['set-status', 'Temperature is next']);
    expect(plain).toMatchObject({ stdout: 'Set status in SESSION.md: Temperature is next\n', stderr: '' });
  });

  it('a token a control character joins to the letters after it: named at once, and the commit refuses it', () => {
    t.repo = sessionRepo();
    const r = t.repo.run(['decide', `Sign with ${TOKEN}\u202ex`, '--because', 'the API asks']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('looks like a secret (github-token)');
    clean(r.stdout, 'decide');
    // Recorded with a space where the control was, so the token keeps its end.
    expect(t.repo.read('SESSION.md')).toContain(`- Sign with ${TOKEN} x — Reason: the API asks`);
    t.repo.write('src/convert.js', 'export const table = { m: 1 };\n');
    t.repo.git(['add', '-A']);
    const commit = gitNoTty(t.repo, ['commit', '-q', '-m', 'Sign requests']);
    expect(commit.code).not.toBe(0);
    expect(commit.stderr).toContain('github-token');
    clean(commit.stderr, 'commit');
  });

  it('a coloured token written into the session file by a program: the commit refuses it', () => {
    t.repo = sessionRepo();
    t.repo.write('SESSION.md', t.repo.read('SESSION.md').replace('## Dead Ends', `- Sign with \x1b[31m${TOKEN}\x1b[0mabc — Reason: the API asks\n\n## Dead Ends`));
    t.repo.git(['add', '-A']);
    const commit = gitNoTty(t.repo, ['commit', '-q', '-m', 'Sign requests']);
    expect(commit.code).not.toBe(0);
    expect(commit.stderr).toContain('github-token');
    clean(commit.stderr, 'commit');
  });

  it('decisions and decisions_for_path quote the path and redact it', async () => {
    t.repo = sessionRepo();
    const name = `src/${TOKEN}\nDecision: none.js`;
    const r = t.repo.run(['decisions', name]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`No decisions or dead ends in force were recorded for "src/${REDACTED}\\nDecision: none.js".\n`);
    const json = JSON.parse(t.repo.run(['decisions', name, '--format', 'json']).stdout);
    expect(json.path).toBe(`src/${REDACTED}\nDecision: none.js`);
    t.client = await connectMcp(t.repo);
    const tool = (await t.client.callTool({ name: 'decisions_for_path', arguments: { path: name } })) as { content: { text: string }[] };
    expect(tool.content[0]!.text).toContain(`"src/${REDACTED}\\nDecision: none.js"`);
    clean(tool.content[0]!.text, 'decisions_for_path');
  });

  it('decisions names a file with decisions in force by its quoted, redacted path', () => {
    t.repo = sessionRepo();
    const name = `src/${TOKEN} notes.js`;
    t.repo.write(name, 'x\n');
    t.repo.git(['add', '-A']);
    t.repo.git(['commit', '-q', '--no-verify', '-m', 'Add notes', '-m', 'Decision: Keep notes beside the code']);
    const r = t.repo.run(['decisions', name]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`still in force for src/${REDACTED} notes.js`);
    expect(r.stdout).toContain('Keep notes beside the code');
    clean(r.stdout, 'decisions');
  });
});
