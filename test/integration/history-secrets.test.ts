import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { describe, expect, it } from 'vitest';
import { connectMcp, heldPerTest } from '../helpers/mcp.js';
import type { TempRepo } from '../helpers/repo.js';
import { SESSION, sessionRepo } from './commit-setup.js';

const t = heldPerTest();

// Built from parts, so no scanner takes this file for a leak.
const BODY = ['Zq7Lm2Rt9Vx4', 'Kb8Nc3Pd6Wf1', 'Hs5Jg0Yu2Ea7'].join('');
const TOKEN = ['ghp', '_', BODY].join('');
const SEEN = BODY.slice(0, 20);

/** Commits `edit` on top of a repository with the hooks installed, going around them. */
function committedAround(edit: (r: TempRepo) => void): TempRepo {
  const r = sessionRepo();
  r.write('src/convert.js', 'export const table = {};\nexport const units = [];\n');
  edit(r);
  r.git(['add', '-A']);
  r.git(['commit', '-q', '--no-verify', '-m', 'List the units']);
  return r;
}

async function toolText(c: Client, name: string, args: Record<string, unknown>): Promise<string> {
  const result = (await c.callTool({ name, arguments: args })) as { isError?: boolean; content: { text: string }[] };
  expect(result.isError, result.content[0]?.text).toBeFalsy();
  return result.content[0]!.text;
}

describe('a journal entry edited by hand', () => {
  const entry = [
    `### 2026-01-05 09:30 +00:00 · commit · fix/${TOKEN} · Kim ${TOKEN} <kim@example.com>`,
    `- Goal: Convert units with ${TOKEN}`,
    `- Decision: Sign requests with ${TOKEN}`,
    `- Dead end: Caching ${TOKEN}`,
    `- Status: Tried ${TOKEN} today`,
    '- Files:',
    `  - notes/${TOKEN}.txt (+1 -0)`,
    '',
    // A checkpoint's entry: the timeline shows it as a row of its own, with its files.
    `### 2026-01-05 09:10 +00:00 · checkpoint · fix/${TOKEN} · Kim <kim@example.com>`,
    `- Status: Halfway with ${TOKEN}`,
    '- Files:',
    `  - drafts/${TOKEN}.md (+2 -0)`,
    '',
  ].join('\n');

  it.each([
    [['log']],
    [['log', '--format', 'json']],
    [['why', 'src/convert.js', '--format', 'json']],
    [['why', 'src/convert.js:2', '--format', 'json']],
    [['why', 'src/convert.js:2', '--history', '--format', 'json']],
    [['timeline']],
  ])('reaches git session %s with every field redacted', (args) => {
    t.repo = committedAround((r) => r.write('.session/journal/2026-W02.md', entry));
    const r = t.repo.run(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('[REDACTED:github-token]');
    expect(r.stdout).not.toContain(SEEN);
  });

  it('reaches the why tool redacted', async () => {
    t.repo = committedAround((r) => r.write('.session/journal/2026-W02.md', entry));
    t.client = await connectMcp(t.repo);
    const text = await toolText(t.client, 'why', { target: 'src/convert.js', format: 'json' });
    expect(text).toContain('Tried [REDACTED:github-token] today');
    expect(text).not.toContain(SEEN);
  });
});

describe('a session file item hiding a token behind an escape', () => {
  const hidden = (r: TempRepo) =>
    r.write(
      'SESSION.md',
      SESSION.replace(
        '\n\n## Dead Ends (Don\'t Revisit)\n',
        `\n- Rotate ghp&#95;${BODY} — Reason: it leaked\n- Keep ghp%5F${BODY} out — Reason: it is old\n- Use gh\u200bp_${BODY} — Reason: CI asks\n- Sign with ${TOKEN}\u202ex — Reason: cleaning joins it to the x\n\n## Dead Ends (Don't Revisit)\n- Pin ghp&#x5f;${BODY} — Reason: it broke\n`,
      ),
    );

  it.each([
    [['log']],
    [['log', '--format', 'json']],
    [['review', 'HEAD~1..HEAD']],
    [['review', 'HEAD~1..HEAD', '--format', 'json']],
    [['why', 'src/convert.js']],
    [['why', 'src/convert.js:2', '--format', 'json']],
    [['why', 'SESSION.md', '--format', 'json']],
    [['standup']],
    [['squash-message', 'HEAD~1..HEAD']],
    [['decisions', 'src/convert.js']],
    [['timeline']],
  ])('reaches git session %s redacted', (args) => {
    t.repo = committedAround(hidden);
    expect(t.repo.read('SESSION.md')).toContain(`ghp&#95;${BODY}`);
    const r = t.repo.run(args);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('[REDACTED:github-token]');
    expect(r.stdout).not.toContain(SEEN);
  });

  it('reaches the tools redacted', async () => {
    t.repo = committedAround(hidden);
    t.client = await connectMcp(t.repo);
    const texts = [
      await toolText(t.client, 'review', { range: 'HEAD~1..HEAD' }),
      await toolText(t.client, 'why', { target: 'src/convert.js' }),
      await toolText(t.client, 'decisions_for_path', { path: 'src/convert.js' }),
    ];
    for (const text of texts) {
      expect(text).toContain('Rotate [REDACTED:github-token]');
      expect(text).not.toContain(SEEN);
    }
  });
});
