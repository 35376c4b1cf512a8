import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { assistantMessage, describeChange, reminderLine, secretWarning, strictRefusal, updateCommands } from '../../../src/core/pipeline/messages.js';
import { hasMessageContent, roomForSubject, saysNothing } from '../../../src/core/pipeline/message-file.js';
import type { Staleness } from '../../../src/core/pipeline/staleness.js';

const stale: Staleness = { updated: false, changedLines: 42, files: ['a.ts', 'b.ts'], keyFilesTouched: ['a.ts'], stale: true };

describe('messages', () => {
  it('describes the change', () => {
    expect(describeChange(stale)).toBe('2 files, 42 lines changed; key files touched: a.ts');
    expect(describeChange({ ...stale, files: ['a'], changedLines: 1, keyFilesTouched: [] })).toBe('1 file, 1 line changed');
  });

  it('reminds in exactly one line', () => {
    const line = reminderLine('SESSION.md', stale);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trimEnd().split('\n')).toHaveLength(1);
  });

  it('tells an assistant the commands, and how to finish in each mode', () => {
    const remind = assistantMessage({ assistant: 'Claude Code', sessionFile: 'SESSION.md', staleness: stale, commitsSince: 3, mode: 'remind' });
    expect(remind).toContain('3 earlier commits since it last changed');
    expect(remind).toContain("git session decide '<what was decided>' --because '<why>'");
    expect(remind).toContain('git commit --amend --no-edit');
    // Said before git makes the commit, which a later hook may still refuse.
    expect(remind).toMatch(/^git-session: this commit does not update SESSION\.md/);
    expect(remind).toContain('once this commit is made');
    const strict = assistantMessage({ assistant: 'Claude Code', sessionFile: 'SESSION.md', staleness: stale, commitsSince: 0, mode: 'strict' });
    expect(strict).toMatch(/^git-session: commit refused/);
    expect(strict).toContain('commit again');
    expect(strict).not.toContain('earlier commit');
  });

  it('gives commands a shell runs literally once the placeholders are filled in', () => {
    // Decisions name code: backticks and $ must reach git-session as typed, not run.
    const text = 'Call `echo ran` via $HOME/bin and \\n';
    const lines = [...updateCommands(), reminderLine('SESSION.md', stale).replace(/^.*record decisions with: /, '')];
    for (const line of lines) {
      const command = line.trim().replace(/^git session /, "printf '[%s]' ").replace(/<[^>]+>/g, text);
      const r = spawnSync('sh', ['-c', command], { encoding: 'utf8', timeout: 5000 });
      expect(r.stdout, command).toContain(`[${text}]`);
    }
  });

  it('says how to get past a strict refusal', () => {
    expect(strictRefusal('SESSION.md', stale)).toContain('git commit --no-verify');
    expect(secretWarning('SESSION.md', ['github-token', 'github-token'], false)).toContain('(github-token)');
  });
});

describe('message files', () => {
  it('tells an empty editor template from a message', () => {
    expect(hasMessageContent('\n# Please enter\n#\n')).toBe(false);
    expect(hasMessageContent('Subject\n# comment\n')).toBe(true);
    expect(hasMessageContent('\n# ------------------------ >8 ------------------------\ndiff text\n')).toBe(false);
  });

  it('leaves a blank line for the subject above woven trailers', () => {
    expect(roomForSubject('\nDecision: a\n# Please\n')).toBe('\n\nDecision: a\n# Please\n');
    expect(roomForSubject('\n\nDecision: a\n')).toBe('\n\nDecision: a\n');
    expect(roomForSubject('Decision: a\n')).toBe('\n\nDecision: a\n');
  });
});

describe('saysNothing', () => {
  const woven = ['Decision: Keep one table — a lookup\n beats a switch'];
  const template = '\n\nDecision: Keep one table — a lookup\n beats a switch\n# Please enter the commit message\n#\n';

  it('is true when only the woven trailers, comments, blank and sign-off lines are left', () => {
    expect(saysNothing(template, woven)).toBe(true);
    expect(saysNothing(`${template}Signed-off-by: A <a@b>\n`, woven)).toBe(true);
    expect(saysNothing(template.replace(/#/g, ';'), woven, ';')).toBe(true);
    expect(saysNothing(`\n# ------------------------ >8 ------------------------\nSubject below scissors\n${template}`, woven)).toBe(true);
  });

  it('is false once the person wrote anything, or changed a trailer', () => {
    expect(saysNothing(`Subject${template}`, woven)).toBe(false);
    expect(saysNothing(template.replace('lookup', 'quick lookup'), woven)).toBe(false);
    expect(saysNothing(template.replace(/#/g, ';'), woven)).toBe(false);
  });
});
