import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readText, type RepoDirs } from './repo-layout.js';
import { BUILD_KEY } from './build-key.js';
import { readState as readStateText, stateDirOf, statePath, writeStateQuietly, type StateFile } from './state-dir.js';

// What the edit-time hook keeps under the git dir's `git-session/`, found and read
// without starting git: it runs before every file an assistant reads, so finding
// the repository (repo-layout.ts), HEAD and the index costs a few file reads.


/** The commit HEAD names, read from the ref files; undefined on an unborn branch or an odd layout. */
export function readHeadCommit(dirs: RepoDirs): string | undefined {
  const head = readText(join(dirs.gitDir, 'HEAD'))?.trim();
  if (!head) return undefined;
  if (/^[0-9a-f]{40,64}$/.test(head)) return head;
  const ref = /^ref:\s*(refs\/\S+)$/.exec(head)?.[1];
  if (!ref) return undefined;
  const loose = readText(join(dirs.commonDir, ref))?.trim() ?? readText(join(dirs.gitDir, ref))?.trim();
  if (loose && /^[0-9a-f]{40,64}$/.test(loose)) return loose;
  const packed = readText(join(dirs.commonDir, 'packed-refs'));
  if (!packed) return undefined;
  for (const line of packed.split('\n')) {
    const [id, name] = line.split(' ');
    if (name === ref && id && /^[0-9a-f]{40,64}$/.test(id)) return id;
  }
  return undefined;
}

/** Where one of git-session's state files lives for this work tree. */
export function statePathOf(dirs: RepoDirs, file: StateFile): string {
  return statePath(stateDirOf(dirs.gitDir), file);
}

/** Reads a JSON state file; undefined when missing or unreadable. */
export function readState<T>(path: string): T | undefined {
  const text = readStateText(path);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** Writes a JSON state file atomically; a failure (a read-only git dir) only costs the next run a rebuild. */
export function writeState(path: string, value: unknown): void {
  writeStateQuietly(path, JSON.stringify(value));
}

/**
 * {@link writeState} for an object whose last field is a long list, written a slice of
 * the list at a time: HEAD's kept walk of 100,000 commits is megabytes of JSON, and one
 * string of it, with its bytes, raised the peak memory of a first `log` by ~10 MB.
 * `perLine` puts each element on a line of its own (still one JSON text), for
 * {@link readStateLines}.
 */
export function writeStateList(path: string, fields: Record<string, unknown>, name: string, list: readonly unknown[], perLine = false): void {
  writeStateQuietly(path, jsonPieces(fields, name, list, perLine));
}

function* jsonPieces(fields: Record<string, unknown>, name: string, list: readonly unknown[], perLine: boolean): Generator<string> {
  const head = JSON.stringify(fields);
  const nl = perLine ? '\n' : '';
  yield `${head.slice(0, -1)}${head === '{}' ? '' : ','}${JSON.stringify(name)}:[${nl}`;
  const SLICE = 1000;
  for (let i = 0; i < list.length; i += SLICE) {
    yield (i > 0 ? `,${nl}` : '') + list.slice(i, i + SLICE).map((v) => JSON.stringify(v) ?? 'null').join(`,${nl}`);
  }
  yield `${nl}]}`;
}

/**
 * Puts `element` into a list written with `perLine`, in place of any whose line holds
 * `needle`, keeping the newest `max`: the other lines are copied as they are, never
 * parsed, so adding one to a full file costs a copy of it. A file with other fields (or
 * none) is started afresh.
 */
export function keepStateLine(path: string, fields: Readonly<Record<string, string>>, name: string, needle: string, element: unknown, max: number): void {
  const head = `${JSON.stringify(fields).slice(0, -1)},${JSON.stringify(name)}:[`;
  const lines = (readStateText(path) ?? '').split('\n');
  const kept = lines[0] === head && lines.at(-1) === ']}' ? lines.slice(1, -1).filter((line) => line !== '' && !line.includes(needle)) : [];
  const list = [...kept.map((line) => line.replace(/,$/, '')), JSON.stringify(element)].slice(-max);
  writeStateQuietly(path, `${head}\n${list.join(',\n')}\n]}`);
}

/**
 * The elements of a list written with `perLine` whose line holds one of `needles`, in
 * the file's order, without decoding or parsing the rest: a reader that wants a few
 * commits' entries of 100,000 then pays for those alone. JSON escapes every line
 * break inside a string, so each line is one element. Undefined when the file is
 * missing, not written a line per element, damaged where it is read, or its fields
 * (the first line) differ from `fields`.
 */
export function readStateLines(path: string, fields: Readonly<Record<string, string>>, needles: readonly string[]): unknown[] | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return undefined;
  }
  const first = bytes.indexOf(0x0a);
  if (first < 0) return undefined;
  try {
    const head = JSON.parse(`${bytes.toString('utf8', 0, first)}]}`) as Record<string, unknown>;
    if (Object.entries(fields).some(([name, value]) => head[name] !== value)) return undefined;
    const found = new Map<number, unknown>();
    for (const needle of needles) {
      for (let at = bytes.indexOf(needle, first); at >= 0; at = bytes.indexOf(needle, at + 1)) {
        const start = bytes.lastIndexOf(0x0a, at) + 1;
        const end = bytes.indexOf(0x0a, at);
        if (end < 0) return undefined;
        if (!found.has(start)) found.set(start, JSON.parse(bytes.toString('utf8', start, end).replace(/,$/, '')));
        at = end;
      }
    }
    return [...found].sort((a, b) => a[0] - b[0]).map(([, value]) => value);
  } catch {
    return undefined;
  }
}

/** The identity of what the index was built with: the build and `.gitsession`, so a change of either rebuilds it. */
export function settingsStamp(root: string): string {
  const text = `${BUILD_KEY}\n${readText(join(root, '.gitsession')) ?? ''}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${text.length}:${hash.toString(16)}`;
}
