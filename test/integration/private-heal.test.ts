import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { perCloneConfig } from '../../src/core/clone/config.js';
import { tempRepo, type TempRepo } from '../helpers/repo.js';
import { PRIVATE_SESSION } from '../helpers/session-repo.js';
import { gitNoTty, residue } from './commit-setup.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const SESSION = PRIVATE_SESSION;
const PRIVATE = /salary|CTO/;

/** A repository after `init` and a first commit, whose clone config was then removed (as in a clone that never ran setup). */
function cloneWithoutConfig(): TempRepo {
  const r = tempRepo();
  r.write('SESSION.md', SESSION);
  expect(r.run(['init']).code).toBe(0);
  r.git(['add', '-A']);
  expect(gitNoTty(r, ['commit', '-q', '-m', 'init']).code).toBe(0);
  for (const section of ['filter.git-session-private', 'merge.git-session', 'merge.git-session-journal']) r.git(['config', '--remove-section', section]);
  return r;
}

function ourLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('git-session:'));
}

function cloneConfig(r: TempRepo): Record<string, string | undefined> {
  return Object.fromEntries(Object.keys(perCloneConfig()).map((key) => [key, r.git(['config', '--get', key], { allowFail: true }).stdout.replace(/\n$/, '') || undefined]));
}

describe('a clone whose config lacks the private filter, committed through the hooks', () => {
  it('gets the config back, and the commit holds no private text while the work tree keeps it', () => {
    repo = cloneWithoutConfig();
    const r = repo;
    const lacks = /lacks git-session's merge drivers and private filter.*Fix: (run )?`[^`]* setup`/;
    expect(r.run(['status']).stdout).toMatch(lacks);
    expect(JSON.parse(r.run(['status', '--json']).stdout).cloneConfigured).toBe(false);
    expect(r.run(['context']).stdout).toMatch(lacks);
    const text = SESSION.replace('Ship retries.', 'Ship retries soon.');
    r.write('SESSION.md', text);
    // Staged without a filter: the index holds the private text.
    r.git(['add', 'SESSION.md']);
    expect(r.git(['show', ':SESSION.md']).stdout).toMatch(PRIVATE);

    const c = gitNoTty(r, ['commit', '-q', '-m', 'Sooner']);
    expect(c.code, c.stderr).toBe(0);
    const committed = r.git(['show', 'HEAD:SESSION.md']).stdout;
    expect(committed).not.toMatch(PRIVATE);
    expect(committed).toContain('Ship retries soon.');
    expect(r.read('SESSION.md')).toBe(text);
    expect(cloneConfig(r)).toEqual(perCloneConfig());
    const lines = ourLines(c.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('git session setup');
    expect(residue(r)).toBe('');

    expect(JSON.parse(r.run(['status', '--json']).stdout).cloneConfigured).toBe(true);
    expect(r.run(['status']).stdout).not.toMatch(/lacks/);
    expect(r.run(['context']).stdout).not.toMatch(/lacks/);

    // Healed: the next commit says nothing about it.
    r.write('src.txt', 'x\n');
    r.git(['add', 'src.txt']);
    const next = gitNoTty(r, ['commit', '-q', '-m', 'More']);
    expect(ourLines(next.stderr)).toEqual([]);
  });

  it('commit -a, with the unstaged rest of a partly staged file left unstaged', () => {
    repo = cloneWithoutConfig();
    const r = repo;
    r.write('SESSION.md', SESSION.replace('Ship retries.', 'Ship retries soon.'));
    const a = gitNoTty(r, ['commit', '-q', '-a', '-m', 'Sooner']);
    expect(a.code, a.stderr).toBe(0);
    expect(r.git(['show', 'HEAD:SESSION.md']).stdout).not.toMatch(PRIVATE);
    expect(r.git(['show', 'HEAD:SESSION.md']).stdout).toContain('Ship retries soon.');

    for (const section of ['filter.git-session-private']) r.git(['config', '--remove-section', section]);
    r.write('SESSION.md', SESSION.replace('Ship retries.', 'Ship retries today.'));
    r.git(['add', 'SESSION.md']);
    const worktree = SESSION.replace('Ship retries.', 'Ship retries today.').replace('## Private\n', '## Private\n- and the offsite\n');
    r.write('SESSION.md', worktree);
    const c = gitNoTty(r, ['commit', '-q', '-m', 'Today']);
    expect(c.code, c.stderr).toBe(0);
    const committed = r.git(['show', 'HEAD:SESSION.md']).stdout;
    expect(committed).toContain('Ship retries today.');
    expect(committed).not.toMatch(/salary|CTO|offsite/);
    expect(r.read('SESSION.md')).toBe(worktree);
    expect(r.git(['show', ':SESSION.md']).stdout).not.toMatch(PRIVATE);
  });

  it('commit <paths> and --amend: neither the commit nor the real index keeps the private text', () => {
    repo = cloneWithoutConfig();
    const r = repo;
    r.write('SESSION.md', SESSION.replace('Ship retries.', 'Ship retries soon.'));
    const c = gitNoTty(r, ['commit', '-q', '-m', 'Sooner', '--', 'SESSION.md']);
    expect(c.code, c.stderr).toBe(0);
    expect(r.git(['show', 'HEAD:SESSION.md']).stdout).not.toMatch(PRIVATE);
    expect(r.git(['show', ':SESSION.md']).stdout).not.toMatch(PRIVATE);
    expect(residue(r)).toBe('');

    r.git(['config', '--remove-section', 'filter.git-session-private']);
    r.write('SESSION.md', SESSION.replace('Ship retries.', 'Ship retries today.'));
    r.git(['add', 'SESSION.md']);
    const a = gitNoTty(r, ['commit', '-q', '--amend', '--no-edit']);
    expect(a.code, a.stderr).toBe(0);
    expect(r.git(['show', 'HEAD:SESSION.md']).stdout).toContain('Ship retries today.');
    expect(r.git(['show', 'HEAD:SESSION.md']).stdout).not.toMatch(PRIVATE);
    expect(r.read('SESSION.md')).toMatch(PRIVATE);
    expect(residue(r)).toBe('');
  });

  it('when the config cannot be written: refused if private text is staged, through with one line otherwise', () => {
    repo = cloneWithoutConfig();
    const r = repo;
    // Another git process holds the config lock: every git config write fails.
    writeFileSync(join(r.dir, '.git', 'config.lock'), '');
    r.write('SESSION.md', SESSION.replace('Ship retries.', 'Ship retries soon.'));
    r.git(['add', 'SESSION.md']);
    const head = r.git(['rev-parse', 'HEAD']).stdout;
    const refused = gitNoTty(r, ['commit', '-q', '-m', 'Sooner']);
    expect(refused.code).not.toBe(0);
    expect(r.git(['rev-parse', 'HEAD']).stdout).toBe(head);
    const lines = ourLines(refused.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/refused.*private text.*git session setup/);

    r.git(['reset', '-q']);
    r.git(['checkout', '--', 'SESSION.md']);
    r.write('src.txt', 'x\n');
    r.git(['add', 'src.txt']);
    const through = gitNoTty(r, ['commit', '-q', '-m', 'Code']);
    expect(through.code, through.stderr).toBe(0);
    expect(ourLines(through.stderr)).toHaveLength(1);
    expect(ourLines(through.stderr)[0]).toContain('git session setup');
  });
});

/**
 * A repository after init and a first commit (its .gitattributes as `attributes` makes
 * it), whose session file was then renamed NOTES.md in .gitsession, everything staged.
 */
function renamedSessionFile(attributes: (text: string) => string = (text) => text): TempRepo {
  const r = tempRepo();
  r.write('SESSION.md', SESSION);
  expect(r.run(['init']).code).toBe(0);
  r.write('.gitattributes', attributes(r.read('.gitattributes')));
  r.git(['add', '-A']);
  expect(gitNoTty(r, ['commit', '-q', '-m', 'init']).code).toBe(0);
  r.git(['mv', 'SESSION.md', 'NOTES.md']);
  r.git(['config', '-f', '.gitsession', 'session.file', 'NOTES.md']);
  r.git(['add', '-A']);
  return r;
}

describe('a session file renamed in .gitsession while .gitattributes names the old one', () => {
  it('refuses a commit of its private text, notes one without, and init points the filter at it', () => {
    const r = (repo = renamedSessionFile());
    // The work tree's private text, staged under the new name without a filter.
    const refused = gitNoTty(r, ['commit', '-q', '-m', 'Rename']);
    expect(refused.code).not.toBe(0);
    expect(ourLines(refused.stderr)).toEqual([expect.stringContaining('commit refused: NOTES.md holds private text')]);
    expect(r.git(['log', '-1', '--format=%s']).stdout.trim()).toBe('init');
    expect(JSON.parse(r.run(['status', '--json']).stdout).privateFilterApplies).toBe(false);
    expect(r.run(['status']).stdout).toMatch(/Private filter: .*NOTES\.md.*Fix: run `[^`]* init`/);

    // Without private text the commit goes through, and says what is missing.
    const kept = r.read('NOTES.md');
    r.write('NOTES.md', '# Session\n\n## Goal\nShip retries.\n');
    r.git(['add', '-A']);
    const moved = gitNoTty(r, ['commit', '-q', '-m', 'Rename']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(ourLines(moved.stderr).join('\n')).toContain('.gitattributes gives NOTES.md no private filter');
    r.write('NOTES.md', kept);

    expect(r.run(['init']).code).toBe(0);
    expect(JSON.parse(r.run(['status', '--json']).stdout).privateFilterApplies).toBe(true);
    r.git(['add', '-A']);
    const c = gitNoTty(r, ['commit', '-q', '-m', 'Notes']);
    expect(ourLines(c.stderr).join('\n')).not.toContain('no private filter');
    expect(c.code, c.stderr).toBe(0);
    expect(r.git(['show', 'HEAD:NOTES.md']).stdout).not.toMatch(PRIVATE);
    expect(r.read('NOTES.md')).toMatch(PRIVATE);
  });

  it('a session file the attributes cover by a pattern of their own is filtered, and says nothing', () => {
    // The person's own shape: a pattern git matches, not the line init writes.
    const r = (repo = renamedSessionFile((text) => text.replace(/^\/SESSION\.md /m, '*.md ')));
    const c = gitNoTty(r, ['commit', '-q', '-m', 'Rename']);
    expect(c.code, c.stderr).toBe(0);
    expect(ourLines(c.stderr).join('\n')).not.toContain('no private filter');
    expect(r.git(['show', 'HEAD:NOTES.md']).stdout).not.toMatch(PRIVATE);
    expect(JSON.parse(r.run(['status', '--json']).stdout).privateFilterApplies).toBe(true);
  });
});
