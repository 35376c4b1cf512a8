import { describe, expect, it } from 'vitest';
import { findSecretsInSessionText, redactSessionText, unescapeForSecrets } from '../../../src/core/redact/index.js';

const TOKEN = ['ghp', '_', 'abcdefghijklmnopqrstuvwxyz0123456789'].join('');
const BODY = TOKEN.slice(4);

describe('secrets written in an escaped form', () => {
  it.each([
    ['a markdown escape', `ghp\\_${BODY}`],
    ['an HTML numeric entity', `ghp&#95;${BODY}`],
    ['an HTML hex entity', `ghp&#x5F;${BODY}`],
    ['an HTML named entity', `ghp&lowbar;${BODY}`],
    ['a zero-width space inside', `ghp_${BODY.slice(0, 10)}\u200b${BODY.slice(10)}`],
    ['a soft hyphen and a word joiner', `gh\u00adp_${BODY.slice(0, 5)}\u2060${BODY.slice(5)}`],
    ['a \\x escape', `ghp\\x5f${BODY}`],
    ['a \\u escape', `ghp\\u005f${BODY}`],
    ['percent-encoding', `ghp%5F${BODY}`],
    ['an escape sequence inside', `ghp_${BODY.slice(0, 8)}\x1b[0m${BODY.slice(8)}`],
    ['an entity inside an entity', `ghp&amp;#95;${BODY}`],
  ])('finds a token hidden by %s', async (_, hidden) => {
    const text = `## Decisions\n- Rotate ${hidden} — Reason: leaked\n`;
    expect(unescapeForSecrets(hidden)).toBe(TOKEN);
    const found = await findSecretsInSessionText(text);
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((f) => f.form === 'unescaped')).toBe(true);
    const shown = await redactSessionText(text);
    expect(unescapeForSecrets(shown)).not.toContain(BODY.slice(0, 20));
    expect(shown).toContain('[REDACTED:');
  });

  it('reports a raw token as raw, and leaves a text without secrets as it is', async () => {
    expect(await findSecretsInSessionText(`- use ${TOKEN}\n`)).toEqual([expect.objectContaining({ form: 'raw' })]);
    const plain = '- Escape dots as \\. in snake\\_case names &amp; keep 100%\n';
    expect(await findSecretsInSessionText(plain)).toEqual([]);
    expect(await redactSessionText(plain)).toBe(plain);
  });
});
