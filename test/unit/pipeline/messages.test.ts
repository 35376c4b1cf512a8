import { describe, expect, it } from 'vitest';
import { assistantMessage, describeChange, reminderLine, secretWarning, strictRefusal } from '../../../src/core/pipeline/messages.js';
import { hasMessageContent, roomForSubject } from '../../../src/core/pipeline/message-file.js';
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
    expect(remind).toContain('git session decide "<what was decided>" --because "<why>"');
    expect(remind).toContain('git commit --amend --no-edit');
    const strict = assistantMessage({ assistant: 'Claude Code', sessionFile: 'SESSION.md', staleness: stale, commitsSince: 0, mode: 'strict' });
    expect(strict).toMatch(/^git-session: commit refused/);
    expect(strict).toContain('commit again');
    expect(strict).not.toContain('earlier commit');
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
