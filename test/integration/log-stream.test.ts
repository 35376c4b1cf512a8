import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaveAfterFirstPiece } from '../helpers/reader-gone.js';
import { BIN, tempRepo, type TempRepo } from '../helpers/repo.js';
import { openHistory, readCommits, readJournal } from '../../src/adapters/history.js';
import { readSessionHistory, withItems } from '../../src/adapters/session-history.js';
import { buildLog, renderLogJson, renderLogMarkdown } from '../../src/core/report/log.js';
import { sanitiseOutput } from '../../src/core/text/sanitise.js';

// `log` writes its output as it is made. What it writes must be, byte for byte, the
// whole report rendered at once from the full record, as it was before it streamed.
let repo: TempRepo;
const COMMITS = 1_500;
const JOURNAL = '.session/journal/2026-W01.md';

const session = (decisions: string[]) =>
  `---\ngoal: stream the log\n---\n# Session\n\n## Decisions\n${decisions.map((d) => `- ${d}`).join('\n')}\n\n## Dead ends\n\n## Status\nworking\n`;
const entry = (i: number) => `### 2026-01-02 10:${String(i % 60).padStart(2, '0')} +00:00 · commit · main · Ada <ada@example.com>\n- Status: step ${i} — done\n\n`;

/** A history in one git fast-import: trailers, session file edits, journal entries, a revert, odd characters. */
function history(): void {
  const parts: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  let journal = '';
  const decisions: string[] = [];
  for (let i = 1; i <= COMMITS; i++) {
    const when = 1_767_225_600 + i * 60;
    let message = `Step ${i}: "quoted" \\ and ünïcödé${i % 97 === 0 ? ' with \x1b[31mred\x1b[0m' : ''}\n`;
    if (i % 7 === 0) message += `\nDecision: use plan ${i % 13} — it holds up\n`;
    if (i % 11 === 0) message += `\nDead-end: plan ${i % 5} — it did not\n`;
    if (i === 700) message = `Revert "Step 693"\n\nThis reverts commit ${'0'.repeat(40)}.\n`;
    parts.push(`commit refs/heads/main\nmark :${i}\nauthor Ada <ada@example.com> ${when} +0000\ncommitter Ada <ada@example.com> ${when} +0000\n${data(message)}`);
    if (i > 1) parts.push(`from :${i - 1}\n`);
    parts.push(`M 644 inline src/f${i % 20}.txt\n${data(`${i}\n`)}`);
    if (i % 5 === 0) {
      journal += entry(i);
      parts.push(`M 644 inline ${JOURNAL}\n${data(journal)}`);
    }
    if (i % 9 === 0) {
      // Adds a decision, and from time to time withdraws the oldest.
      decisions.push(`keep step ${i} — it reads well`);
      if (i % 36 === 0) decisions.shift();
      parts.push(`M 644 inline SESSION.md\n${data(session(decisions))}`);
    }
    parts.push('\n');
  }
  repo.git(['fast-import', '--quiet'], { input: parts.join('') });
  repo.git(['reset', '-q', '--hard', 'main']);
}

/** The log as it was written before it streamed: the full record, then the whole report at once. */
async function whole(format: 'md' | 'json', paths: string[] = []): Promise<string> {
  const h = await openHistory(repo.dir, repo.env);
  const record = await readSessionHistory(h);
  const commits = await readCommits(h.keys, { revArgs: ['HEAD'], paths, label: 'HEAD' }, h.opts);
  const journal = await readJournal(h.config.journal.path, { revArgs: ['HEAD'] }, h.opts);
  const report = buildLog({ since: null, until: null, author: null, grep: null, paths }, withItems(commits, record), journal);
  return sanitiseOutput(format === 'json' ? renderLogJson(report) : renderLogMarkdown(report));
}

beforeAll(() => {
  repo = tempRepo({ empty: true });
  history();
});
afterAll(() => repo.cleanup());

describe('log, streamed', () => {
  it('writes JSON byte-identical to the whole report of before, and valid', async () => {
    const run = repo.run(['log', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const expected = await whole('json');
    // The history holds what the report shows: journal entries, tree and trailer items, a revert, a sanitised subject.
    expect(expected).toContain('"status": "step 1500 — done"');
    expect(expected).toContain('"text": "keep step 9"');
    expect(expected).toContain('"status": "withdrawn"');
    expect(expected).toContain('"text": "plan 1"');
    expect(expected).toContain('with red');
    expect(run.stdout).toBe(expected);
    const parsed = JSON.parse(run.stdout) as { commits: unknown[] };
    expect(parsed.commits).toHaveLength(COMMITS);
    expect(JSON.stringify(parsed, null, 2) + '\n').toBe(run.stdout);
  });

  it('writes markdown and path-filtered JSON identical to the whole report of before', async () => {
    expect(repo.run(['log']).stdout).toBe(await whole('md'));
    expect(repo.run(['log', '--format', 'json', '--', 'src/f3.txt']).stdout).toBe(await whole('json', ['src/f3.txt']));
  });

  it('writes a large output completely to a pipe read slowly', async () => {
    const expected = repo.run(['log', '--format', 'json']).stdout;
    expect(expected.length).toBeGreaterThan(512 * 1024);
    const child = spawn('node', [BIN, 'log', '--format', 'json'], { cwd: repo.dir, env: repo.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const chunks: Buffer[] = [];
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Takes a piece every few ms: the pipe stays full and the writer must wait for room.
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      await new Promise((r) => setTimeout(r, 3));
    }
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.length).toBe(expected.length);
    expect(text).toBe(expected);
  });

  it('stops quietly when the reader goes away', async () => {
    const { stderr, code } = await leaveAfterFirstPiece(repo, ['log', '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
