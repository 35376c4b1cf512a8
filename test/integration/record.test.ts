import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const TEMPLATE = readFileSync(join(__dirname, '../../templates/SESSION.md'), 'utf8');

function withSession(text = TEMPLATE): TempRepo {
  const r = tempRepo();
  r.write('SESSION.md', text);
  r.git(['add', 'SESSION.md']);
  r.git(['commit', '-q', '-m', 'session']);
  return r;
}

/** The added and removed lines of `git diff` for SESSION.md. */
function diffLines(r: TempRepo): { added: string[]; removed: string[] } {
  const out = r.git(['diff', '--no-color', '-U0', '--', 'SESSION.md']).stdout.split('\n');
  const body = out.filter((l) => !l.startsWith('+++') && !l.startsWith('---'));
  return {
    added: body.filter((l) => l.startsWith('+')).map((l) => l.slice(1)),
    removed: body.filter((l) => l.startsWith('-')).map((l) => l.slice(1)),
  };
}

describe('recording into SESSION.md', () => {
  it('decide adds exactly one line under Decisions', () => {
    repo = withSession();
    const r = repo.run(['decide', 'Use SQLite for the queue', '--because', 'one file, no server']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Recorded decision in SESSION.md: Use SQLite for the queue — Reason: one file, no server\n');
    expect(r.stderr).toBe('');
    expect(diffLines(repo)).toEqual({ added: ['- Use SQLite for the queue — Reason: one file, no server'], removed: [] });
    expect(repo.read('SESSION.md')).toMatch(/## Decisions\n<!--.*-->\n- Use SQLite/);
  });

  it('decide without --because records it and nudges on stderr', () => {
    repo = withSession();
    const r = repo.run(['decide', 'Ship on Fridays']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('add --because to say why');
    expect(diffLines(repo).added).toEqual(['- Ship on Fridays']);
  });

  it('keeps --because exactly as typed, and an empty one records no reason', () => {
    repo = withSession();
    expect(repo.run(['decide', 'Pin the parser', '--because', '0x10']).stdout).toContain('Reason: 0x10');
    expect(repo.run(['decide', 'Pin the writer', '--because=007']).stdout).toContain('Reason: 007');
    const empty = repo.run(['decide', 'Pin the hooks', '--because', '']);
    expect(empty.code).toBe(0);
    expect(empty.stderr).toContain('add --because');
    expect(diffLines(repo).added).toEqual([
      '- Pin the parser — Reason: 0x10',
      '- Pin the writer — Reason: 007',
      '- Pin the hooks',
    ]);
    expect(repo.run(['decide', 'Pin the docs', '--because']).code).toBe(2);
  });

  it('records a decision, a dead end or a key file only once', () => {
    repo = withSession();
    repo.run(['decide', 'Use SQLite', '--because', 'one file']);
    repo.run(['dead-end', 'Polling', '--because', 'rate limits']);
    repo.write('src/db.ts', '');
    repo.run(['key-file', 'src/db.ts', 'the store']);
    const before = repo.read('SESSION.md');
    const again = repo.run(['decide', 'use sqlite', '--because', 'still one file']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('Already recorded in SESSION.md: use sqlite\n');
    expect(repo.run(['dead-end', 'Polling']).stdout).toContain('Already recorded');
    expect(repo.run(['key-file', 'src/db.ts']).stdout).toContain('Already recorded');
    expect(repo.read('SESSION.md')).toBe(before);
  });

  it('records a text holding terminal control once, and says back what the file holds', () => {
    repo = withSession();
    const given = 'Use \x1b[1mbold\x1b[0m\u202eheadings';
    const first = repo.run(['decide', given, '--because', 'easier \x1b[2mto\x1b[0m scan']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toBe('Recorded decision in SESSION.md: Use bold headings — Reason: easier to scan\n');
    expect(diffLines(repo).added).toEqual(['- Use bold headings — Reason: easier to scan']);
    const again = repo.run(['decide', given]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('Already recorded in SESSION.md: Use bold headings\n');
    expect(diffLines(repo).added).toEqual(['- Use bold headings — Reason: easier to scan']);
  });

  it('takes text that starts with "-" after --, and a reason that does as --because=', () => {
    repo = withSession();
    const decided = repo.run(['decide', '--because=-0 and 0 differ', '--', '-0 stays a distinct value']);
    expect(decided.code, decided.stderr).toBe(0);
    expect(repo.run(['dead-end', '--', '--force on every push']).code).toBe(0);
    expect(repo.run(['set-status', '--', '-2 tests left']).code).toBe(0);
    repo.write('-odd-name.ts', '');
    repo.write('src/plain.ts', '');
    expect(repo.run(['key-file', '--', '-odd-name.ts', '-why: starts with a dash']).code).toBe(0);
    expect(repo.run(['key-file', 'src/plain.ts', '--', '-because it is plain']).code).toBe(0);
    const status = JSON.parse(repo.run(['status', '--json']).stdout);
    expect(status.status).toBe('-2 tests left');
    const text = repo.read('SESSION.md');
    expect(text).toContain('- \\-0 stays a distinct value — Reason: \\-0 and 0 differ');
    expect(text).toContain('- \\--force on every push');
    expect(text).toContain('- `-odd-name.ts` — \\-why\\: starts with a dash');
    expect(text).toContain('- `src/plain.ts` — \\-because it is plain');
    const missing = repo.run(['decide', '--']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing <text>');
    const bare = repo.run(['decide', '-x']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('goes after `--`');
    // A reason that starts with "-" and holds an h and a v: not read as -h and -v (help, exit 0).
    const before = repo.read('SESSION.md');
    const reason = repo.run(['decide', 'Cache it', '--because', '-c over the whole tree was slow']);
    expect([reason.code, reason.stdout]).toEqual([2, '']);
    expect(reason.stderr).toContain('"-c over the whole tree was slow" starts with "-", so it would be read as options.');
    expect(reason.stderr).toContain('--because="-x"');
    expect(repo.read('SESSION.md')).toBe(before);
    expect(repo.run(['decide', '--help']).stdout).toContain('git session decide --because="-0 and 0 differ" -- "-0 stays a distinct value"');
  });

  it('finds an entry again whatever the file escapes, and tells key files apart by case', () => {
    repo = withSession();
    expect(repo.run(['decide', '#1 choice: plain files']).code).toBe(0);
    expect(repo.run(['decide', '#1 choice: plain files']).stdout).toContain('Already recorded');
    repo.write('src/a.ts', '');
    repo.write('src/A.ts', '');
    expect(repo.run(['key-file', 'src/a.ts']).code).toBe(0);
    expect(repo.run(['key-file', 'src/A.ts']).stdout).toContain('Recorded key file');
    expect(diffLines(repo).added).toEqual(['- \\#1 choice: plain files', '- `src/a.ts`', '- `src/A.ts`']);
  });

  it('does not nudge when the text already gives a reason', () => {
    repo = withSession();
    const r = repo.run(['dead-end', 'Polling the API because of rate limits']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(diffLines(repo).added).toEqual(['- Polling the API because of rate limits']);
  });

  it('set-status never wipes a long hand-kept status, and says what it kept', () => {
    const long = '# S\n\n## Status\n- Phase: 2 of 4\n- Branch: `feature/p2`\n- Tests: all pass\n- Blockers: none\n\n## Next Steps\n- [ ] p3\n';
    repo = withSession(long);
    const r = repo.run(['set-status', 'Phase 3 started']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('other 4 lines stayed below the new one');
    expect(diffLines(repo)).toEqual({ added: ['Phase 3 started', ''], removed: [] });
    const again = repo.run(['set-status', 'Phase 3 half done']);
    expect(again.stderr).toContain('other 5 lines');
    expect(diffLines(repo)).toEqual({ added: ['Phase 3 half done', ''], removed: [] });
  });

  it('works from a subfolder and writes the file at the repository root', () => {
    repo = withSession();
    repo.write('src/deep/x.txt', 'x\n');
    const r = repo.run(['dead-end', 'Polling the API', '--because', 'rate limits'], { cwd: join(repo.dir, 'src/deep') });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('SESSION.md');
    expect(diffLines(repo).added).toEqual(['- Polling the API — Reason: rate limits']);
  });

  it('set-status replaces the status text and key-file adds a path', () => {
    repo = withSession();
    expect(repo.run(['set-status', 'Parser done, writer next']).code).toBe(0);
    repo.write('src/core/parse.ts', '');
    expect(repo.run(['key-file', 'src/core/parse.ts', 'the only parser']).code).toBe(0);
    expect(diffLines(repo)).toEqual({ added: ['Parser done, writer next', '- `src/core/parse.ts` — the only parser'], removed: [] });
    expect(repo.run(['set-status', 'Writer done']).code).toBe(0);
    expect(diffLines(repo).added).toContain('Writer done');
    expect(repo.read('SESSION.md')).not.toContain('Parser done');
  });

  it('keeps a CRLF file CRLF', () => {
    repo = withSession(TEMPLATE.replace(/\n/g, '\r\n'));
    expect(repo.run(['decide', 'Keep CRLF', '--because', 'the team uses Windows']).code).toBe(0);
    const text = repo.read('SESSION.md');
    expect(text).toContain('- Keep CRLF — Reason: the team uses Windows\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(diffLines(repo).removed).toEqual([]);
  });

  it('refuses empty text with exit 2', () => {
    repo = withSession();
    const r = repo.run(['decide', '   ']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('decision is empty');
    expect(diffLines(repo).added).toEqual([]);
  });

  it('honours session.file from .gitsession', () => {
    repo = tempRepo();
    repo.write('.gitsession', '[session]\n\tfile = docs/NOTES.md\n');
    repo.write('docs/NOTES.md', '# Notes\n\n## Decisions\n');
    const r = repo.run(['decide', 'Docs live in docs/']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('docs/NOTES.md');
    expect(repo.read('docs/NOTES.md')).toBe('# Notes\n\n## Decisions\n- Docs live in docs/\n');
  });
});

describe('recorded text reads back as typed', () => {
  it('keeps reasons, markers and backslashes, and context lists each decision once', () => {
    repo = withSession();
    const cases: [string, string][] = [
      ['Pin the parser', 'because of the rate limit'],
      ['Add a why: section to the PR template', 'reviewers ask for it'],
      ['Escape dots as \\. in the host regex', 'a dot matches anything'],
      ['Quote `C:\\\\Users` in paths', 'Windows'],
    ];
    for (const [what, why] of cases) expect(repo.run(['decide', what, '--because', why]).code).toBe(0);
    const json = JSON.parse(repo.run(['context', '--format', 'json']).stdout);
    const decisions = (json.decisions as { text: string; reason: string }[]).map((d) => [d.text, d.reason]);
    expect(decisions.reverse()).toEqual(cases);
    repo.git(['commit', '-q', '-am', 'decisions']);
    const after = JSON.parse(repo.run(['context', '--format', 'json']).stdout);
    expect(after.decisions).toHaveLength(cases.length);
  });
});
