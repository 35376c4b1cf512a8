import { join } from 'node:path';
import { cachedEntry, cachedSummary, storeSummary } from './commit-state.js';
import { cachedText, storeText, workTreeText } from './session-text.js';
import { git } from './git.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { conflictMarkers } from '../core/session/conflict.js';
import { appendedSummary } from '../core/pipeline/appended-bullets.js';
import { addedKinds, newEntries, type SessionEntry } from '../core/pipeline/session-diff.js';
import type { SessionSummary } from '../core/pipeline/session-summary.js';
import { lazy } from './lazy.js';
import { MAX_SESSION_BYTES } from './fs.js';

export interface Where {
  cwd: string;
  env: NodeJS.ProcessEnv;
  sessionFile: string;
  cachePath: string;
}

/** A staged session file with conflict markers: never parsed as if whole. */
export class ConflictedSession extends Error {
  constructor(readonly lines: number[]) {
    super(`conflict markers at lines ${lines.join(', ')}`);
  }
}

/**
 * Refuses a staged session file that is not text, or that is mid-conflict: git hands the blob over decoded, so
 * a NUL byte or a replacement character (an invalid UTF-8 sequence) is all that shows.
 */
function assertText(source: string, file: string): void {
  // The same limit as the commands: parsing a file of several MB would hold every commit for seconds.
  const size = source.length > MAX_SESSION_BYTES / 4 ? Buffer.byteLength(source, 'utf8') : 0;
  const problem =
    size > MAX_SESSION_BYTES
      ? `is ${size} bytes, over the 1 MB limit`
      : source.includes('\0')
        ? 'looks binary (it contains NUL bytes)'
        : source.includes('\uFFFD')
          ? 'is not valid UTF-8'
          : undefined;
  if (!problem) {
    const markers = conflictMarkers(source);
    if (markers.length > 0) throw new ConflictedSession(markers);
    return;
  }
  throw new GitSessionError(ExitCode.BadInput, `${problem}.`, {
    file,
    fix:
      size > MAX_SESSION_BYTES
        ? `Move what is done out of ${file} (it is read on every commit and every session start), then git add it.`
        : `Restore it (git restore --staged --worktree ${file}) or re-save it as UTF-8 text.`,
  });
}

/** Reads, parses, redacts and caches the text of blob `blob`; only this loads the markdown parser. */
async function parseAndCache(w: Where, blob: string, source: string, keep: readonly string[] = []): Promise<SessionSummary> {
  assertText(source, w.sessionFile);
  const { summarizeWithAnchors } = await lazy('session-parser', () => import('../core/pipeline/session-summary.js'));
  const { summary, anchors } = await summarizeWithAnchors(source, w.sessionFile);
  storeSummary(w.cachePath, [blob], summary, anchors, keep);
  return summary;
}

/**
 * The summary of a session file blob: from the cache (primed by the commands that write
 * the file, and by earlier commits), or read, parsed, redacted and cached. Only a miss
 * (a hand edit) loads the markdown parser and the secret scanner.
 */
export async function summaryFor(w: Where, blob: string): Promise<SessionSummary> {
  const cached = cachedSummary(w.cachePath, blob);
  if (cached) return cached;
  return parseAndCache(w, blob, (await git(['cat-file', 'blob', blob], { cwd: w.cwd, env: w.env })).stdout);
}

/** The texts of two blobs with one git call; undefined if git does not hand both over. */
async function blobTexts(w: Where, a: string, b: string): Promise<[string, string] | undefined> {
  const out = await git(['cat-file', '--batch'], { cwd: w.cwd, env: w.env, input: `${a}\n${b}\n`, allowFailure: true });
  // Byte sizes only match the decoded text when it decoded cleanly.
  if (out.code !== 0 || out.stdout.includes('\uFFFD')) return undefined;
  // Each object: "<id> blob <bytes>\n<content>\n"; sizes count UTF-8 bytes.
  const buf = Buffer.from(out.stdout, 'utf8');
  const texts: string[] = [];
  let at = 0;
  for (let i = 0; i < 2; i++) {
    const nl = buf.indexOf(10, at);
    const head = /^\S+ blob (\d+)$/.exec(buf.subarray(at, nl).toString('utf8'));
    if (nl === -1 || !head) return undefined;
    const size = Number(head[1]);
    texts.push(buf.subarray(nl + 1, nl + 1 + size).toString('utf8'));
    at = nl + 1 + size + 1;
  }
  return [texts[0]!, texts[1]!];
}

/**
 * The staged blob's summary when it is not cached but the base's is and the staged
 * text only appends plain bullets to its decisions or dead ends: derived without the
 * parser (see appendedSummary), else parsed. Either way it is cached.
 */
async function stagedSummary(w: Where, blob: string, baseBlob: string | undefined): Promise<SessionSummary> {
  const cached = cachedSummary(w.cachePath, blob);
  if (cached) return cached;
  // The base stays cached beside it: a commit that fails after this hook reads it again.
  const keep = baseBlob ? [baseBlob] : [];
  const base = baseBlob ? cachedEntry(w.cachePath, baseBlob) : undefined;
  if (!baseBlob || !base || base.anchors.length === 0) {
    // Parsed in full; its text is kept, as the next commit's base.
    const source = workTreeText(join(w.cwd, w.sessionFile), blob) ?? (await git(['cat-file', 'blob', blob], { cwd: w.cwd, env: w.env })).stdout;
    storeText(w.cachePath, [blob], source);
    return parseAndCache(w, blob, source, keep);
  }
  // Both texts are usually at hand: the staged one on disk, the base kept by the commit that staged it.
  const onDisk = workTreeText(join(w.cwd, w.sessionFile), blob);
  const kept = cachedText(w.cachePath, baseBlob);
  const texts = onDisk !== undefined && kept !== undefined ? ([onDisk, kept] as const) : await blobTexts(w, blob, baseBlob);
  if (!texts) return summaryFor(w, blob);
  const [staged, baseText] = texts;
  assertText(staged, w.sessionFile);
  storeText(w.cachePath, [blob], staged);
  const derived = await appendedSummary(base, baseText, staged);
  if (!derived) return parseAndCache(w, blob, staged, keep);
  storeSummary(w.cachePath, [blob], derived.summary, derived.anchors, keep);
  return derived.summary;
}

/** What the commit adds to the session file, ready to leave it (private parts out, secrets redacted). */
export interface SessionDelta {
  summary: SessionSummary;
  decisions: SessionEntry[];
  deadEnds: SessionEntry[];
  /** Kinds of secrets found in the staged file itself. */
  secretKinds: string[];
  /** Those the base did not hold: what this commit would newly put into history. */
  newSecretKinds: string[];
}

/**
 * Compares the staged session file with the base's (HEAD's, or its parent's on an
 * amend): decisions and dead ends whose text is new. A base without the file (a first
 * commit), or one the parser refuses with no `older` versions to read instead, makes
 * every entry new. An amended merge's other
 * parents (`merged`) count as bases too: what they brought is not the merge's own.
 */
export async function sessionDelta(
  w: Where,
  blob: string,
  baseBlob: string | undefined,
  merged: readonly (string | undefined)[] = [],
  older?: () => Promise<(string | undefined)[]>,
): Promise<SessionDelta> {
  // The bases first: storing the staged summary may push an older entry out of the cache.
  const bases: SessionSummary[] = [];
  let refused = false;
  const read = async (ids: readonly (string | undefined)[]) => {
    for (const b of ids) {
      try {
        if (b) bases.push(await summaryFor(w, b));
      } catch {
        // A base the parser refuses holds nothing to compare with.
        refused = true;
      }
    }
  };
  await read([baseBlob, ...merged]);
  // A base committed with conflict markers: the commit that mends it is compared with
  // the versions it was made from, as the readers compare it, so that it records what
  // it adds to them, not every item of the file again.
  if (refused && older) await read(await older());
  const summary = await stagedSummary(w, blob, baseBlob);
  // A secret any parent holds is in history already; each kind counted as often as the parent with most of it.
  const held = bases.reduce<string[]>((all, b) => [...all, ...addedKinds(all, b.secretKinds)], []);
  return {
    summary,
    decisions: newEntries(bases.flatMap((b) => b.decisions), summary.decisions),
    deadEnds: newEntries(bases.flatMap((b) => b.deadEnds), summary.deadEnds),
    secretKinds: summary.secretKinds,
    newSecretKinds: addedKinds(held, summary.secretKinds),
  };
}
