/** A decision or dead end as the session model reports it. */
export interface SessionEntry {
  text: string;
  reason: string | null;
}

/**
 * The form two entries are compared in: markdown emphasis and code marks, case,
 * spacing and trailing punctuation do not make an entry new.
 */
export function normaliseEntryText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[*_`~]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;:,!]+$/, '')
    .toLowerCase();
}

/** Entries of `after` whose text is not in `before`, each once, in `after`'s order. */
export function newEntries(before: readonly SessionEntry[], after: readonly SessionEntry[]): SessionEntry[] {
  const seen = new Set(before.map((e) => normaliseEntryText(e.text)));
  const fresh: SessionEntry[] = [];
  for (const entry of after) {
    const key = normaliseEntryText(entry.text);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    fresh.push(entry);
  }
  return fresh;
}

/**
 * Secret kinds in `after` beyond those in `before`, counted per kind: what a commit
 * would newly put into the session file's history (a secret already committed is
 * in history whatever this commit does).
 */
export function addedKinds(before: readonly string[], after: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const kind of before) left.set(kind, (left.get(kind) ?? 0) + 1);
  const added: string[] = [];
  for (const kind of after) {
    const n = left.get(kind) ?? 0;
    if (n > 0) left.set(kind, n - 1);
    else added.push(kind);
  }
  return added;
}
