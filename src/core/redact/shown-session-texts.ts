import { sanitiseText, type SanitiseOptions } from '../text/sanitise.js';
import { mayHoldSessionSecret, redactSessionText } from './escaped.js';
import { redactShown } from './redact.js';

/**
 * Text from a session file (or written by hand into a journal) as a reader shows it:
 * without terminal control, every secret redacted that the commit check would have
 * found, also one hidden by an escape or an invisible character (see
 * redactSessionText) and one that cleaning joins to the letters beside it (see
 * redactShown). A version committed without the hooks was never checked. A text that
 * holds no terminal control and cannot hold a secret costs two patterns, no await.
 */
export async function shownSessionText(text: string, options: SanitiseOptions = { multiline: true }): Promise<string> {
  const clean = sanitiseText(text, options);
  const shown = clean === text ? clean : await redactShown(text, options);
  return mayHoldSessionSecret(shown) ? redactSessionText(shown) : shown;
}

/**
 * Each distinct text of `texts` as {@link shownSessionText} shows it on one line, as
 * items and journal fields are shown. A long history repeats its texts: each is judged once.
 */
export async function shownSessionTexts(texts: Iterable<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const text of texts) if (!out.has(text)) out.set(text, await shownSessionText(text, {}));
  return out;
}
