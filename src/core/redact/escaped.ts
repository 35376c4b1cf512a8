import { sanitiseApart, sanitiseText } from '../text/sanitise.js';
import { mayHoldSecret, redactSecrets } from './redact.js';

// Characters that render as nothing: a token with one inside looks whole on screen.
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
// Every character unescapeForSecrets acts on, so a text without one reads the same
// unescaped: the controls sanitiseText takes out (tab and line feed it keeps), the
// invisible characters, and what opens an escape.
const ESCAPING = /[\x00-\x08\x0b-\x1f\x7f-\x9f%&\\\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/;
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', lowbar: '_', UnderBar: '_', period: '.', colon: ':',
  sol: '/', bsol: '\\', hyphen: '-', dash: '-', equals: '=', plus: '+', num: '#', dollar: '$', percnt: '%', commat: '@',
  lsqb: '[', rsqb: ']', lbrack: '[', rbrack: ']', lpar: '(', rpar: ')', lcub: '{', rcub: '}', ast: '*', excl: '!', quest: '?', grave: '`', tilde: '~', semi: ';', comma: ',', verbar: '|',
};

function fromCode(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

/**
 * `text` as a reader or a renderer may end up showing it: control sequences and
 * invisible characters removed, HTML entities (`&#95;`, `&#x5f;`, `&lowbar;`),
 * markdown backslash escapes (`ghp\_…`), `\xNN` / `\uNNNN` escapes and `%NN`
 * percent-encoding decoded. Only for finding secrets: it is not a faithful unescape.
 */
export function unescapeForSecrets(text: string): string {
  let out = sanitiseText(text, { multiline: true }).replace(INVISIBLE, '');
  // Twice: `&amp;#95;` and `\\_` hide one escape inside another.
  for (let i = 0; i < 2; i++) {
    out = out
      .replace(/&#[xX]([0-9a-fA-F]{1,6});?/g, (_, h: string) => fromCode(parseInt(h, 16)))
      .replace(/&#([0-9]{1,7});?/g, (_, d: string) => fromCode(parseInt(d, 10)))
      .replace(/&([A-Za-z]+);/g, (m, name: string) => NAMED[name] ?? m)
      .replace(/\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})/g, (_, a?: string, b?: string, c?: string) => fromCode(parseInt((a ?? b ?? c)!, 16)))
      .replace(/%([0-9a-fA-F]{2})/g, (m, h: string) => {
        const code = parseInt(h, 16);
        return code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : m;
      })
      .replace(/\\([!-/:-@[-`{-~])/g, '$1')
      .replace(INVISIBLE, '');
  }
  return out;
}

/** A secret found in a session text, and whether it was only visible once unescaped. */
export interface SessionSecret {
  kind: string;
  /** `raw`: in the text as written; `unescaped`: only after {@link unescapeForSecrets}. */
  form: 'raw' | 'unescaped';
}

/**
 * Every secret-looking span in a session text, checked as written and as it reads
 * once unescaped (markdown escapes, HTML entities, invisible characters inside a
 * token, backslash and percent escapes, control sequences): what a commit check
 * must call on the raw SESSION.md text, so a token written as `ghp\_…` is refused too.
 */
export async function findSecretsInSessionText(raw: string): Promise<SessionSecret[]> {
  const { written, unescaped } = await kindsBothWays(raw);
  const found: SessionSecret[] = written.map((kind) => ({ kind, form: 'raw' }));
  const seen = new Set(written);
  for (const kind of unescaped) if (written.length === 0 || !seen.has(kind)) found.push({ kind, form: 'unescaped' });
  return found;
}

/**
 * The kinds of the secrets in `raw` as written, and in it unescaped (none when
 * unescaping changes nothing). Unescaped, it is read twice: with what hides a token
 * taken out (joining the parts it split), and with a space for each control character
 * (see sanitiseApart), as a control can stand between a token and the letters after
 * it (`ghp_…\u202ex`, a token coloured by an escape sequence); of each kind, the larger
 * count of the two.
 */
async function kindsBothWays(raw: string): Promise<{ written: string[]; unescaped: string[] }> {
  const kinds = async (text: string) => (await redactSecrets(text)).findings.map((f) => f.kind);
  const written = await kinds(raw);
  const plain = unescapeForSecrets(raw);
  const apart = sanitiseApart(raw, { multiline: true });
  const joined = plain === raw ? [] : await kinds(plain);
  const spaced = apart === raw ? [] : await kinds(apart);
  const count = (list: readonly string[], kind: string) => list.filter((k) => k === kind).length;
  const unescaped = [...new Set([...joined, ...spaced])].flatMap((kind) => Array<string>(Math.max(count(joined, kind), count(spaced, kind))).fill(kind));
  return { written, unescaped };
}

/**
 * The kinds of the secrets in a session text, each as often as it occurs as written or,
 * if more often, once unescaped (see {@link findSecretsInSessionText}): what a commit
 * compares with its base's, so a second token of a kind, hidden by an escape beside
 * one in plain sight, still counts as new.
 */
export async function sessionSecretKinds(raw: string): Promise<string[]> {
  const { written, unescaped } = await kindsBothWays(raw);
  const count = (list: readonly string[]) => list.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
  const seen = count(written);
  const kinds = [...written];
  for (const [kind, n] of count(unescaped)) for (let i = seen.get(kind) ?? 0; i < n; i++) kinds.push(kind);
  return kinds;
}

/**
 * Whether {@link redactSessionText} could change `text`; false means it returns it as
 * it is. Synchronous and cheap for the many short texts of a long history (items,
 * journal fields): the anchor patterns, and only for a text holding an escape or an
 * invisible character, those again on the text unescaped.
 */
export function mayHoldSessionSecret(text: string): boolean {
  return mayHoldSecret(text) || (ESCAPING.test(text) && mayHoldSecret(unescapeForSecrets(text)));
}

/**
 * `text` with every secret replaced by `[REDACTED:<kind>]`, also one that shows only
 * once unescaped: then the unescaped text is returned, redacted, since a renderer
 * (a PR page, a markdown viewer) would show it unescaped.
 */
export async function redactSessionText(text: string): Promise<string> {
  const direct = await redactSecrets(text);
  const plain = unescapeForSecrets(direct.text);
  if (plain === direct.text) return direct.text;
  const hidden = await redactSecrets(plain);
  return hidden.findings.length > 0 ? hidden.text : direct.text;
}
