import { describe, expect, it } from 'vitest';
import { UNREADABLE_SESSION } from '../../../src/core/timeline/data.js';
import { sessionVersions } from '../../../src/core/timeline/session-versions.js';

const v1 = '# Session\n\n## Goal\nShip it\n\n## Private\nmy landlord is late\n';
const v2 = '# Session\r\n\r\n## Goal\r\nShip it\r\n\r\n## Status\r\nkey AKIAIOSFODNN7EXAMPLE <!-- private -->hidden<!-- /private --> \u001b done\r\n';

describe('sessionVersions', () => {
  it('keeps the public text only, secrets redacted, lines pooled across versions', async () => {
    const r = await sessionVersions(new Map([['b1', v1], ['b2', v2], ['b3', v1]]), 'SESSION.md');
    const text = (v: number) => r.versions[v]!.map((i) => r.lines[i]).join('\n');
    expect(text(r.versionOf.get('b1')!)).toBe('# Session\n\n## Goal\nShip it\n');
    expect(text(r.versionOf.get('b2')!)).toContain('## Status');
    expect(r.lines.join('\n')).not.toMatch(/landlord|hidden|AKIAIOSFODNN7EXAMPLE|\u001b|\r/);
    expect(r.lines.join('\n')).toContain('[REDACTED:');
    // The same text is one version; shared lines are stored once.
    expect(r.versionOf.get('b3')).toBe(r.versionOf.get('b1'));
    expect(r.lines.filter((l) => l === '# Session')).toHaveLength(1);
  });

  it('redacts a secret as the page shows it, a control character inside it dropped', async () => {
    const r = await sessionVersions(new Map([['b1', '## Status\nkey AKIA\x01IOSFODNN7EXAMPLE and \u202eexe.txt\n']]), 'SESSION.md');
    expect(r.lines).toEqual(['## Status', expect.stringMatching(/^key \[REDACTED:[^\]]+\] and exe\.txt$/)]);
  });

  it('shows nothing of a version it cannot parse or read', async () => {
    const conflicted = '# S\n\n## Status\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> o\n';
    const r = await sessionVersions(new Map<string, string | null>([['b1', '---js\n{}\n---\nsecret plans\n'], ['b2', null], ['b3', conflicted]]), 'SESSION.md');
    expect(r.versionOf.get('b1')).toBe(UNREADABLE_SESSION);
    expect(r.versionOf.get('b2')).toBe(UNREADABLE_SESSION);
    // Committed mid-conflict: which side's lines are private cannot be told.
    expect(r.versionOf.get('b3')).toBe(UNREADABLE_SESSION);
    expect(r.lines).toEqual([]);
  });
});
