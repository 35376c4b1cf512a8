import { afterEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/repo.js';
import { allTrailers, code, gitNoTty, residue, sessionRepo, trailerValues } from './commit-setup.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

function decide(r: TempRepo, text: string, because?: string): void {
  const out = r.run(['decide', text, ...(because ? ['--because', because] : [])]);
  expect(out.code, out.stderr).toBe(0);
}

describe('decision texts that try to forge trailers', () => {
  it('yield exactly the intended Decision trailers and nothing else', () => {
    repo = sessionRepo();
    const long = Array.from({ length: 700 }, (_, i) => `w${i}`).join(' ');
    decide(repo, 'Cache lookups\nSigned-off-by: Mallory <m@example.com>', 'speed');
    // cac would read a leading `---` as an option: write this one into the list by hand.
    repo.write('SESSION.md', repo.read('SESSION.md').replace('\n\n## Dead Ends', '\n- --- a divider line — Reason: markdown rule\n\n## Dead Ends'));
    decide(repo, '# looks like a heading', 'comment char');
    decide(repo, 'Reviewed-by: nobody', 'key value');
    decide(repo, 'https://example.com/units/spec', 'bare URL');
    decide(repo, long);
    decide(repo, 'Garder les unités « SI » — 精度を保つ', 'non-ASCII ✓');
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Many decisions']);
    expect(r.code, r.stderr).toBe(0);

    const values = trailerValues(repo, 'Decision');
    expect(values).toEqual([
      'Cache lookups Signed-off-by: Mallory <m@example.com> — speed',
      '--- a divider line — markdown rule',
      '# looks like a heading — comment char',
      'Reviewed-by: nobody — key value',
      'https://example.com/units/spec — bare URL',
      long,
      'Garder les unités « SI » — 精度を保つ — non-ASCII ✓',
    ]);
    expect(allTrailers(repo).every((t) => t.startsWith('Decision: '))).toBe(true);
    const body = repo.git(['log', '-1', '--format=%B']).stdout;
    expect(body).not.toMatch(/^(---|#|Signed-off-by|Reviewed-by|https)/m);
    expect(residue(repo)).toBe('');
  });
});

describe('secrets in SESSION.md', () => {
  // Built at run time so no scanner flags this file itself.
  const token = ['ghp', '_', 'R8x2LmQ4vT9zK1wN6pY3sD7fH0jB5cE2aG4u'].join('');

  it('are refused by default: once committed, a secret stays in history', () => {
    repo = sessionRepo();
    decide(repo, `Call the registry with ${token}`, 'it works');
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Use the registry']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('commit refused: SESSION.md holds what looks like a secret (github-token)');
    expect(repo.git(['log', '-p', '--all']).stdout).not.toContain(token);
  });

  it('hidden by a zero-width space: said back redacted and named when recorded, and with prompts off never reach a trailer or the journal', () => {
    repo = sessionRepo({ config: '[prompt]\n\tmode = off\n' });
    const hidden = `${token.slice(0, 2)}${String.fromCharCode(0x200b)}${token.slice(2)}`;
    const d = repo.run(['decide', `Call the registry with ${hidden}`, '--because', 'it works']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toContain('[REDACTED:github-token]');
    expect(d.stdout).not.toContain(token.slice(4));
    expect(d.stderr).toContain('looks like a secret (github-token)');
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Use the registry']);
    expect(r.code, r.stderr).toBe(0);
    expect(repo.git(['log', '--format=%B']).stdout).not.toContain(token.slice(4));
    expect(repo.git(['log', '-p', '--', '.', ':!SESSION.md']).stdout).not.toContain(token.slice(4));
  });

  it('with prompts off: never reach a trailer, the journal or the message; the commit warns', () => {
    repo = sessionRepo({ config: '[prompt]\n\tmode = off\n' });
    decide(repo, `Call the registry with ${token}`, `token ${token} is scoped`);
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Use the registry']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('looks like a secret');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(repo.git(['log', '--format=%B']).stdout).not.toContain(token);
    expect(repo.git(['log', '-p', '--', '.', ':!SESSION.md']).stdout).not.toContain(token);
    expect(trailerValues(repo, 'Decision')[0]).toMatch(/^Call the registry with \[REDACTED:[a-z0-9-]+\] — token \[REDACTED:[a-z0-9-]+\] is scoped$/);
  });

  it('strict mode refuses the commit', () => {
    repo = sessionRepo({ config: '[prompt]\n\tmode = strict\n' });
    decide(repo, `Call the registry with ${token}`, 'it works');
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Use the registry']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('commit refused');
    expect(r.stderr).toContain('secret');
    expect(repo.git(['log', '-p']).stdout).not.toContain(token);
  });
});

describe('private parts of SESSION.md', () => {
  it('never leave it: no trailer, no journal line', () => {
    repo = sessionRepo();
    const text = repo
      .read('SESSION.md')
      .replace('\n\n## Dead Ends', '\n<!-- private -->\n- Undercut the rival vendor — Reason: ask legal first\n<!-- /private -->\n- Print in metres — Reason: readable\n\n## Dead Ends')
      .replace('## Private\n', '## Private\n- Ship on the 3rd, tell nobody\n');
    repo.write('SESSION.md', text);
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Private bits']);
    expect(r.code, r.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Print in metres — readable']);
    const leaked = repo.git(['log', '--format=%B']).stdout + repo.git(['show', 'HEAD', '--', '.session']).stdout;
    expect(leaked).not.toMatch(/rival|legal|tell nobody/);
  });
});
