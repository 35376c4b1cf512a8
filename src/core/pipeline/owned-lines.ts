/**
 * Lines `after` has that `before` had fewer of: what one of git-session's own edits of
 * the session file added. Counted as a multiset, so a line that was already there
 * once and was added again counts once.
 */
export function addedLines(before: string, after: string): string[] {
  const counts = new Map<string, number>();
  for (const line of before.split(/\r?\n/)) counts.set(line, (counts.get(line) ?? 0) + 1);
  const added: string[] = [];
  for (const line of after.split(/\r?\n/)) {
    const n = counts.get(line) ?? 0;
    if (n > 0) counts.set(line, n - 1);
    else if (line.trim() !== '') added.push(line);
  }
  return added;
}

/** Whether every line an edit added is still in `text`: the person did not take it out again. */
export function stillThere(added: readonly string[], text: string): boolean {
  const lines = new Set(text.split(/\r?\n/));
  return added.every((l) => lines.has(l));
}

/** One edit by a git-session command: the file's text before and after it. */
export interface OwnedEdit {
  before: string;
  after: string;
}

/**
 * Adds an edit to the list kept since the last commit: an edit that starts where
 * the previous one ended extends it, so consecutive commands keep one pair.
 */
export function appendOwnedEdit(edits: readonly OwnedEdit[], edit: OwnedEdit): OwnedEdit[] {
  if (edit.before === edit.after) return [...edits];
  const last = edits[edits.length - 1];
  if (last && last.after === edit.before) return [...edits.slice(0, -1), { before: last.before, after: edit.after }];
  return [...edits, edit];
}

/**
 * The edits recorded after `seen` was read, as {@link appendOwnedEdit} left them: the
 * edits appended since, and the part that extended the last one seen. Undefined when
 * `now` does not continue `seen` (the record was written anew meanwhile).
 */
export function editsSince(seen: readonly OwnedEdit[], now: readonly OwnedEdit[]): OwnedEdit[] | undefined {
  if (seen.length === 0) return [...now];
  const last = seen.length - 1;
  if (now.length < seen.length) return undefined;
  for (let i = 0; i < last; i++) if (now[i]!.before !== seen[i]!.before || now[i]!.after !== seen[i]!.after) return undefined;
  if (now[last]!.before !== seen[last]!.before) return undefined;
  const extended = now[last]!.after === seen[last]!.after ? [] : [{ before: seen[last]!.after, after: now[last]!.after }];
  return [...extended, ...now.slice(seen.length)];
}
