/** Lines a diff adds or changes, per file, as numbered in the new version. */
export interface ChangedLines {
  path: string;
  /** 1-based, inclusive, in file order. */
  ranges: { start: number; end: number }[];
}

/** The arguments that make `git diff` print what {@link parseChangedLines} reads, whatever the user's settings. */
export const DIFF_ARGS = ['-c', 'core.quotePath=false', 'diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', '-M'];

const UTF8 = new TextEncoder();
const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', '"': '"', '\\': '\\' };

/** Undoes git's C-style quoting of a path (`"b/tab\there"`), octal bytes as UTF-8. */
export function unquotePath(quoted: string): string {
  if (!quoted.startsWith('"')) return quoted;
  const bytes: number[] = [];
  for (let i = 1; i < quoted.length - 1; i++) {
    const c = quoted[i]!;
    if (c !== '\\') {
      bytes.push(...UTF8.encode(c));
      continue;
    }
    const next = quoted[++i]!;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(quoted.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(...UTF8.encode(ESCAPES[next] ?? next));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/**
 * Reads `git diff --unified=0` (run with {@link DIFF_ARGS}): for each file still there
 * after the diff, the line ranges added or changed. Pure deletions add no range.
 */
export function parseChangedLines(diff: string): ChangedLines[] {
  const files: ChangedLines[] = [];
  let current: ChangedLines | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) current = undefined;
    else if (line.startsWith('+++ ')) {
      const name = unquotePath(line.slice(4).replace(/\t$/, ''));
      current = name.startsWith('b/') ? { path: name.slice(2), ranges: [] } : undefined;
      if (current) files.push(current);
    } else if (current) {
      const hunk = HUNK.exec(line);
      if (!hunk) continue;
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      if (count > 0) current.ranges.push({ start, end: start + count - 1 });
    }
  }
  return files.filter((f) => f.ranges.length > 0);
}
