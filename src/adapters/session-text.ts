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
  if (id.length === 40) {
    const bytes = Buffer.from(text, 'utf8');
    if (bytes.length <= SCRIPT_SHA1_BYTES) return gitBlobSha1(bytes) === id;
  }
  return blobId(text, id.length === 64 ? 'sha256' : 'sha1') === id;
}

function blobId(text: string, algo: 'sha1' | 'sha256'): string {
  const bytes = Buffer.from(text, 'utf8');
  return crypto().createHash(algo).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Where the text of the session file last staged (or written by a command) is kept, beside the cache. */
function textPath(cachePath: string): string {
  return statePath(dirname(cachePath), 'sessionText');
}

/**
 * The session file text whose blob id is `id`, if it is the one last kept by
 * {@link storeText}: a commit after one that changed the session file diffs against
 * it without asking git for HEAD's copy.
 */
export function cachedText(cachePath: string, id: string): string | undefined {
  try {
    const kept = JSON.parse(readFileSync(textPath(cachePath), 'utf8')) as { ids?: unknown; text?: unknown };
    return Array.isArray(kept.ids) && kept.ids.includes(id) && typeof kept.text === 'string' ? kept.text : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps `text` (whose blob ids are `ids`) for {@link cachedText}; a failure only costs a git call later. */
export function storeText(cachePath: string, ids: string[], text: string): void {
  writeStateQuietly(textPath(cachePath), JSON.stringify({ ids, text }));
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
