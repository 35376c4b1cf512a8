import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

describe('git session checkpoint', () => {
  it('appends an entry, leaves it uncommitted, and the next commit carries it', () => {
    repo = tempRepo();
    repo.write('SESSION.md', '# Session\n\n## Goal\nFaster search.\n\n## Status\nIndex built.\n');
    repo.write('lib/search.js', 'a\nb\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'search']);
    repo.write('lib/search.js', 'a\nc\nd\n');
    repo.write('lib/new.js', 'one\ntwo\nthree\n');

    const first = repo.run(['checkpoint']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Checkpoint written to \.session\/journal\/\d{4}-W\d{2}\.md/);
    const [name] = readdirSync(join(repo.dir, '.session/journal'));
    const path = `.session/journal/${name}`;
    const text = repo.read(path);
    expect(text).toMatch(/^### \d{4}-\d{2}-\d{2} \d{2}:\d{2} \+00:00 · checkpoint · main · Ada Tester <ada@example.com>\n/);
    expect(text).toContain('- Goal: Faster search.\n- Status: Index built.\n- Files:\n');
    expect(text).toContain('  - lib/search.js (+2 -1)\n');
    expect(text).toContain('  - lib/new.js (+3 -0)\n');
    expect(repo.git(['status', '--porcelain']).stdout).toContain(`?? .session/`);

    const second = repo.run(['checkpoint']);
    expect(second.code).toBe(0);
    const both = repo.read(path);
    expect(both.startsWith(text)).toBe(true);
    expect(both.match(/· checkpoint ·/g)).toHaveLength(2);
    // A blank line parts the two entries; the file ends with one newline (git diff --check).
    expect(both).toContain('(+3 -0)\n\n### ');
    expect(both).toMatch(/- Since previous entry: \d+m\n$/);

    // With the hooks installed and only the code staged, the commit brings the journal along.
    expect(repo.run(['init']).code).toBe(0);
    repo.git(['add', 'lib/search.js']);
    repo.git(['commit', '-q', '-m', 'more search']);
    expect(repo.git(['show', '--name-only', '--format=', 'HEAD']).stdout).toContain(path);
    const committed = repo.git(['show', `HEAD:${path}`]).stdout;
    expect(committed.startsWith(both)).toBe(true);
    expect(committed.match(/· checkpoint ·/g)).toHaveLength(2);
  });

  it('writes the public, redacted goal and status: no private region, no secret', () => {
    repo = tempRepo();
    // Built at run time so no scanner flags this file itself.
    const key = ['AKIA', 'QX3RT7', 'EXAMPLE7Z2'].join('');
    repo.write(
      'SESSION.md',
      `# Session\n\n## Goal\nShip the uploader.\n\n## Status\nUploads work with ${key}.\n<!-- private -->\nAsk Lee about the budget.\n<!-- /private -->\nRetries next.\n`,
    );
    const r = repo.run(['checkpoint']);
    expect(r.code).toBe(0);
    const [name] = readdirSync(join(repo.dir, '.session/journal'));
    const text = repo.read(`.session/journal/${name}`);
    expect(text).toContain('- Goal: Ship the uploader.\n');
    expect(text).toMatch(/- Status: Uploads work with \[REDACTED:aws-access-key\]\. Retries next\.\n/);
    expect(text).not.toContain(key);
    expect(text).not.toContain('Lee');
    expect(r.stdout).not.toContain(key);
    expect(text).toMatch(/ · checkpoint · main · /);
  });

  it('refuses with a fix when the journal is turned off', () => {
    repo = tempRepo();
    repo.write('.gitsession', '[journal]\n\tenabled = false\n');
    const r = repo.run(['checkpoint']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('.gitsession: journal.enabled is false');
    expect(r.stderr).toContain('journal.enabled = true');
  });

  it('fails outside a repository with exit 3', () => {
    repo = tempRepo();
    expect(repo.run(['checkpoint'], { cwd: repo.home }).code).toBe(3);
  });

  it('redacts a token in the branch, the author and a file name, an escape sequence inside it too', () => {
    repo = tempRepo();
    // Built at run time so no scanner flags this file itself.
    const gh = ['ghp_', 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A'].join('');
    const aws = ['AKIA', 'Z7QW3RT5YU2PLM4N'].join('');
    repo.write('SESSION.md', '# Session\n\n## Goal\nShip.\n');
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'start']);
    repo.git(['checkout', '-q', '-b', `b-${gh}`]);
    repo.write(`k-${aws.slice(0, 8)}\u001b[31m${aws.slice(8)}.txt`, 'x\n');
    const out = repo.run(['checkpoint'], { env: { GIT_AUTHOR_NAME: `Mal ${gh}` } });
    expect(out.code, out.stderr).toBe(0);
    const dir = join(repo.dir, '.session', 'journal');
    const entry = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    expect(entry).not.toContain(gh);
    expect(entry).not.toContain(aws);
    expect(entry).not.toContain('\u001b');
    expect(entry).toContain('[REDACTED:');
  });
});
