import { DEAD_END_ALIASES, type Config } from '../config.js';
import { formatTrailer, sanitizeValue, type Trailer } from '../trailers/index.js';

/** The commits `git merge --squash` lists in SQUASH_MSG (`commit <sha>` lines). */
export function squashedCommits(message: string): string[] {
  const shas: string[] = [];
  for (const line of message.split(/\r?\n/)) {
    const m = /^commit ([0-9a-f]{7,64})$/.exec(line);
    if (m && !shas.includes(m[1]!)) shas.push(m[1]!);
  }
  return shas;
}

/** Every key whose trailers carry decisions or dead ends (configured keys and aliases). */
export function sessionTrailerKeys(trailers: Config['trailers']): string[] {
  const keys = [trailers.decision, trailers.deadEnd, ...DEAD_END_ALIASES];
  return keys.filter((k, i) => keys.findIndex((o) => o.toLowerCase() === k.toLowerCase()) === i);
}

/** `--format` for `git log` that prints each commit's session trailers, unfolded, after a record separator. */
export function trailerLogFormat(trailers: Config['trailers']): string {
  const keys = sessionTrailerKeys(trailers).map((k) => `key=${k}`).join(',');
  return `%x1e%H%x1f%s%x1f%(trailers:${keys},unfold)`;
}

/** One commit as `trailerLogFormat` prints it. */
export interface LoggedCommit {
  sha: string;
  subject: string;
  trailers: Trailer[];
}

/** Parses the output of `git log --format=<trailerLogFormat>`. */
export function parseTrailerLog(output: string): LoggedCommit[] {
  const commits: LoggedCommit[] = [];
  for (const record of output.split('\x1e')) {
    const [sha, subject, block] = record.split('\x1f');
    if (!sha || subject === undefined) continue;
    const trailers: Trailer[] = [];
    for (const line of (block ?? '').split('\n')) {
      const m = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
      if (m && m[2]!.trim() !== '') trailers.push({ key: m[1]!, value: m[2]!.trim() });
    }
    commits.push({ sha: sha.trim(), subject, trailers });
  }
  return commits;
}

/**
 * Session trailers under the configured keys (aliases become the dead-end key), each
 * once: the same key and value from several commits is one trailer.
 */
export function mergeSessionTrailers(trailers: readonly Trailer[], keys: Config['trailers']): Trailer[] {
  const deadEnds = new Set([keys.deadEnd, ...DEAD_END_ALIASES].map((k) => k.toLowerCase()));
  const out: Trailer[] = [];
  const seen = new Set<string>();
  for (const t of trailers) {
    const lower = t.key.toLowerCase();
    const key = lower === keys.decision.toLowerCase() ? keys.decision : deadEnds.has(lower) ? keys.deadEnd : undefined;
    const value = sanitizeValue(t.value);
    if (!key || value === '') continue;
    const id = `${key.toLowerCase()}\0${value.toLowerCase()}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ key, value });
  }
  return out;
}

/** A line that can sit in a commit body: one line, and never a comment, patch divider or trailer-looking line start. */
function bodyLine(text: string): string {
  return sanitizeValue(text).replace(/^(#|-{3,})\s*/, '');
}

export interface SquashMessageInput {
  /** Fallback subject when the range has several commits (a branch name). */
  title: string | undefined;
  /** The range's commits, oldest first. */
  commits: readonly LoggedCommit[];
  keys: Config['trailers'];
}

/**
 * A message for a hosted squash merge: a subject, a body listing the squashed commits,
 * and every decision and dead end of the range in the last paragraph, ready to paste.
 */
export function renderSquashMessage(input: SquashMessageInput): string {
  const commits = input.commits;
  const only = commits.length === 1 ? commits[0] : undefined;
  const subject = bodyLine(only?.subject ?? input.title ?? commits[0]?.subject ?? 'Squashed changes') || 'Squashed changes';
  const parts = [subject];
  if (commits.length > 1) parts.push(commits.map((c) => `- ${bodyLine(c.subject)}`).join('\n'));
  const trailers = mergeSessionTrailers(commits.flatMap((c) => c.trailers), input.keys);
  if (trailers.length > 0) parts.push(trailers.map((t) => formatTrailer(t.key, t.value)).join('\n'));
  return parts.join('\n\n') + '\n';
}
