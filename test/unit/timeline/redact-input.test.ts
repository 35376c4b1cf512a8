import { describe, expect, it } from 'vitest';
import { redactHistory } from '../../../src/core/timeline/redact-input.js';
import { commit, entry } from './fixture.js';

describe('redactHistory', () => {
  it('redacts a secret as the page shows it, a control character inside it dropped', async () => {
    const c = commit(1, { subject: 'key AKIA\x01IOSFODNN7EXAMPLE', decisions: ['rotate AKIA\x1b[0mIOSFODNN7EXAMPLE — it leaked'] });
    const r = await redactHistory([c], new Map([[c.hash, [entry({ status: 'key AKIA\u202eIOSFODNN7EXAMPLE' })]]]));
    const texts = [r.commits[0]!.subject, ...r.commits[0]!.decisions, r.journal.get(c.hash)![0]!.status!];
    expect(texts.join('\n')).not.toMatch(/AKIA.?IOSFODNN7EXAMPLE/);
    expect(texts.every((t) => t.includes('[REDACTED:'))).toBe(true);
  });
});
