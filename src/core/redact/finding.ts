/** A secret-looking span of a text: `text.slice(start, end)` is what gets replaced. */
export interface Finding {
  /** A short slug of what was found (`aws-access-key`, `github-token`, ...): only [a-z0-9-]. */
  kind: string;
  start: number;
  end: number;
}

/** Sorts findings and merges overlapping or touching ones; a merged span keeps the first kind. */
export function mergeFindings(findings: readonly Finding[]): Finding[] {
  const sorted = [...findings].filter((f) => f.end > f.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Finding[] = [];
  for (const f of sorted) {
    const last = merged[merged.length - 1];
    if (last && f.start <= last.end) last.end = Math.max(last.end, f.end);
    else merged.push({ ...f });
  }
  return merged;
}

/** Replaces each (merged, sorted) finding with `[REDACTED:<kind>]`. */
export function applyFindings(text: string, findings: readonly Finding[]): string {
  let out = '';
  let at = 0;
  for (const f of findings) {
    out += `${text.slice(at, f.start)}[REDACTED:${f.kind}]`;
    at = f.end;
  }
  return out + text.slice(at);
}
