/** What `git blame --porcelain -L` says about a range: who last changed each line. */
export interface BlameResult {
  /** Full hashes of the commits that last changed a line, each once, in the order blame first names them. */
  commits: string[];
  /** Lines (as numbered now) that are not committed yet. */
  uncommitted: number[];
  /** The last line blame reported; below the asked end when the file is shorter. */
  lastLine: number;
}

// `<hash> <line in that commit> <line now> [<lines in group>]`; SHA-1 or SHA-256.
const GROUP = /^([0-9a-f]{40}|[0-9a-f]{64}) \d+ (\d+)(?: \d+)?$/;
const UNCOMMITTED = /^0+$/;

/**
 * Parses `git blame --porcelain` output. Only the line headers matter: the commit
 * details are read afterwards with the session trailers, in one `git log` call.
 * Content lines start with a tab, so they never pass for a header.
 */
export function parseBlame(output: string): BlameResult {
  const seen = new Set<string>();
  const commits: string[] = [];
  const uncommitted: number[] = [];
  let lastLine = 0;
  for (const line of output.split('\n')) {
    if (line.startsWith('\t')) continue;
    const group = GROUP.exec(line);
    if (!group) continue;
    const hash = group[1]!;
    const now = Number(group[2]);
    lastLine = Math.max(lastLine, now);
    if (UNCOMMITTED.test(hash)) uncommitted.push(now);
    else if (!seen.has(hash)) {
      seen.add(hash);
      commits.push(hash);
    }
  }
  return { commits, uncommitted, lastLine };
}

/** Line numbers as short ranges: `[3, 4, 5, 9]` becomes `3-5, 9`. */
export function lineRanges(lines: readonly number[]): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    let end = start;
    while (sorted[i + 1] === end + 1) end = sorted[++i]!;
    parts.push(start === end ? String(start) : `${start}-${end}`);
  }
  return parts.join(', ');
}
