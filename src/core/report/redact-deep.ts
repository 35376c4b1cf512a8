import { shownSessionText } from '../redact/index.js';

/**
 * A copy of `value` with every string in it (walking arrays and plain objects) shown
 * as every reader shows session text (see shownSessionText): control sequences removed
 * (line breaks kept), secret-looking spans `[REDACTED:<kind>]`, also a token split by
 * an escape sequence, one a control character joins to the letters after it, and one
 * written with a markdown escape, an HTML entity or an invisible character. Keys named
 * in `keep` are copied as they are (file names the tool chose, not text a person wrote).
 */
export async function redactDeep<T>(value: T, keep: readonly string[] = []): Promise<T> {
  const walk = async (v: unknown): Promise<unknown> => {
    if (typeof v === 'string') return v === '' ? v : await shownSessionText(v);
    if (Array.isArray(v)) return Promise.all(v.map(walk));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = keep.includes(k) ? x : await walk(x);
      return out;
    }
    return v;
  };
  return (await walk(value)) as T;
}
