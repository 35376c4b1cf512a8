import type { TempRepo } from '../helpers/repo.js';
import type { TimelineData } from '../../src/core/timeline/data.js';

/** Commits with the given author date (and the same committer date), message from stdin. */
export function commitAt(r: TempRepo, message: string, files: Record<string, string>, date: string, author?: { name: string; email: string }): string {
  for (const [path, text] of Object.entries(files)) r.write(path, text);
  r.git(['add', '-A']);
  const who = author ? { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email } : {};
  r.git(['commit', '-q', '--allow-empty', '-F', '-'], { input: message, env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, ...who } });
  return r.git(['rev-parse', 'HEAD']).stdout.trim();
}

export const SESSION_V1 = `# Session

## Goal
Sell tea online.

## Decisions
- Store prices in cents — Reason: floats round badly

## Private
Supplier phone number is 555-0100, call before noon.
`;

export const SESSION_V2 = SESSION_V1.replace(
  '## Private',
  `## Dead Ends (Don't Revisit)
- Scraping the supplier site — Reason: blocked after ten requests

## Status
Checkout works; token ghp_abcdefghijklmnopqrstuvwxyz0123456789 is in the env <!-- private -->and the safe code is 4711<!-- /private -->

## Notes
See <img src=x onerror="window.__pwned=5"> and [the docs](javascript:window.__pwned=6) or [the site](https://example.com/tea).
<script>window.__pwned=7</script>
![logo](https://example.com/logo.png)

Read [the wiki](https://example.com/wiki/Tea_(drink)) and [this](javascript:window.__pwned=(8)).

## Private`,
);

const journal = (time: string, branch: string, lines: string[]) => `### ${time} · commit · ${branch} · Ada Tester <ada@example.com>\n${lines.join('\n')}\n\n`;

/**
 * A small shop history: main with two commits, a feature branch with a decision,
 * a dead end, a hostile decision text and journal entries, merged back.
 */
export function shopHistory(r: TempRepo): { first: string; second: string; feature: string } {
  const first = commitAt(r, 'Start the shop\n\nDecision: Store prices in cents — floats round badly\n', { 'SESSION.md': SESSION_V1, 'src/price.ts': 'export const cents = 1;\n' }, '2026-11-02T09:00:00+01:00');
  r.git(['checkout', '-q', '-b', 'feature/checkout']);
  const second = commitAt(
    r,
    'Checkout flow\n\nDead-End: Scraping the supplier site — blocked after ten requests\n',
    {
      'SESSION.md': SESSION_V2,
      'src/checkout.ts': 'export function checkout() {}\n',
      '.session/journal/2026-W45.md': journal('2026-11-02 10:30 +01:00', 'feature/checkout', [
        '- Goal: Sell tea online.',
        '- Dead end: Scraping the supplier site — blocked after ten requests',
        '- Status: Checkout works',
        '- Since previous entry: 1h 30m',
      ]),
    },
    '2026-11-02T10:30:00+01:00',
  );
  const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  const feature = commitAt(
    r,
    `Render receipts </script><script>window.__pwned=3</script>\n\nDecision: ${hostile} — [click](javascript:window.__pwned=4)\n`,
    {
      'src/receipt.ts': 'export const receipt = 1;\n',
      '.session/journal/2026-W45.md':
        journal('2026-11-02 10:30 +01:00', 'feature/checkout', ['- Status: Checkout works']) +
        journal('2026-11-02 11:00 +01:00', 'feature/checkout', [`- Decision: ${hostile} — [click](javascript:window.__pwned=4)`, '- Since previous entry: 30m']),
    },
    '2026-11-02T11:00:00+01:00',
  );
  r.git(['checkout', '-q', 'main']);
  r.git(['merge', '-q', '--no-ff', '-m', 'Merge feature/checkout', 'feature/checkout'], {
    env: { GIT_AUTHOR_DATE: '2026-11-04T09:00:00+01:00', GIT_COMMITTER_DATE: '2026-11-04T09:00:00+01:00' },
  });
  return { first, second, feature };
}

/** Text that would reorder what is read around it (bidi overrides) or reach a terminal as control. */
export const SPOOF = { bidi: 'Update \u202egnp.exe harmless', escape: 'Paint \x1b[31mred\x1b[0m\x07 alarms' };

/**
 * A history whose every text a person chose spoofs: bidi overrides and escape
 * sequences in a subject, a decision, a dead end, an author, a branch, a path, and
 * the journal's goal and status.
 */
export function spoofHistory(r: TempRepo): void {
  r.git(['checkout', '-q', '-b', 'fix/\u202eexe.txt']);
  commitAt(r, `${SPOOF.bidi}\n\nDecision: keep exe names \u202eexe.txt — audit \u2066needs\u2069 them\nDead-end: \x1b]0;title\x07renaming — too late\n`, { [`src/\u202eexe.txt`]: 'x\n' }, '2026-11-02T09:00:00+01:00', {
    name: 'Eve \u202eliam',
    email: 'eve@example.com',
  });
  commitAt(r, SPOOF.escape, {
    'src/\x1b[31mred.ts': 'y\n',
    '.session/journal/2026-W45.md': journal('2026-11-02 10:00 +01:00', 'fix/\u202eexe.txt', ['- Goal: ship \u202eexe.txt', '- Status: \x1b[2Jcleared']),
  }, '2026-11-02T10:00:00+01:00');
}

/** The data a generated page embeds. */
export function embedded(html: string): TimelineData {
  const m = /<script type="application\/json" id="timeline-data">([^]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no timeline data in the page');
  return JSON.parse(m[1]!) as TimelineData;
}
