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

/** One commit of a squash message: its id, subject and the trailers it is given. */
export interface LoggedCommit {
  sha: string;
  subject: string;
  trailers: Trailer[];
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
