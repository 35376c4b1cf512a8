import { redactSessionText, redactShown } from '../redact/index.js';

/**
 * A copy of `value` with every string in it (walking arrays and plain objects)
 * sanitised (control sequences removed, line breaks kept) and then redacted:
 * secret-looking spans become `[REDACTED:<kind>]`. The secret check sees the text as
 * written and as the output is built from it (see redactShown): a token split by an
 * escape sequence is found whole, one followed by a control character and letters is
 * found before they are joined, and so is one written with a markdown escape, an HTML
 * entity or an invisible character. Keys named in `keep` are copied as they are (file
 * names the tool chose, not text a person wrote).
 */
export async function redactDeep<T>(value: T, keep: readonly string[] = []): Promise<T> {
  const walk = async (v: unknown): Promise<unknown> => {
    if (typeof v === 'string') return v === '' ? v : await redactSessionText(await redactShown(v));
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
