import { describe, expect, it } from 'vitest';
import { applyFindings, containsSecret, kindOf, mergeFindings, redactSecrets, redactShown } from '../../../src/core/redact/index.js';

// Fake secrets are assembled from parts so this file does not itself look like a leak.
const j = (...parts: string[]): string => parts.join('');
const key = (n: number, alphabet = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1V2w3X4y5Z6'): string =>
  alphabet.repeat(Math.ceil(n / alphabet.length)).slice(0, n);

// [kind, text before, secret, text after]: the secret span alone must be replaced.
const PLANTED: Array<[string, string, string, string]> = [
  ['aws-access-key', 'key id ', j('AKIA', 'IOSFODNN7EXAMPLE'), ' in use'],
  ['aws-access-key', 'temp id ', j('ASIA', 'Z3MSJV4WWNKWW5FG'), '.'],
  ['aws-secret-key', 'AWS_SECRET_ACCESS_KEY=', key(40), '\n'],
  ['aws-secret-key', 'aws_secret_access_key = ', j('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYEXAMPLEKEY'), ' here'],
  ['github-token', 'token ', j('ghp_', key(36)), ' leaked'],
  ['github-token', 'pat ', j('github_pat_', key(22), '_', key(59)), ' leaked'],
  ['gitlab-token', 'token ', j('glpat-', key(20)), ' leaked'],
  ['slack-token', 'bot ', j('xoxb-', '123456789012-1234567890123-', key(24)), ' here'],
  ['slack-webhook', 'hook ', j('https://hooks.slack.com/services/', 'T00000000/B00000000/', key(24)), ' here'],
  ['npm-token', 'npm ', j('npm_', key(36)), ' here'],
  ['openai-key', 'key ', j('sk-', 'proj-', key(48), 'T3Blbk', 'FJ', key(48)), ' here'],
  ['openai-key', 'key ', j('sk-', key(20), 'T3Blbk', 'FJ', key(20)), ' here'],
  ['anthropic-key', 'key ', j('sk-ant-', 'api03-', key(93, 'aB3'), 'AA'), ' here'],
  ['anthropic-key', 'key ', j('sk-ant-', 'admin01-', key(40)), ' here'],
  ['stripe-key', 'key ', j('sk_', 'live_', key(24)), ' here'],
  ['stripe-key', 'key ', j('rk_', 'test_', key(24)), ' here'],
  ['stripe-key', 'hook ', j('whsec_', key(32)), ' here'],
  ['sendgrid-key', 'mail ', j('SG.', key(22), '.', key(20), '-', key(10), '-', key(12)), ' here'],
  [
    'private-key',
    'key:\n',
    j('-----BEGIN ', 'RSA PRIVATE KEY-----\n', key(64), '\n', key(64), '\n-----END ', 'RSA PRIVATE KEY-----'),
    '\nafter',
  ],
  ['private-key', 'short:\n', j('-----BEGIN ', 'OPENSSH PRIVATE KEY-----\n', key(40), '\n-----END ', 'OPENSSH PRIVATE KEY-----'), '\n'],
  ['private-key', 'pkcs8:\n', j('-----BEGIN ', 'ENCRYPTED PRIVATE KEY-----\n', key(60), '\n-----END ', 'ENCRYPTED PRIVATE KEY-----'), '\n'],
  ['jwt', 'bearer ', j('eyJhbGciOiJIUzI1NiJ9', '.', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', '.', key(43)), ' ok'],
  ['google-api-key', 'maps key ', j('AIza', 'Sy', key(33)), ' in the config'],
  ['google-api-key', 'key=', j('AIza', key(35, 'abc_-XYZ9')), '&v=3'],
  ['secret-assignment', 'password=', j('hunter', '2hunter2'), '\n'],
  ['secret-assignment', 'secret: ', j('Zx81', 'kQpl0Mn3'), '\n'],
  ['secret-assignment', 'api_key = "', j('a8f5f167f44f4964', 'e6c998dee827110c'), '"'],
  ['secret-assignment', "DB_PASSWORD='", j('s3cr3t', '-P4ss'), "'"],
  ['secret-assignment', '"client_secret": "', j('abcd', 'EFGH', '1234'), '"'],
  ['basic-auth', 'see ', j('https://', 'admin:', 'Sup3r', 'S3cret', '@example.com'), '/path'],
  ['connection-string', 'db ', j('postgres://', 'app:', 'Sup3r', 'S3cret', '@db.example.com:5432/app'), ' ok'],
  ['connection-string', 'db ', j('mongodb+srv://', 'app:', 'Sup3r', 'S3cret', '@cluster0.example.net/db'), ' ok'],
  ['connection-string', 'cache redis://:', j('Sup3r', 'S3cret'), '@localhost:6379 ok'],
];

describe('redactSecrets', () => {
  it.each(PLANTED)('replaces a planted %s and keeps the text around it', async (kind, before, secret, after) => {
    const text = `Status: working on the deploy.\n${before}${secret}${after}\nNext: ship it.`;
    const result = await redactSecrets(text);
    expect(result.text).toBe(`Status: working on the deploy.\n${before}[REDACTED:${kind}]${after}\nNext: ship it.`);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.kind).toBe(kind);
    expect(await containsSecret(text)).toBe(true);
  });

  it.each([
    'commit 3f2a9c1d4e5b6a7980f1e2d3c4b5a69788776655 fixed it',
    'sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    'id 123e4567-e89b-12d3-a456-426614174000',
    'see https://example.com/docs?page=2#auth and git@github.com:org/repo.git',
    'the password is kept in the team vault; rotate it monthly',
    'password: see the runbook',
    'secret: none',
    'password = "${DB_PASSWORD}" and token: <your-token>',
    'Decision: use bcrypt for the password hash — slow by design',
    'max_tokens: 4096, api_key_env: OPENAI_API_KEY',
    'postgres://localhost:5432/app (no credentials)',
    'HTTPS_PROXY=http://proxy-user:…@127.0.0.1:3128 (password masked)',
    '',
  ])('leaves %j alone', async (text) => {
    expect(await redactSecrets(text)).toEqual({ text, findings: [] });
    expect(await containsSecret(text)).toBe(false);
  });

  it('redacts several secrets and reports them in order', async () => {
    const a = j('ghp_', key(36));
    const b = j('glpat-', key(20));
    const result = await redactSecrets(`one ${a} two ${b} three`);
    expect(result.text).toBe('one [REDACTED:github-token] two [REDACTED:gitlab-token] three');
    expect(result.findings.map((f) => f.kind)).toEqual(['github-token', 'gitlab-token']);
    expect(result.findings[0]).toMatchObject({ start: 4, end: 4 + a.length });
  });

  it('is idempotent: a redacted text holds nothing more to redact', async () => {
    const text = PLANTED.map(([, before, secret, after]) => `${before}${secret}${after}`).join('\n');
    const once = await redactSecrets(text);
    expect(once.findings.length).toBeGreaterThanOrEqual(PLANTED.length - 2);
    expect(await redactSecrets(once.text)).toEqual({ text: once.text, findings: [] });
    for (const match of once.text.matchAll(/\[REDACTED:([^\]]*)\]/g)) expect(match[1]).toMatch(/^[a-z0-9-]+$/);
  });

  it('keeps non-ASCII text and CRLF around a secret', async () => {
    const text = `décision ✓\r\n${j('npm_', key(36))}\r\nfin`;
    expect((await redactSecrets(text)).text).toBe('décision ✓\r\n[REDACTED:npm-token]\r\nfin');
  });
});

describe('redactShown', () => {
  const token = j('ghp_', key(36));
  const R = '[REDACTED:github-token]';
  it.each([
    ['plain', `use ${token} here`, `use ${R} here`],
    ['split by a control character', `use ${token.slice(0, 9)}\x01${token.slice(9)} here`, `use ${R} here`],
    ['split by an escape sequence', `use ${token.slice(0, 9)}\x1b[31m${token.slice(9)} here`, `use ${R} here`],
    ['followed by an override and letters', `use ${token}\u202exy`, `use ${R}xy`],
    ['followed by an escape sequence and letters', `use ${token}\x1b[31mabc`, `use ${R}abc`],
    ['coloured, between letters', `x\x1b[31m${token}\x1b[0mabc`, `x${R}abc`],
    ['twice, one of them joined', `${token}\u202ex and ${token}`, `${R}x and ${R}`],
  ])('%s: cleaned, and the token redacted', async (_, text, shown) => {
    expect(await redactShown(text)).toBe(shown);
  });

  it('keeps line breaks only in a multi-line text', async () => {
    expect(await redactShown(`a\n${token}\u202ex`)).toBe(`a\n${R}x`);
    expect(await redactShown(`a\n${token}\u202ex`, {})).toBe(`a ${R}x`);
  });
});

describe('mergeFindings / applyFindings', () => {
  it('merges overlapping and touching spans, keeping the first kind', () => {
    expect(
      mergeFindings([
        { kind: 'b', start: 5, end: 9 },
        { kind: 'a', start: 0, end: 6 },
        { kind: 'c', start: 9, end: 12 },
        { kind: 'd', start: 20, end: 22 },
        { kind: 'e', start: 30, end: 30 },
      ]),
    ).toEqual([
      { kind: 'a', start: 0, end: 12 },
      { kind: 'd', start: 20, end: 22 },
    ]);
  });

  it('replaces spans with placeholders', () => {
    expect(applyFindings('abcdefgh', [{ kind: 'x', start: 2, end: 4 }, { kind: 'y', start: 6, end: 8 }])).toBe(
      'ab[REDACTED:x]ef[REDACTED:y]',
    );
  });
});

describe('kindOf', () => {
  it('names secretlint rules with slugs', () => {
    expect(kindOf('@secretlint/secretlint-rule-github', 'GITHUB_TOKEN')).toBe('github-token');
    expect(kindOf('@secretlint/secretlint-rule-aws', 'AWSSecretAccessKey')).toBe('aws-secret-key');
    expect(kindOf('@secretlint/secretlint-rule-Some_New.Rule', 'X')).toBe('some-new-rule');
    expect(kindOf('@secretlint/secretlint-rule-', 'X')).toBe('secret');
  });
});
