import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TempRepo } from '../helpers/repo.js';
import { allTrailers, code, gitNoTty, journalFilesIn, residue, sessionRepo, trailerValues } from './commit-setup.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

function decideAndStage(r: TempRepo, what = 'Use tabs', why = 'style=house'): void {
  r.run(['decide', what, '--because', why]);
  r.write('src/convert.js', code(3));
  r.git(['add', '-A']);
}

describe("git's settings that change message text", () => {
  it('trailer.separators = "=": the trailer is still Key: value, whole', () => {
    repo = sessionRepo();
    repo.git(['config', 'trailer.separators', '=']);
    decideAndStage(repo);
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'Tabs']).code).toBe(0);
    const body = repo.git(['log', '-1', '--format=%B']).stdout;
    expect(body).toContain('Decision: Use tabs — style=house\n');
    expect(body).not.toContain('style=house=');
  });

  it('commit --amend -s keeps one Signed-off-by, after our trailers', () => {
    repo = sessionRepo();
    decideAndStage(repo);
    expect(gitNoTty(repo, ['commit', '-q', '-s', '-m', 'Tabs']).code).toBe(0);
    expect(gitNoTty(repo, ['commit', '-q', '--amend', '-s', '--no-edit']).code).toBe(0);
    expect(allTrailers(repo)).toEqual(['Decision: Use tabs — style=house', 'Signed-off-by: Ada Tester <ada@example.com>']);
  });

  it.each([';', '#'])('core.commentChar %s: a subject typed in the editor stays apart from the trailers', (char) => {
    repo = sessionRepo();
    repo.git(['config', 'core.commentChar', char]);
    decideAndStage(repo);
    const r = gitNoTty(repo, ['commit', '-q'], { GIT_EDITOR: "sed -i '1s/^/Use tabs/'" });
    expect(r.code, r.stderr).toBe(0);
    expect(repo.git(['log', '-1', '--format=%s']).stdout.trim()).toBe('Use tabs');
    expect(trailerValues(repo, 'Decision')).toEqual(['Use tabs — style=house']);
  });

  it('an unedited commit.template still aborts the commit, as git alone would', () => {
    repo = sessionRepo();
    writeFileSync(join(repo.home, 'template'), 'feat: <what>\n\nWhy: <why>\n');
    repo.git(['config', 'commit.template', join(repo.home, 'template')]);
    decideAndStage(repo);
    const head = repo.git(['rev-parse', 'HEAD']).stdout;
    const r = gitNoTty(repo, ['commit', '-q'], { GIT_EDITOR: 'true' });
    expect(r.code).not.toBe(0);
    expect(repo.git(['rev-parse', 'HEAD']).stdout).toBe(head);
    // Edited, it goes through with the trailers.
    const edited = gitNoTty(repo, ['commit', '-q'], { GIT_EDITOR: "sed -i '1s/.*/feat: tabs/'" });
    expect(edited.code, edited.stderr).toBe(0);
    expect(trailerValues(repo, 'Decision')).toEqual(['Use tabs — style=house']);
  });
  it.each([[['-m', 'Café units']], [[]]])('i18n.commitEncoding=latin1: the trailers are in the message\'s encoding (%o)', (how) => {
    repo = sessionRepo();
    repo.git(['config', 'i18n.commitEncoding', 'latin1']);
    decideAndStage(repo, 'Prefer the café rounding', 'it is exact');
    const editor = how.length === 0 ? { GIT_EDITOR: "sed -i '1s/^/Caf\\xe9 units/'" } : {};
    const r = gitNoTty(repo, ['commit', '-q', ...how], editor);
    expect(r.code, r.stderr).toBe(0);
    // git re-encodes the latin1 message for a UTF-8 reader: only right if every byte was latin1.
    const utf8 = repo.git(['-c', 'i18n.logOutputEncoding=UTF-8', 'log', '-1', '--format=%(trailers:key=Decision,valueonly,unfold)']).stdout.trim();
    expect(utf8).toBe('Prefer the café rounding - it is exact');
    const raw = repo.git(['cat-file', 'commit', 'HEAD'], { env: { LANG: 'C' } }).stdout;
    expect(raw).toContain('encoding latin1');
    // The readers take the message in UTF-8 and the trailer for the item it was woven from:
    // one decision, with its reason, not a second one spelt with a hyphen.
    const log = JSON.parse(repo.run(['log', '-n', '1', '--format', 'json']).stdout) as { commits: { subject: string; decisions: { text: string; reason: string }[] }[] };
    expect(log.commits[0]!.decisions.map((d) => [d.text, d.reason])).toEqual([['Prefer the café rounding', 'it is exact']]);
    // The subject typed in the editor is latin1 (git takes -m's bytes as they are, UTF-8 here).
    if (how.length === 0) expect(log.commits[0]!.subject).toBe('Café units');
  });
});

describe('a misspelt key in .gitsession', () => {
  it('is said on the commit, still journaled, and in status', () => {
    repo = sessionRepo({ config: '[prompt]\n\tmodee = strict\n' });
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Typo']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('git-session: .gitsession: this setting is not known to this version of git-session and ignored: prompt.modee (line 2)');
    expect(residue(repo)).toBe('');
    const status = repo.run(['status']);
    expect(status.stdout).toContain('- Settings: .gitsession has keys this version ignores: prompt.modee (line 2)');
    expect(JSON.parse(repo.run(['status', '--json']).stdout).unknownSettings).toEqual(['prompt.modee (line 2)']);
  });
});

describe('a .gitsession that links to nothing', () => {
  it('lets the commit through with one line that says so, once', () => {
    repo = sessionRepo();
    repo.git(['rm', '-q', '.gitsession']);
    symlinkSync('shared/gitsession', join(repo.dir, '.gitsession'));
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Link the settings']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      'git-session: .gitsession is a symlink to a file that does not exist, so this commit skips session capture (fix: create the file it points to, or replace the link with the settings file: rm .gitsession && git session init)\n',
    );
    expect(repo.git(['log', '-1', '--format=%s']).stdout.trim()).toBe('Link the settings');
  });
});

describe('a hook that fails', () => {
  it('lets the commit through with one line, unless strict mode was chosen, even in a settings file that does not parse', () => {
    repo = sessionRepo();
    repo.write('.gitsession', '[prompt]\n\tmode = strict\n\tthis line is not a setting!\n');
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const refused = gitNoTty(repo, ['commit', '-q', '-m', 'Broken settings']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('git-session: pre-commit failed, and strict mode refuses a commit it could not check: ');
    expect(refused.stderr).toContain('.gitsession');
    expect(repo.git(['log', '-1', '--format=%s']).stdout.trim()).toBe('Start the converter');
    // Chosen otherwise for one commit: through, with one line.
    const through = gitNoTty(repo, ['commit', '-q', '-m', 'Broken settings'], { GIT_SESSION_MODE: 'remind' });
    expect(through.code, through.stderr).toBe(0);
    expect(through.stderr).toMatch(/^git-session: pre-commit skipped: /m);
    // Not strict at all: through.
    repo.write('.gitsession', '[prompt]\n\tmode = remind\n\tthis line is not a setting!\n');
    repo.write('src/convert.js', code(4));
    repo.git(['add', '-A']);
    expect(gitNoTty(repo, ['commit', '-q', '-m', 'Still broken']).code).toBe(0);
  });
});

describe('journals git would not take', () => {
  it('core.autocrlf with core.safecrlf: the new journal file is written as git will check it out', () => {
    repo = sessionRepo();
    // A clone made with the settings, as on a machine that has them globally: its files are CRLF.
    const clone = join(repo.home, 'clone');
    repo.git(['clone', '-q', '-c', 'core.autocrlf=true', '-c', 'core.safecrlf=true', repo.dir, clone]);
    for (const name of ['pre-commit', 'prepare-commit-msg', 'commit-msg']) {
      writeFileSync(join(clone, '.git', 'hooks', name), repo.read(`.git/hooks/${name}`), { mode: 0o755 });
    }
    writeFileSync(join(clone, 'src', 'convert.js'), code(3).replace(/\n/g, '\r\n'));
    repo.git(['add', '-A'], { cwd: clone });
    // A week with no journal file yet.
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Next week'], { GIT_AUTHOR_DATE: '2031-06-02T10:00:00Z' }, clone);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('skipped');
    expect(journalFilesIn(repo, 'HEAD', clone)).toEqual(['.session/journal/2031-W23.md']);
    expect(repo.git(['add', '-A'], { cwd: clone, allowFail: true }).stderr).toBe('');
    expect(residue(repo, clone)).toBe('');
  });

  it('a sparse checkout without the journal folder: the entry is skipped with one line, no stray file', () => {
    repo = sessionRepo();
    repo.write('src/convert.js', code(2));
    repo.git(['add', '-A']);
    gitNoTty(repo, ['commit', '-q', '-m', 'Journal exists']);
    repo.git(['sparse-checkout', 'set', '--no-cone', '/*', '!/.session/']);
    repo.write('src/convert.js', code(3));
    repo.git(['add', 'src/convert.js']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Sparse']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/journal entry skipped: .*sparse checkout/);
    expect(journalFilesIn(repo)).toEqual([]);
    expect(residue(repo)).toBe('');
    const before = repo.git(['show', 'HEAD~1:' + repo.git(['ls-files', '.session']).stdout.trim()]).stdout;
    expect(repo.git(['show', 'HEAD:' + repo.git(['ls-files', '.session']).stdout.trim()]).stdout).toBe(before);
  });
});

describe('a journal append that fails half-way', () => {
  it('a full file system (the file size limit) leaves the journal byte for byte as it was, and the commit goes through', () => {
    repo = sessionRepo();
    const journal = repo.git(['ls-files', '.session/journal']).stdout.trim();
    // A journal 20 bytes short of 2 KiB, so the next entry crosses that size.
    const start = repo.read(journal);
    repo.write(journal, start + '<!-- kept as it is -->\n'.repeat(Math.floor((2048 - 20 - start.length) / 23)).padEnd(2048 - 20 - start.length, '.'));
    repo.git(['commit', '-q', '--no-verify', '-am', 'Pad the journal']);
    const before = repo.read(journal);
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    // The kernel refuses to grow any file past 2 KiB (ulimit -f counts 512-byte blocks), as a full disk would.
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Disk full'], {}, repo.dir, ['sh', '-c', 'trap "" XFSZ; ulimit -f 4; exec "$@"', 'sh']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('journal entry skipped');
    expect(repo.read(journal)).toBe(before);
    expect(repo.git(['show', '--name-only', '--format=', 'HEAD']).stdout.trim()).toBe('src/convert.js');
    expect(residue(repo)).toBe('');
  });
});

describe('the size limit', () => {
  it('a SESSION.md over 1 MB: the hook reads none of it, the commit goes through with one line', () => {
    repo = sessionRepo();
    repo.write('SESSION.md', repo.read('SESSION.md').replace('## Decisions\n', `## Decisions\n${'- Keep this line — Reason: filler\n'.repeat(40_000)}`));
    repo.write('src/convert.js', code(3));
    repo.git(['add', '-A']);
    const r = gitNoTty(repo, ['commit', '-q', '-m', 'Huge'], { GIT_SESSION_DEBUG_LOADS: '1' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/SESSION\.md: is \d+ bytes, over the 1 MB limit\. .*\(this commit records no session state\)/);
    expect(r.stderr).toContain('pre-commit loaded: nothing lazy');
    expect(allTrailers(repo)).toEqual([]);
  });
});
