import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findSecretsInSessionText,
  mayHoldSessionSecret,
  redactSessionText,
  shownSessionTexts,
  unescapeForSecrets,
} from '../../../src/core/redact/index.js';

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

describe('the cheap check before a session text is redacted', () => {
  it.each([
    ['written whole', TOKEN],
    ['an HTML entity', `ghp&#95;${BODY}`],
    ['percent-encoding', `ghp%5F${BODY}`],
    ['a zero-width space', `gh\u200bp_${BODY}`],
    ['a markdown escape', `ghp\\_${BODY}`],
    ['an escape sequence', `ghp_${BODY.slice(0, 8)}\x1b[0m${BODY.slice(8)}`],
  ])('lets a token %s through', (_, hidden) => {
    expect(mayHoldSessionSecret(`Rotate ${hidden} — Reason: leaked`)).toBe(true);
  });

  it('stops a text that holds neither an anchor nor an escape', () => {
    expect(mayHoldSessionSecret('Store every length in millimetres')).toBe(false);
  });

  it('never stops a text that redaction would change', async () => {
    const prefix = fc.constantFrom('ghp_', 'ghp&#95;', 'ghp&#x5f;', 'ghp&lowbar;', 'ghp%5F', 'gh\u200bp_', 'ghp\\_', 'ghp\\x5f', 'ghp', '_');
    const filler = fc.constantFrom(' ', 'a', '&', '%', '\\', ';', '&amp;', '\x1b[0m', '\u2060');
    const pieces = fc.oneof(prefix.map((p) => p + BODY), prefix, filler);
    await fc.assert(
      fc.asyncProperty(fc.array(pieces, { maxLength: 8 }), async (parts) => {
        const text = parts.join('');
        if (!mayHoldSessionSecret(text)) expect(await redactSessionText(text)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the texts of a history as the readers show them', () => {
  it('redacts each hidden token, cleans control characters, and keeps the rest as it is', async () => {
    const split = `${TOKEN.slice(0, 10)}\x07${TOKEN.slice(10)}`;
    const texts = ['Keep 100% & more', `Rotate ghp&#95;${BODY}`, `Use ${split}`, 'Keep 100% & more', ''];
    const shown = await shownSessionTexts(texts);
    expect([...shown]).toEqual([
      ['Keep 100% & more', 'Keep 100% & more'],
      [`Rotate ghp&#95;${BODY}`, 'Rotate [REDACTED:github-token]'],
      [`Use ${split}`, 'Use [REDACTED:github-token]'],
      ['', ''],
    ]);
  });
});
