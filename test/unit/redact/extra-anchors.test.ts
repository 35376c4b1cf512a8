import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXTRA_RULES, findExtra } from '../../../src/core/redact/extra-rules.js';
import { mayHoldSecret, redactSecrets } from '../../../src/core/redact/redact.js';

// Fake secrets are assembled from parts so this file does not itself look like a leak.
const j = (...parts: string[]): string => parts.join('');
const key = (n: number, alphabet = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1V2w3X4y5Z6'): string =>
  alphabet.repeat(Math.ceil(n / alphabet.length)).slice(0, n);

// At least one secret for every extra rule.
const SECRETS: Array<[string, string]> = [
  ['aws-access-key', j('AKIA', 'IOSFODNN7EXAMPLE')],
  ['aws-access-key', j('A3T', 'X', 'IOSFODNN7EXAMPLE')],
  ['aws-secret-key', j('aws_secret_', 'access_key = ', key(40))],
  ['aws-secret-key', j('SECRET', 'ACCESSKEY: "', key(40), '"')],
  ['github-token', j('github_', 'pat_', key(30))],
  ['sendgrid-key', j('SG.', key(18), '-_', '.', key(20))],
  ['gitlab-token', j('glpat', '-', key(22))],
  ['gitlab-token', j('glsoat', '-', key(22))],
  ['openai-key', j('sk-', 'proj-', key(24))],
  ['anthropic-key', j('sk-', 'ant-', 'admin01-', key(24))],
  ['stripe-key', j('rk_', 'live_', key(20))],
  ['stripe-key', j('whsec', '_', key(24))],
  ['private-key', j('-----BEGIN ', 'OPENSSH PRIVATE KEY-----\n', key(20))],
  ['google-api-key', j('AIza', key(35))],
  ['jwt', j('eyJ', key(10), '.eyJ', key(10), '.', key(10))],
  ['secret-assignment', j('DB_PASSWORD', '="', 'hunter2x', '"')],
  ['secret-assignment', j('client-', 'secret: ', 'q8', key(10))],
  ['secret-assignment', j('the_api', 'key => ', key(18))],
  ['secret-assignment', j('Auth', 'Token=', '9', key(8))],
  ['secret-assignment', j('pwd', ' = ', 'x9', key(6))],
  ['connection-string', j('redis://', ':', 'Sup3r', 'S3cret', '@cache.example.net:6379')],
  ['connection-string', j('AMQP://', 'app:', 'Sup3r', '@mq.example.net')],
];

/** What one rule finds in `text` without its anchor: the pattern alone, as findExtra runs it. */
function patternFinds(rule: (typeof EXTRA_RULES)[number], text: string): boolean {
  for (const match of text.matchAll(new RegExp(rule.pattern.source, rule.pattern.flags))) {
    const secret = match[rule.group ?? 0];
    if (secret !== undefined && (!rule.accept || rule.accept(secret))) return true;
  }
  return false;
}

describe('extra rules’ anchors', () => {
  it('every rule has a sample here', () => {
    expect(new Set(SECRETS.map(([kind]) => kind))).toEqual(new Set(EXTRA_RULES.map((r) => r.kind)));
  });

  it.each(SECRETS)('let a %s secret through to its rule', (kind, secret) => {
    const text = `Decision: rotate it — ${secret} was pasted here`;
    expect(findExtra(text).map((f) => f.kind)).toContain(kind);
  });

  it('keep every rule away from plain prose', () => {
    // The anchors are what spares a commit compiling the patterns.
    const prose = 'Use integers for millimetres — Reason: no float drift; see https://example.com/docs';
    expect(EXTRA_RULES.filter((r) => r.anchor.test(prose)).map((r) => r.kind)).toEqual(['connection-string']);
    expect(findExtra(prose)).toEqual([]);
  });

  it('never hide a text a rule would report', () => {
    // Pieces of secrets, broken and whole, between ordinary words: wherever a pattern
    // finds something, its anchor must hold.
    const pieces = fc.constantFrom(
      ...SECRETS.map(([, s]) => s),
      ...SECRETS.map(([, s]) => s.slice(0, Math.ceil(s.length / 2))),
      ...SECRETS.map(([, s]) => s.slice(Math.floor(s.length / 3))),
      ...SECRETS.map(([, s]) => s.toLowerCase()),
      ...SECRETS.map(([, s]) => s.toUpperCase()),
      '://', ':', '=', '"', '@', '-', '_', '.', ' ', '\n', key(12), key(40), 'password', 'token', 'secret', 'key',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }).map((p) => p.join('')), (text) => {
        for (const rule of EXTRA_RULES) if (patternFinds(rule, text)) expect(rule.anchor.test(text), `${rule.kind} in ${JSON.stringify(text)}`).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('mayHoldSecret', () => {
  it.each(SECRETS)('sees a %s secret, as redactSecrets does', async (_, secret) => {
    const text = `Rotate ${secret} today`;
    expect((await redactSecrets(text)).findings.length).toBeGreaterThan(0);
    expect(mayHoldSecret(text)).toBe(true);
  });

  it('sees the preset\'s secrets, and nothing in plain subjects and names', async () => {
    for (const secret of [j('ghp_', key(36)), j('xoxb-', '1234567890-', key(24)), j('npm_', key(36)), j('https://', 'user:', 'hunter2x', '@example.com')]) {
      expect(mayHoldSecret(secret)).toBe(true);
    }
    for (const plain of ['Fix the unit table', 'Ada Lovelace', 'ada@example.com', 'src/convert/lengths.ts', 'Merge branch feature/units']) {
      expect(mayHoldSecret(plain)).toBe(false);
      expect((await redactSecrets(plain)).findings).toEqual([]);
    }
  });
});
