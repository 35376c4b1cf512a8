import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { statePath, writeStateQuietly } from './state-dir.js';
import { crypto } from './builtins.js';
import { gitBlobSha1 } from '../core/text/sha1.js';

/**
 * The blob ids git gives `text` when it is staged unfiltered (SHA-1 and SHA-256
 * repositories): `hash("blob <bytes>\\0" + bytes)`, computed here instead of asking git.
 */
export function blobIds(text: string): string[] {
  return [blobId(text, 'sha1'), blobId(text, 'sha256')];
}

/**
 * Up to this size a SHA-1 id is computed in JavaScript: loading node:crypto costs more
 * (~10 ms on Node 24, ~5 ms on Node 20) than hashing the text so (~0.4 ms per KB in a
 * process that just started, most session files being a few KB).
 */
const SCRIPT_SHA1_BYTES = 12 * 1024;

/** Whether `text`, staged unfiltered, is the blob `id` (a 64-digit id names a SHA-256 repository). */
export function isBlobOf(text: string, id: string): boolean {
  return (id.length === 64 ? blobId(text, 'sha256') : sha1BlobId(text)) === id;
}

/** The SHA-1 blob id of `text`, in JavaScript for a small one (see SCRIPT_SHA1_BYTES). */
function sha1BlobId(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return bytes.length <= SCRIPT_SHA1_BYTES ? gitBlobSha1(bytes) : blobId(text, 'sha1');
}

function blobId(text: string, algo: 'sha1' | 'sha256'): string {
  const bytes = Buffer.from(text, 'utf8');
  return crypto().createHash(algo).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Where the texts of the session file last staged (or written by a command) are kept, beside the cache. */
function textPath(cachePath: string): string {
  return statePath(dirname(cachePath), 'sessionText');
}

/**
 * A session file text kept by its blob ids. `cleanOf`: the blob ids of the work-tree
 * text this is the private filter's form of, that is what `git add` stages for it.
 */
export interface KeptText {
  ids: string[];
  text: string;
  cleanOf?: string[];
}

/**
 * Texts kept, newest first: the last one staged (the next commit's base), and what a
 * command wrote and started from. Three, as each is read and rewritten whole by every
 * store, and a large session file makes that the cost.
 */
const KEPT_TEXTS = 3;

function keptTexts(cachePath: string): KeptText[] {
  try {
    const kept = JSON.parse(readFileSync(textPath(cachePath), 'utf8')) as { texts?: unknown };
    if (!Array.isArray(kept.texts)) return [];
    return kept.texts.filter(
      (t): t is KeptText =>
        typeof t === 'object' && t !== null && Array.isArray((t as KeptText).ids) && typeof (t as KeptText).text === 'string' && ((t as KeptText).cleanOf === undefined || Array.isArray((t as KeptText).cleanOf)),
    );
  } catch {
    return [];
  }
}

/**
 * The session file text whose blob id is `id`, if it is kept (see {@link storeTexts}):
 * a commit diffs against it, and stages a command's lines onto it, without asking git
 * for the blob.
 */
export function cachedText(cachePath: string, id: string): string | undefined {
  return keptTexts(cachePath).find((t) => t.ids.includes(id))?.text;
}

/**
 * Finds the private filter's form of a work-tree text (what `git add` stages for it),
 * when the command that wrote or started from it kept it: the hook stages a command's
 * lines in that form without loading the parser the filter needs. Reads what is kept once.
 */
export function cleanFormsOf(cachePath: string): (text: string) => string | undefined {
  const withClean = keptTexts(cachePath).filter((t) => t.cleanOf !== undefined);
  // A text is known by its SHA-1 id whatever the repository's hash: no SHA-256, so no node:crypto for a small one.
  return (text) => {
    if (withClean.length === 0) return undefined;
    const id = sha1BlobId(text);
    return withClean.find((t) => t.cleanOf!.includes(id))?.text;
  };
}

/** Keeps `text` (whose blob ids are `ids`) for {@link cachedText}; a failure only costs a git call later. */
export function storeText(cachePath: string, ids: string[], text: string): void {
  storeTexts(cachePath, [{ ids, text }]);
}

/**
 * Keeps texts for {@link cachedText} and {@link cleanFormOf}, first given first, before
 * those kept already. Two writers at once can lose one's texts, never mix them up: each
 * is found by the ids of its own bytes. A failure only costs a git call later.
 */
export function storeTexts(cachePath: string, texts: readonly KeptText[]): void {
  const old = keptTexts(cachePath);
  const fresh: KeptText[] = [];
  // One entry per text: what is known of it already (another id, what it is the clean form of) stays.
  for (const t of [...texts, ...old]) {
    const same = fresh.find((f) => f.text === t.text);
    if (!same) fresh.push({ ...t, ids: [...t.ids], ...(t.cleanOf ? { cleanOf: [...t.cleanOf] } : {}) });
    else {
      for (const id of t.ids) if (!same.ids.includes(id)) same.ids.push(id);
      for (const id of t.cleanOf ?? []) if (!(same.cleanOf ??= []).includes(id)) same.cleanOf.push(id);
    }
  }
  const kept = fresh.slice(0, KEPT_TEXTS).map((t) => (t.cleanOf && t.cleanOf.length > 8 ? { ...t, cleanOf: t.cleanOf.slice(0, 8) } : t));
  writeStateQuietly(textPath(cachePath), JSON.stringify({ texts: kept }));
}

/**
 * The work tree's copy of a file when it is exactly the blob `id` (what is staged is
 * usually what is on disk): hashing it is cheaper than starting git to read the blob.
 */
export function workTreeText(path: string, id: string): string | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    // Only the repository's own hash: a SHA-1 id has 40 digits, a SHA-256 one 64.
    return isBlobOf(text, id) ? text : undefined;
  } catch {
    return undefined;
  }
}
