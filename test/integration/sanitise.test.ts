import { describe, expect, it } from 'vitest';
import { connectMcp, heldPerTest } from '../helpers/mcp.js';
import { tempRepo, type TempRepo } from '../helpers/repo.js';
import { sessionRepo } from './commit-setup.js';

const t = heldPerTest();

const ESC = '\x1b';
const TITLE = `${ESC}]0;pwned\x07`;
const LINK = `${ESC}]8;;https://evil.example/${ESC}\\docs${ESC}]8;;${ESC}\\`;
const KEY = ['AKIA', 'QX3RT7', 'EXAMPLE7Z2'].join('');
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]|\\u00[01][0-9a-f]|\\u009/i;

const SESSION = `# Session ${TITLE}

## Goal
Ship ${LINK} with key ${KEY}

## Status
Reader ${ESC}[2J${ESC}[31mdone${ESC}[0m ${KEY}

## Next Steps
- [ ] Tell ${TITLE}ops

## Decisions
- Use ${ESC}[1mSQLite${ESC}[0m — Reason: one file ${LINK}

## Dead Ends

## Key Files
`;

function hostile(): TempRepo {
  const r = tempRepo();
  r.write('SESSION.md', SESSION);
  r.git(['add', '.']);
  r.git(['commit', '-q', '-m', 'session']);
  return r;
}

describe('no control sequence reaches an output', () => {
  it.each([
    [['status']],
    [['status', '--json']],
    [['context']],
    [['context', '--format', 'json']],
    [['review', 'HEAD~1..HEAD']],
    [['review', 'HEAD~1..HEAD', '--format', 'json']],
    [['show']],
    [['show', '--format', 'json']],
    [['standup', '--since', '2000-01-01']],
  ])('git session %s', (args) => {
    t.repo = hostile();
    const r = t.repo.run(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stdout).not.toContain('evil.example');
    if (args[1] === '--json' || args[2] === 'json') JSON.parse(r.stdout);
  });

  it('status and status --json redact secrets exactly as context does', () => {
    t.repo = hostile();
    const md = t.repo.run(['status']).stdout;
    const json = JSON.parse(t.repo.run(['status', '--json']).stdout);
    expect(md).not.toContain(KEY);
    expect(md).toContain('[REDACTED:aws-access-key]');
    expect(json.goal).toBe('Ship docs with key [REDACTED:aws-access-key]');
    expect(json.status).toBe('Reader done [REDACTED:aws-access-key]');
    expect(JSON.parse(t.repo.run(['context', '--format', 'json']).stdout).goal).toBe(json.goal);
  });

  it('record commands store text without control sequences', () => {
    t.repo = hostile();
    expect(t.repo.run(['decide', `Use ${ESC}[31mred${ESC}[0m logs`, '--because', `they ${TITLE}stand out`]).code).toBe(0);
    expect(t.repo.read('SESSION.md')).toContain('- Use red logs — Reason: they stand out\n');
    expect(t.repo.run(['set-status', `Half ${ESC}]0;t\x07way`]).code).toBe(0);
    expect(t.repo.read('SESSION.md')).toContain('\nHalf way\n');
  });

  it('MCP refuses NUL, and session_status redacts and strips like context', async () => {
    t.repo = hostile();
    t.client = await connectMcp(t.repo);
    const before = t.repo.read('SESSION.md');
    const refused = (await t.client.callTool({ name: 'record_decision', arguments: { text: 'Use a\0b', because: 'why' } })) as { isError?: boolean; content: { text: string }[] };
    expect(refused.isError).toBe(true);
    expect(refused.content[0]!.text).toContain('NUL character');
    expect(t.repo.read('SESSION.md')).toBe(before);
    for (const format of ['md', 'json']) {
      const status = (await t.client.callTool({ name: 'session_status', arguments: { format } })) as { content: { text: string }[] };
      expect(status.content[0]!.text).not.toContain(KEY);
      expect(status.content[0]!.text).not.toMatch(CONTROL);
    }
  });

  it('readers redact a token hidden by an entity or an invisible character', () => {
    const body = 'abcdefghijklmnopqrstuvwxyz0123456789';
    t.repo = tempRepo();
    t.repo.write('SESSION.md', `# S\n\n## Goal\nRotate ghp&#95;${body}\n\n## Status\nUsing gh\u200bp_${body}\n\n## Decisions\n- Drop ghp\\_${body} — Reason: leaked\n`);
    t.repo.git(['add', '.']);
    t.repo.git(['commit', '-q', '-m', 'session']);
    for (const args of [['status', '--json'], ['context'], ['review', 'HEAD~1..HEAD'], ['show']]) {
      const r = t.repo.run(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout, args.join(' ')).not.toContain(body.slice(0, 20));
    }
  });

  it('a secret split by a control character in a subject, an author or a file name is redacted, not joined whole', () => {
    const token = `ghp_${'abcdefghijklmnopqrstuvwxyz0123456789'}`;
    const split = `${token.slice(0, 10)}\x01${token.slice(10)}`;
    t.repo = tempRepo();
    t.repo.write('.gitsession', '');
    t.repo.write(`key ${split}.txt`, 'a\n');
    t.repo.git(['add', '.']);
    t.repo.git(['commit', '-q', '--no-verify', '-m', `Rotate ${split}`], { env: { GIT_AUTHOR_NAME: `Ada ${split}` } });
    for (const args of [['log'], ['log', '--format', 'json'], ['review', 'HEAD'], ['standup'], ['timeline']]) {
      const r = t.repo.run(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout, args.join(' ')).not.toContain(token.slice(10));
      expect(r.stdout, args.join(' ')).not.toMatch(CONTROL);
    }
    expect(t.repo.run(['log']).stdout).toContain('Rotate [REDACTED:github-token]');
  });

  it('a secret in a decision trailer typed by hand reaches no reader and no assistant', () => {
    const token = `ghp_${'abcdefghijklmnopqrstuvwxyz0123456789'}`;
    t.repo = tempRepo();
    t.repo.write('.gitsession', '');
    t.repo.write('a.txt', 'a\n');
    t.repo.git(['add', '.']);
    t.repo.git(['commit', '-q', '--no-verify', '-m', 'Add a', '-m', `Decision: Token ${token} is used for CI`]);
    for (const args of [['why', 'a.txt'], ['log'], ['log', '--format', 'json'], ['decisions', 'a.txt'], ['review', 'HEAD~1..HEAD'], ['context'], ['timeline']]) {
      const r = t.repo.run(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout, args.join(' ')).toContain('Token [REDACTED:github-token] is used for CI');
      expect(r.stdout, args.join(' ')).not.toContain(token);
    }
    const hook = t.repo.run(['hook', 'claude-pre-tool-use'], {
      input: JSON.stringify({ session_id: 's', cwd: t.repo.dir, hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: `${t.repo.dir}/a.txt` } }),
    });
    expect(hook.stdout).toContain('[REDACTED:github-token]');
    expect(hook.stdout).not.toContain(token);
  });

  it('an error quoting an input holds no bidirectional override and no secret', () => {
    t.repo = sessionRepo();
    const token = ['ghp_', '1234567890abcdefghij', 'ABCDEFGHIJ123456'].join('');
    const r = t.repo.run(['why', `no\u202epe-${token}`]);
    expect(r.code).toBe(7);
    expect(r.stderr).toContain('nope-[REDACTED:github-token]');
    expect(r.stderr).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });

  it('decide says a secret back redacted and names it at once', () => {
    const key = ['AKIA', 'QX3RT7', 'EXAMPLE7Z2'].join('');
    t.repo = sessionRepo();
    const r = t.repo.run(['decide', `Deploy with ${key}`, '--because', 'it works']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Deploy with [REDACTED:aws-access-key] — Reason: it works');
    expect(r.stdout).not.toContain(key);
    expect(r.stderr).toContain('looks like a secret (aws-access-key)');
  });

  it('an escape in a file name reaches neither an assistant\'s hook JSON nor the session file', () => {
    t.repo = sessionRepo();
    const name = 'evil\x1b[31mred\x1b[0m.txt';
    t.repo.write(name, 'x\n');
    t.repo.git(['add', '-A']);
    t.repo.git(['commit', '-q', '--no-verify', '-m', 'Add it', '-m', 'Decision: Keep the red file — it is tested']);
    const hook = t.repo.run(['hook', 'claude-pre-tool-use'], {
      input: JSON.stringify({ session_id: 's', cwd: t.repo.dir, hook_event_name: 'PreToolUse', tool_name: 'Read', tool_input: { file_path: `${t.repo.dir}/${name}` } }),
    });
    expect(hook.code, hook.stderr).toBe(0);
    expect(hook.stdout).toContain('Keep the red file');
    expect(hook.stdout).toContain('evilred.txt');
    expect(hook.stdout).not.toMatch(/\\u001b|\x1b/);
    expect(t.repo.run(['key-file', name, 'the \x1b[1mred\x1b[0m one']).code).toBe(0);
    expect(t.repo.read('SESSION.md')).toContain('evilred.txt');
    expect(t.repo.read('SESSION.md')).not.toContain('\x1b');
  });
});
