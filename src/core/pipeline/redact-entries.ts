import { redactSessionText } from '../redact/index.js';
import type { SessionEntry } from './session-diff.js';

/**
 * `text` with secret-looking spans replaced, also one hidden by an escape or an
 * invisible character (then the text as a renderer shows it); null and '' stay as they are.
 */
export async function redactText(text: string | null): Promise<string | null> {
  return text ? redactSessionText(text) : text;
}

/**
 * Entries with secret-looking spans replaced. Both ways of summarising a session file
 * (the parser's and the appended-bullets one) go through here, so they redact alike.
 */
export async function redactEntries(list: readonly { text: string; reason: string | null }[]): Promise<SessionEntry[]> {
  const out: SessionEntry[] = [];
  for (const e of list) out.push({ text: (await redactText(e.text)) ?? '', reason: await redactText(e.reason) });
  return out;
}
