import type { Config } from '../config.js';
import { formatTrailer, joinReason } from '../trailers/index.js';
import type { SessionEntry } from './session-diff.js';

/** What a commit records: new entries already redacted, the goal for a `Session:` trailer. */
export interface TrailerPlanInput {
  decisions: readonly SessionEntry[];
  deadEnds: readonly SessionEntry[];
  goal: string | null;
  trailers: Config['trailers'];
}

/** A trailer as `git interpret-trailers --trailer` takes it, and how to treat an existing one. */
export interface PlannedTrailer {
  /** `Key: value`, folded (continuation lines start with a space). */
  line: string;
  /** `addIfDifferent` for decisions and dead ends; `replace` for the single `Session:` trailer. */
  ifExists: 'addIfDifferent' | 'replace';
}

/** The trailer lines for a commit, in the order they go into the message. */
export function planTrailers(input: TrailerPlanInput): PlannedTrailer[] {
  const out: PlannedTrailer[] = [];
  for (const d of input.decisions) {
    out.push({ line: formatTrailer(input.trailers.decision, joinReason(d.text, d.reason)), ifExists: 'addIfDifferent' });
  }
  for (const d of input.deadEnds) {
    out.push({ line: formatTrailer(input.trailers.deadEnd, joinReason(d.text, d.reason)), ifExists: 'addIfDifferent' });
  }
  if (input.trailers.session && input.goal) {
    out.push({ line: formatTrailer('Session', joinReason(input.goal, null)), ifExists: 'replace' });
  }
  return out.filter((t) => !/^[A-Za-z0-9-]+:\s*$/.test(t.line));
}

/**
 * The trailer lines planTrailers writes for every item of a session file version, as
 * woven into a message: what an amend or a rebase fold may take out again.
 */
export function wovenLines(version: Pick<TrailerPlanInput, 'decisions' | 'deadEnds' | 'goal'>, trailers: TrailerPlanInput['trailers']): string[] {
  return planTrailers({ ...version, trailers }).map((t) => t.line);
}

/**
 * At most this many trailers, and this many bytes of them, go into one message. The
 * hand-off reaches git through `xargs`, which splits an argument list past ~128 KiB
 * (and would separate a `--trailer` from its value); a message with hundreds of
 * trailers helps no reader either. Everything still goes into the journal.
 */
export const MAX_TRAILERS = 40;
export const MAX_TRAILER_BYTES = 32 * 1024;

/** Keeps the first trailers within the limits; `omitted` counts the rest. */
export function capTrailers(
  trailers: readonly PlannedTrailer[],
  limits = { count: MAX_TRAILERS, bytes: MAX_TRAILER_BYTES },
): { kept: PlannedTrailer[]; omitted: number } {
  const kept: PlannedTrailer[] = [];
  let bytes = 0;
  for (const t of trailers) {
    const size = new TextEncoder().encode(t.line).length + 16;
    if (kept.length >= limits.count || bytes + size > limits.bytes) break;
    kept.push(t);
    bytes += size;
  }
  return { kept, omitted: trailers.length - kept.length };
}

/**
 * The arguments for `git interpret-trailers` that weave `trailers` into `file`. Ours go
 * at the start of the block, above git's own lines such as `Signed-off-by`: after
 * them, the next `commit -s` would see no sign-off last and add a second one. Each
 * goes to the start, so they are passed last first to keep their order.
 */
export function interpretTrailersArgs(trailers: readonly PlannedTrailer[], file: string): string[] {
  const args = ['interpret-trailers', '--in-place', '--no-divider', '--where', 'start'];
  let mode: string | undefined;
  for (const t of [...trailers].reverse()) {
    if (t.ifExists !== mode) {
      args.push('--if-exists', t.ifExists, '--if-missing', 'add');
      mode = t.ifExists;
    }
    args.push('--trailer', t.line);
  }
  args.push(file);
  return args;
}

/**
 * git's options for every `interpret-trailers` that weaves ours: a configured
 * `trailer.separators` (say `=`) would otherwise split `Decision: a — b=c` at the `=`.
 */
export const WEAVE_CONFIG = ['-c', 'trailer.separators=:'] as const;

/**
 * The hand-off file's text: the `git interpret-trailers` arguments that follow the
 * message file, NUL-separated, as `xargs -0` passes them on (the hook line supplies
 * `--in-place --no-divider --if-exists addIfDifferent <file>` before them).
 */
export function encodeHandOff(trailers: readonly PlannedTrailer[]): string {
  return handOffArgs(trailers).map((a) => a + '\0').join('');
}

/**
 * The `git interpret-trailers` arguments a hand-off carries (see {@link encodeHandOff}),
 * without a NUL in any of them; [] for no trailers.
 */
export function handOffArgs(trailers: readonly PlannedTrailer[]): string[] {
  if (trailers.length === 0) return [];
  return interpretTrailersArgs(trailers, '').slice(3, -1).map((a) => a.replace(/\0/g, ''));
}

/** The arguments in a hand-off file's text (see {@link encodeHandOff}). */
export function decodeHandOff(text: string): string[] {
  const args = text.split('\0');
  if (args[args.length - 1] === '') args.pop();
  return args;
}

/**
 * A hand-off's arguments (see {@link handOffArgs}) without the trailers `message`
 * already holds as a line of its own, folded or not. git adds a trailer only when the
 * last block lacks it, but a `rebase -i` squash or fixup leaves the squashed commits'
 * trailers in earlier paragraphs, and an amend must not add them a second time.
 * [] when no trailer is left.
 */
export function withoutHeldTrailers(args: readonly string[], message: string): string[] {
  const unfold = (text: string) => text.replace(/\r?\n[ \t]+/g, ' ');
  const lines = new Set(unfold(message).split(/\r?\n/).map((l) => l.trim()));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--trailer' && i + 1 < args.length && lines.has(unfold(args[i + 1]!).trim())) {
      i++;
      continue;
    }
    out.push(args[i]!);
  }
  return out.includes('--trailer') ? out : [];
}
