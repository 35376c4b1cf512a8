import { splitCodeSpans } from './unescape.js';

/** An entry's text split from the reason given for it. */
export interface Reasoned {
  text: string;
  reason: string | null;
}

const MARKED = /(?:\s+[—–]+\s*|\s+-{1,2}\s+|\s*[;,.]\s*|\s*\(\s*|\s+)\*{0,2}_?(?:reason|why|rationale)_?\*{0,2}\s*:\s*\*{0,2}\s*/i;
// After a bare space only a capitalised marker separates: "Add a why: section" is one decision.
const BARE_LOWER = /^\s+\*{0,2}_?[a-z]/;
const DASH = /\s+(?:[—–]|--)\s+/;
const BECAUSE = /,?\s+(?:because|since)\s+/i;
const BOLD_LEAD = /^\*\*([^*]+?)\*\*\s*(?::\s*|[—–-]+\s*)?(.+)$/d;

function clean(reason: string, opened: boolean, marked = false): string | null {
  let r = reason.trim();
  if (opened) r = r.replace(/\)\s*\.?$/, '').trim();
  // After `Reason:` the words are the reason as written: "because of the rate limit" stays.
  if (!marked) r = r.replace(/^(?:because|since)\s+/i, '').trim();
  return r === '' ? null : r;
}

/** `s` with every code span's content blanked out (same length, so indices carry over). */
function masked(s: string): string {
  return splitCodeSpans(s, true)
    .map((p) => (p.code ? '\uE000'.repeat(p.text.length) : p.text))
    .join('');
}

/**
 * Splits `Use X — Reason: Y`, `Use X - Reason: Y`, `Use X — Y`, `Use X -- Y`,
 * `Use X because Y`, `Use X (why: Y)` and `**Use X**: Y` into text and reason.
 * With `asWritten` (key files: ``- `path` — why``) a reason keeps a leading "because".
 */
export function splitItemReason(line: string, options: { asWritten?: boolean } = {}): Reasoned {
  const s = line.trim();
  // Markers are looked for outside code spans: `(why: x)` in backticks is the entry's text.
  const m = s.includes('`') ? masked(s) : s;
  const marked = MARKED.exec(m);
  if (marked && marked.index > 0 && !BARE_LOWER.test(marked[0])) {
    return { text: s.slice(0, marked.index).trim(), reason: clean(s.slice(marked.index + marked[0].length), marked[0].includes('('), true) };
  }
  const dash = DASH.exec(m);
  if (dash && dash.index > 0) {
    return { text: s.slice(0, dash.index).trim(), reason: clean(s.slice(dash.index + dash[0].length), false, options.asWritten) };
  }
  const bold = BOLD_LEAD.exec(m);
  if (bold?.indices?.[1] && bold.indices[2] && !/^[.,;]?$/.test(bold[2]!.trim())) {
    const [[ts, te], [rs, re]] = [bold.indices[1], bold.indices[2]];
    return { text: s.slice(ts, te).trim(), reason: clean(s.slice(rs, re), false) };
  }
  const because = BECAUSE.exec(m);
  if (because && because.index > 0) {
    return { text: s.slice(0, because.index).trim(), reason: clean(s.slice(because.index + because[0].length), false) };
  }
  return { text: s, reason: null };
}

/** A sub-bullet that gives the reason for its parent: `Reason: …`, `Why: …`, `Because …`. */
export function reasonLine(line: string): string | null {
  const m = /^\*{0,2}(?:reason|why|because|rationale)\*{0,2}\s*:?\*{0,2}\s+(.+)$/i.exec(line.trim());
  return m ? m[1]!.trim() : null;
}
