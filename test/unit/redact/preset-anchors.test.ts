import { lintSource } from '@secretlint/core';
import { creator } from '@secretlint/secretlint-rule-preset-recommend';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayHoldPresetSecret, PRESET_ANCHORS } from '../../../src/core/redact/preset-anchors.js';

// Fake secrets are assembled from parts so this file does not itself look like a leak.
const j = (...parts: string[]): string => parts.join('');
const key = (n: number, alphabet = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1V2w3X4y5Z6'): string =>
  alphabet.repeat(Math.ceil(n / alphabet.length)).slice(0, n);

/** What the preset itself reports in `text`, scanned as the redactor scans (a markdown file). */
async function presetFindings(text: string): Promise<string[]> {
  const result = await lintSource({
    source: { content: text, filePath: 'SESSION.md', ext: '.md', contentType: 'text' },
    options: { config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] }, noPhysicFilePath: true },
  });
  // The redactor drops these two kinds (an extra rule covers AWS secrets).
  return result.messages.filter((m) => !/^AWS(AccountID|SecretAccessKey)$/.test(m.messageId)).map((m) => m.ruleId);
}

// One secret for each preset rule that can report in a markdown file.
const PRESET_SECRETS: Array<[string, string]> = [
  ['privatekey', j('-----BEGIN ', 'RSA PRIVATE KEY-----\n', 'MI', key(120), '\n-----END ', 'RSA PRIVATE KEY-----')],
  ['npm', j('npm_', key(36))],
  ['basicauth', j('https://', 'deployer:', 'Wq83', 'zLk2', '@build.example.net')],
  ['slack', j('xoxb-', '123456789012-1234567890123-', key(24))],
  ['slack', j('https://hooks.slack.com/services/', 'T00000000/B00000000/', key(24))],
  ['sendgrid', j('SG.', key(22), '.', key(43))],
  ['shopify', j('shpat_', key(32))],
  ['github', j('ghp_', key(36))],
  ['github', j('github_pat_', key(82))],
  ['openai', j('sk-', key(20), 'T3Blbk', 'FJ', key(20))],
  ['anthropic', j('sk-ant-', 'api03-', key(93, 'aB3'), 'AA')],
  ['linear', j('lin_api_', key(40))],
  ['database-connection-string', j('postgres://', 'app:', 'Sup3r', 'S3cret', '@db.example.com:5432/app')],
  ['database-connection-string', j('MongoDB://', 'app:', 'Sup3r', 'S3cret', '@cluster0.example.net/db')],
];

describe('preset anchors', () => {
  it('cover exactly the rules of the installed preset', () => {
    expect(creator.rules.map((r) => r.meta.id).sort()).toEqual(Object.keys(PRESET_ANCHORS).sort());
  });

  it.each(PRESET_SECRETS)('let a %s secret through to secretlint', async (rule, secret) => {
    const text = `Decision: rotate it — ${secret} was pasted here`;
    expect(await presetFindings(text)).toContain(`@secretlint/secretlint-rule-${rule}`);
    expect(mayHoldPresetSecret(text)).toBe(true);
  });

  it.each(['Use integers for millimetres — Reason: no float drift', 'see https://example.com/docs and msg.send()', ''])(
    'keep secretlint away from %j',
    (text) => {
      expect(mayHoldPresetSecret(text)).toBe(false);
    },
  );

  it('never hide a text the preset would report', async () => {
    // Pieces of secrets, broken and whole, between ordinary words: wherever the preset
    // finds something, the anchors must have let the text through.
    const pieces = fc.constantFrom(
      ...PRESET_SECRETS.map(([, s]) => s),
      ...PRESET_SECRETS.map(([, s]) => s.slice(0, Math.ceil(s.length / 2))),
      ...PRESET_SECRETS.map(([, s]) => s.slice(Math.floor(s.length / 3))),
      'ops_',
      'eyJ',
      'AKIA',
      '://',
      ':',
      '@',
      '-',
      '_',
      '.',
      ' ',
      '\n',
      key(12),
      'password',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(pieces, { maxLength: 8 }).map((p) => p.join('')), async (text) => {
        if ((await presetFindings(text)).length > 0) expect(mayHoldPresetSecret(text)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
