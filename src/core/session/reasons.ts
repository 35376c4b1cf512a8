/** An entry's text split from the reason given for it. */
export interface Reasoned {
  text: string;
  reason: string | null;
}

const MARKED = /(?:\s+[—–]+\s*|\s+-{1,2}\s+|\s*[;,.]\s*|\s*\(\s*|\s+)\*{0,2}_?(?:reason|why|rationale)_?\*{0,2}\s*:\s*\*{0,2}\s*/i;
const DASH = /\s+(?:[—–]|--)\s+/;
const BECAUSE = /,?\s+(?:because|since)\s+/i;
const BOLD_LEAD = /^\*\*([^*]+?)\*\*\s*(?::\s*|[—–-]+\s*)?(.+)$/;

function clean(reason: string, opened: boolean): string | null {
  let r = reason.trim();
  if (opened) r = r.replace(/\)\s*\.?$/, '').trim();
  r = r.replace(/^(?:because|since)\s+/i, '').trim();
  return r === '' ? null : r;
}

/**
 * Splits `Use X — Reason: Y`, `Use X - Reason: Y`, `Use X — Y`, `Use X -- Y`,
 * `Use X because Y`, `Use X (why: Y)` and `**Use X**: Y` into text and reason.
 */
export function splitItemReason(line: string): Reasoned {
  const s = line.trim();
  const marked = MARKED.exec(s);
  if (marked && marked.index > 0) {
    return { text: s.slice(0, marked.index).trim(), reason: clean(s.slice(marked.index + marked[0].length), marked[0].includes('(')) };
  }
  const dash = DASH.exec(s);
  if (dash && dash.index > 0) {
    return { text: s.slice(0, dash.index).trim(), reason: clean(s.slice(dash.index + dash[0].length), false) };
  }
  const bold = BOLD_LEAD.exec(s);
  if (bold && bold[2] && !/^[.,;]?$/.test(bold[2].trim())) {
    return { text: bold[1]!.trim(), reason: clean(bold[2], false) };
  }
  const because = BECAUSE.exec(s);
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
