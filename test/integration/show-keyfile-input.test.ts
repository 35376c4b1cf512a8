import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const SESSION = '# Session\n\n## Goal\nShip.\n\n## Key Files\n';

function withSession(): TempRepo {
  const r = tempRepo();
  r.write('SESSION.md', SESSION);
  r.git(['add', '.']);
  r.git(['commit', '-q', '-m', 'session']);
  return r;
}

describe('show --at that names nothing', () => {
  it.each(['mian', 'HEAD~50', 'deadbeef', 'main^^^^^'])('fails with exit 7 for %s', (at) => {
    repo = withSession();
    const r = repo.run(['show', '--at', at]);
    expect(r.code).toBe(7);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`"${at}"`);
  });

  it('still shows a revision and a date', () => {
    repo = withSession();
    expect(repo.run(['show', '--at', 'main']).code).toBe(0);
    expect(repo.run(['show', '--at', 'HEAD~1']).code).toBe(4);
    expect(repo.run(['show', '--at', '2099-01-01']).code).toBe(0);
  });
});

describe('key-file paths', () => {
  it('records a path given from a subfolder relative to the repository root', () => {
    repo = withSession();
    repo.write('src/deep/x.ts', '');
    repo.write('src/y.ts', '');
    const r = repo.run(['key-file', 'x.ts', 'the entry'], { cwd: join(repo.dir, 'src/deep') });
    expect(r.code, r.stderr).toBe(0);
    expect(repo.read('SESSION.md')).toContain('- `src/deep/x.ts` — the entry\n');
    expect(repo.run(['key-file', '../y.ts'], { cwd: join(repo.dir, 'src/deep') }).code).toBe(0);
    expect(repo.read('SESSION.md')).toContain('- `src/y.ts`\n');
  });

  it('records a file whose name only starts with two dots', () => {
    repo = withSession();
    repo.write('..notes.md', '');
    const r = repo.run(['key-file', '..notes.md', 'scratch notes']);
    expect(r.code, r.stderr).toBe(0);
    expect(repo.read('SESSION.md')).toContain('- `..notes.md` — scratch notes\n');
  });

  it.each(['/etc/passwd', '../../x', '.git/config', '../'])('refuses %s with exit 2 and writes nothing', (path) => {
    repo = withSession();
    const r = repo.run(['key-file', '--', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/outside the repository|inside \.git|repository root/);
    expect(repo.read('SESSION.md')).toBe(SESSION);
  });

  it('refuses a path that names nothing in the work tree, with exit 2, naming it', () => {
    repo = withSession();
    mkdirSync(join(repo.dir, 'sub dir'));
    repo.write('src.js', '');
    const r = repo.run(['key-file', 'src.js'], { cwd: join(repo.dir, 'sub dir') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the key file "src.js" (read as sub dir/src.js from the repository root) does not exist in the work tree.');
    expect(r.stderr).toContain('record a planned file once it is written');
    expect(repo.read('SESSION.md')).toBe(SESSION);
    // A folder, and a link whose target is gone, are things of the work tree.
    expect(repo.run(['key-file', 'sub dir']).code).toBe(0);
    symlinkSync('gone.js', join(repo.dir, 'dangling.js'));
    expect(repo.run(['key-file', 'dangling.js']).code).toBe(0);
  });
});
