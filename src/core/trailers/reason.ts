import { sanitizeValue } from './format.js';

/** What separates a decision (or dead end) from its reason inside one trailer value. */
export const REASON_SEPARATOR = ' — ';

/** Splits `text — reason` back into its parts (the last ` — `); reason null when absent. */
export function splitReason(value: string): { text: string; reason: string | null } {
  const at = value.lastIndexOf(REASON_SEPARATOR);
  if (at === -1) return { text: value.trim(), reason: null };
  const reason = value.slice(at + REASON_SEPARATOR.length).trim();
  return { text: value.slice(0, at).trim(), reason: reason === '' ? null : reason };
}

/** `text — reason` (just text when no reason), sanitized. */
export function joinReason(text: string, reason: string | null | undefined): string {
  const t = sanitizeValue(text);
  const r = reason == null ? '' : sanitizeValue(reason);
  return r === '' ? t : `${t}${REASON_SEPARATOR}${r}`;
}
