import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';
import { I } from '../../src/core/timeline/data.js';
import { commitAt, embedded, shopHistory } from './timeline-repo.js';
import { decideAndCommit, initialised } from '../helpers/session-repo.js';

let repo: TempRepo;
afterEach(() => repo?.cleanup());

describe('git session timeline', () => {
  it('writes one page with every commit, entry, decision and session version, and the same bytes every time', () => {
    repo = tempRepo({ empty: true });
    const { first, second, feature } = shopHistory(repo);
    const out = repo.run(['timeline', '--out', 'site/timeline.html']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Wrote .*site\/timeline\.html: 4 commits, 2 journal entries, 2 versions of SESSION\.md\.\n$/);
    const html = repo.read('site/timeline.html');
    expect(repo.run(['timeline']).stdout).toBe(html);
    expect(repo.run(['timeline', '--out', 'again.html']).code).toBe(0);
    expect(repo.read('again.html')).toBe(html);

    const data = embedded(html);
    const at = (hash: string) => data.items.find((i) => i[I.commit] === hash)!;
    expect(data.branches).toEqual(['feature/checkout', 'main']);
    expect(at(second)[I.deadEnds]).toEqual([['Scraping the supplier site', 'blocked after ten requests']]);
    expect(at(second)[I.status]).toBe('Checkout works');
    expect(at(first)[I.decisions]).toEqual([['Store prices in cents', 'floats round badly', 'active']]);
    expect(at(feature)[I.decisions]).toHaveLength(1);
    const text = (v: number) => data.versions[v]!.map((l) => data.lines[l]).join('\n');
    expect(text(at(first)[I.session])).toContain('## Decisions');
    expect(text(at(second)[I.session])).toContain('## Status');
    expect(at(second)[I.before]).toBe(at(first)[I.session]);
    // The journal files are the tool's own, not part of the change.
    expect(at(second)[I.files].filter((_, i) => i % 3 === 0).map((p) => data.paths[p])).toEqual(['SESSION.md', 'src/checkout.ts']);
  });

  it('writes into a pipe it is pointed at, and leaves the pipe a pipe', async () => {
    repo = tempRepo({ empty: true });
    shopHistory(repo);
    const fifo = join(repo.dir, 'page.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // A reader at the other end, as a shell's >(...) or /dev/stdout in a pipeline has.
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    let read = '';
    reader.stdout.on('data', (c: Buffer) => (read += c.toString('utf8')));
    const done = new Promise((resolve) => reader.on('close', resolve));
    const out = repo.run(['timeline', '--out', fifo]);
    expect(out.code, out.stderr).toBe(0);
    await done;
    expect(read).toMatch(/^<!doctype html>/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('never puts a private section, a private region or a secret in the page', () => {
    repo = tempRepo({ empty: true });
    shopHistory(repo);
    const html = repo.run(['timeline']).stdout;
    expect(html).toContain('Checkout works');
    expect(html).not.toMatch(/555-0100|4711|ghp_abcdefghij/);
    expect(html).toContain('[REDACTED:');
  });

  it('keeps repository text inside the data: no </script> or <img> from a message reaches the markup', () => {
    repo = tempRepo({ empty: true });
    shopHistory(repo);
    const html = repo.run(['timeline']).stdout;
    // The data element's and the page script's own closing tags, nothing else.
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<img');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+'/);
  });

  it('shows what a commit made without the hooks recorded in the session file', () => {
    repo = tempRepo({ empty: true });
    shopHistory(repo);
    const text = repo.read('SESSION.md').replace('## Dead Ends', '- Brew with filtered water — Reason: scale in the kettle\n\n## Dead Ends');
    expect(text).toContain('filtered water');
    const hand = commitAt(repo, 'Notes by hand\n', { 'SESSION.md': text }, '2026-11-05T09:00:00+01:00');
    const data = embedded(repo.run(['timeline']).stdout);
    const row = data.items.find((i) => i[I.commit] === hand && i[I.kind] === 0)!;
    expect(row[I.decisions]).toEqual([['Brew with filtered water', 'scale in the kettle', 'active']]);
  });

  it('judges each decision as the other readers do: one taken out of the session file later is withdrawn', () => {
    repo = tempRepo({ empty: true });
    const { first } = shopHistory(repo);
    const text = repo.read('SESSION.md').replace('- Store prices in cents — Reason: floats round badly\n', '');
    commitAt(repo, 'Prices are not settled yet\n', { 'SESSION.md': text }, '2026-11-05T09:00:00+01:00');
    const data = embedded(repo.run(['timeline']).stdout);
    const row = data.items.find((i) => i[I.commit] === first && i[I.kind] === 0)!;
    const withdrawer = repo.git(['rev-parse', '--short', 'HEAD']).stdout.trim();
    expect(row[I.decisions]).toEqual([['Store prices in cents', 'floats round badly', 'withdrawn', withdrawer]]);
    // The same judgement log gives.
    expect(repo.run(['log', '--format', 'json']).stdout).toContain('"status": "withdrawn"');
  });

  it('with a range, judges a carried entry\'s decision on the whole history: the one a revert took back stays reverted', () => {
    repo = initialised();
    const recorded = decideAndCommit(repo, 'Cache parsed rows', 'a.js');
    repo.git(['revert', '--no-edit', 'HEAD']);
    const revert = repo.git(['rev-parse', '--short', 'HEAD']).stdout.trim();
    // The next commit puts the reverted commit's journal entry back, carried by it.
    repo.write('b.js', 'b\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'Next']);
    const data = embedded(repo.run(['timeline', `${recorded}..HEAD`]).stdout);
    const carried = data.items.filter((i) => i[I.kind] === 2 && i[I.decisions].length > 0);
    expect(carried.map((i) => i[I.decisions])).toEqual([[['Cache parsed rows', 'reason for Cache parsed rows', 'reverted', revert]]]);
  });

  it('takes a range and dates, and names a revision git does not know', () => {
    repo = tempRepo({ empty: true });
    const { second } = shopHistory(repo);
    const data = embedded(repo.run(['timeline', `${second}..feature/checkout`]).stdout);
    expect(data.items).toHaveLength(1);
    expect(data.range).toBe(`${second}..feature/checkout`);
    expect(embedded(repo.run(['timeline', '--since', '2026-11-03']).stdout).items).toHaveLength(1);
    const bad = repo.run(['timeline', 'no-such-branch']);
    expect(bad.code).toBe(7);
    expect(bad.stderr).toMatch(/no-such-branch/);
    const dash = repo.run(['timeline', '--out']);
    expect(dash.code).toBe(2);
    const blocked = repo.run(['timeline', '--out', 'src/price.ts/timeline.html']);
    expect(blocked.code).toBe(5);
    expect(blocked.stderr).toMatch(/src\/price\.ts\/timeline\.html: its folder cannot be made: a file is in the way\. Pass --out/);
  });

  // Node's recursive mkdir retried /proc/x for ever: mkdir there says ENOENT with /proc present.
  it.skipIf(!existsSync('/proc/self'))('--out under /proc fails at once with exit 5, naming the path, the folder and the fix', () => {
    repo = tempRepo({ empty: true });
    shopHistory(repo);
    const folder = repo.run(['timeline', '--out', '/proc/git-session-page/timeline.html']);
    expect(folder.code).toBe(5);
    expect(folder.stdout).toBe('');
    expect(folder.stderr).toBe(
      'git-session: /proc/git-session-page/timeline.html: its folder /proc/git-session-page could not be created: /proc takes no new folders (ENOENT). Pass --out a path in a folder you can write to.\n',
    );
    const file = repo.run(['timeline', '--out', '/proc/timeline.html']);
    expect(file.code).toBe(5);
    expect(file.stderr).toBe('git-session: /proc/timeline.html: could not be written: /proc takes no new files (ENOENT). Pass --out a path in a folder you can write to.\n');
  });

  it('--out in folders not made yet makes them, one at a time from the nearest one there', () => {
    repo = tempRepo({ empty: true });
    shopHistory(repo);
    const out = repo.run(['timeline', '--out', 'site/pages/deep/timeline.html']);
    expect(out.code, out.stderr).toBe(0);
    expect(readFileSync(join(repo.dir, 'site/pages/deep/timeline.html'), 'utf8')).toMatch(/^<!doctype html>/);
    expect(repo.run(['timeline', '--out', 'site/pages/other/timeline.html']).code).toBe(0);
  });

  it('--out through a folder link to nothing names the link and its target, and makes nothing', () => {
    repo = tempRepo({ empty: true });
    shopHistory(repo);
    symlinkSync(join(repo.home, 'gone'), join(repo.dir, 'site'));
    const out = repo.run(['timeline', '--out', 'site/pages/timeline.html']);
    expect(out.code).toBe(4);
    expect(out.stderr).toBe(
      `git-session: ${join(repo.dir, 'site')}: is a symlink to ${join(repo.home, 'gone')}, which does not exist. Create the folder it points to, or pass --out a path in a folder you can write to.\n`,
    );
    expect(existsSync(join(repo.home, 'gone'))).toBe(false);
  });

  it('--open writes the page under the git dir and hands it to the desktop opener', () => {
    repo = tempRepo({ empty: true });
    shopHistory(repo);
    const bin = join(repo.home, 'bin');
    mkdirSync(bin);
    const log = join(repo.home, 'opened');
    writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > "${log}"\n`);
    chmodSync(join(bin, 'xdg-open'), 0o755);
    const r = repo.run(['timeline', '--open'], { env: { PATH: `${bin}:${repo.env.PATH}` } });
    expect(r.code).toBe(0);
    const page = join(repo.dir, '.git', 'git-session', 'timeline.html');
    expect(r.stdout).toContain(page);
    for (let i = 0; i < 50 && !readFileSafe(log); i++) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    expect(readFileSafe(log)).toBe(page);
    expect(readFileSync(page, 'utf8')).toMatch(/^<!doctype html>/);
  });
});

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
