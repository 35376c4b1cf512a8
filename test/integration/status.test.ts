import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, type TempRepo } from '../helpers/repo.js';
import { withoutGitSession } from './init-support.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const SESSION = `# Session

## Goal
Make the importer resumable.

## Status
Reader done.

## Decisions
- Use SQLite — Reason: one file
- Batch by 500 rows

## Meeting Notes
- met with ops

## Private
- note to self
`;

describe('git session status', () => {
  it('prints sections, unknown sections and git facts as JSON', () => {
    repo = tempRepo();
    repo.write('SESSION.md', SESSION);
    repo.git(['add', '.']);
    repo.git(['commit', '-q', '-m', 'session']);
    repo.git(['commit', '-q', '--allow-empty', '-m', 'work 1']);
    repo.git(['commit', '-q', '--allow-empty', '-m', 'work 2']);
    const r = repo.run(['status', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({
      file: 'SESSION.md',
      title: 'Session',
      goal: 'Make the importer resumable.',
      status: 'Reader done.',
      unknownSections: ['Meeting Notes'],
      commitsSinceUpdate: 2,
      uncommittedChanges: false,
    });
    expect(json.lastChangedIn).toMatch(/^[0-9a-f]{40}$/);
    expect(json.sections).toEqual([
      { heading: 'Goal', kind: 'goal', depth: 2, items: 0, private: false },
      { heading: 'Status', kind: 'status', depth: 2, items: 0, private: false },
      { heading: 'Decisions', kind: 'decisions', depth: 2, items: 2, private: false },
      { heading: 'Meeting Notes', kind: 'unknown', depth: 2, items: 1, private: false },
      { heading: 'Private', kind: 'private', depth: 2, items: 1, private: true },
    ]);
    expect(r.stdout).not.toContain('note to self');
    expect(repo.run(['status', '--format', 'json']).stdout).toBe(r.stdout);
  });

  it('counts every commit when SESSION.md was never committed, and sees uncommitted edits', () => {
    repo = tempRepo();
    repo.write('SESSION.md', SESSION);
    const r = repo.run(['status', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ lastChangedIn: null, commitsSinceUpdate: 1, uncommittedChanges: true });
  });

  it('prints readable text by default', () => {
    repo = tempRepo();
    repo.write('SESSION.md', SESSION);
    const r = repo.run(['status'], { cwd: repo.dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# SESSION.md — Session');
    expect(r.stdout).toContain('- Goal: Make the importer resumable.');
    expect(r.stdout).toContain('- Decisions [decisions]: 2 items');
    expect(r.stdout).toContain('## Unknown sections');
    expect(r.stdout).toContain('- Uncommitted edits: yes');
    // A title that names the file already is not preceded by it again.
    repo.write('SESSION.md', SESSION.replace(/^# .*$/m, '# SESSION.md — importer'));
    expect(repo.run(['status']).stdout).toMatch(/^# SESSION\.md — importer\n/);
  });

  it('marks a private section once, and leaves private regions out of goal and status', () => {
    repo = tempRepo();
    repo.write(
      'SESSION.md',
      SESSION.replace('Reader done.', 'Reader done.\n<!-- private -->\nWaiting on the quokka contract.\n<!-- /private -->').replace(
        'Make the importer resumable.',
        'Make the importer resumable.<!-- private --> Before the zanzibar audit.<!-- /private -->',
      ),
    );
    const r = repo.run(['status']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('- Private [private]: 1 item');
    expect(r.stdout).not.toContain('private, private');
    expect(r.stdout).toContain('- Goal: Make the importer resumable.');
    expect(r.stdout).toContain('- Status: Reader done.');
    const json = repo.run(['status', '--json']).stdout;
    for (const word of ['quokka', 'zanzibar']) {
      expect(r.stdout).not.toContain(word);
      expect(json).not.toContain(word);
    }
  });

  it('names init in the form that runs here when the file has no sections', () => {
    repo = tempRepo();
    repo.write('SESSION.md', 'Just a line of notes.\n');
    expect(repo.run(['status']).stdout).toContain('run `git session init` for the template');
    const r = repo.run(['status'], { env: { PATH: withoutGitSession() } });
    expect(r.stdout).toContain('run `npx git-session init` for the template');
  });

  it('clips a long status to one glance in text, and keeps every word in JSON', () => {
    repo = tempRepo();
    const long = Array.from({ length: 60 }, (_, i) => `step${i} done`).join(', ');
    repo.write('SESSION.md', `## Status\n${long}\n`);
    const line = repo.run(['status']).stdout.split('\n').find((l) => l.startsWith('- Status: '))!;
    expect([...line].length).toBeLessThanOrEqual(170);
    expect(line.endsWith('…')).toBe(true);
    expect(JSON.parse(repo.run(['status', '--json']).stdout).status).toBe(long);
  });
});
