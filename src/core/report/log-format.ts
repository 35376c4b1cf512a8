import type { CommitRecord, FileStat } from './types.js';
import { loudMentions } from '../trailers/loud-mentions.js';

/** Starts every commit record; git never puts it in a hash, name, date or trailer value. */
export const RECORD_MARK = '\x02';
const FIELD = '\x1f';
const VALUE = '\x1e';

/** Trailer keys to read: the decision key, and every key that counts as a dead end. */
export interface TrailerKeys {
  decision: string;
  deadEnds: readonly string[];
}

/**
 * The `--format` for `git log -z`: one record per commit with its session trailers,
 * read from git's own trailer block (never from the message body). All keys go in
 * one placeholder so git parses each message's trailers once; `unfold` because a
 * folded value would otherwise come back with an embedded newline.
 */
export function commitFormat(keys: TrailerKeys): string {
  const keyOptions = [keys.decision, ...keys.deadEnds].map((k) => `key=${k}`).join(',');
  return [
    `${RECORD_MARK}%H`,
    // git's own abbreviation, unique among all objects of the repository. Cutting %H
    // to `git rev-parse --short HEAD`'s length would save little (about 0.07 s of git
    // time on 100,000 commits) and could show a prefix that another object shares.
    '%h',
    '%P',
    '%an',
    '%ae',
    '%aI',
    '%s',
    `%(trailers:${keyOptions},unfold,separator=%x1e)`,
  ].join('%x1f');
}

/** Sorts `Key: value` trailers (keys as spelled in the message) into decisions and dead ends. */
function sortTrailers(field: string | undefined, keys: TrailerKeys): { decisions: string[]; deadEnds: string[] } {
  const decisions: string[] = [];
  const deadEnds: string[] = [];
  if (!field) return { decisions, deadEnds };
  const decision = keys.decision.toLowerCase();
  for (const trailer of field.split(VALUE)) {
    const colon = trailer.indexOf(':');
    if (colon < 0) continue;
    const key = trailer.slice(0, colon).trim().toLowerCase();
    // A squash commit built from a pull request description holds the action's quieted mentions.
    const value = loudMentions(trailer.slice(colon + 1).trim());
    if (value === '') continue;
    if (key === decision) decisions.push(value);
    else deadEnds.push(value);
  }
  return { decisions, deadEnds };
}

function count(text: string): number | null {
  return text === '-' ? null : Number(text);
}

const NUMSTAT = /^(\d+|-)\t(\d+|-)\t([^]*)$/;

/** Parses one commit header written by `commitFormat` (starting with the record mark, without its NUL). */
export function parseHeader(token: string, keys: TrailerKeys): CommitRecord {
  const f = token.split(FIELD);
  const parents = f[2] ?? '';
  // Most commits carry no session trailer: skip the sorting for them.
  const trailers = f[7] ? sortTrailers(f[7], keys) : undefined;
  return {
    hash: (f[0] ?? '').slice(RECORD_MARK.length),
    short: f[1] ?? '',
    parents: parents === '' ? [] : parents.split(' '),
    authorName: f[3] ?? '',
    authorEmail: f[4] ?? '',
    date: f[5] ?? '',
    subject: f[6] ?? '',
    decisions: trailers ? trailers.decisions : [],
    deadEnds: trailers ? trailers.deadEnds : [],
    files: [],
  };
}

/**
 * Parses the output of `git log -z --format=<commitFormat> [--numstat]`. With -z,
 * each header and each numstat line ends in NUL, and a rename's numstat is
 * `a\tb\t` NUL old NUL new: paths come through unquoted whatever they hold.
 */
export function parseCommitRecords(output: string, keys: TrailerKeys): CommitRecord[] {
  const records: CommitRecord[] = [];
  const tokens = output.split('\0');
  let current: CommitRecord | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!.replace(/^\n/, '');
    if (token.startsWith(RECORD_MARK)) {
      current = parseHeader(token, keys);
      records.push(current);
      continue;
    }
    const stat = current ? NUMSTAT.exec(token) : null;
    if (!stat || !current) continue;
    const file: FileStat = { path: stat[3]!, added: count(stat[1]!), removed: count(stat[2]!) };
    if (file.path === '') {
      file.oldPath = tokens[i + 1] ?? '';
      file.path = tokens[i + 2] ?? '';
      i += 2;
    }
    current.files.push(file);
  }
  return records;
}

/** The keys to read for a repository's settings: its decision key, and its dead-end key plus the accepted aliases. */
export function trailerKeys(trailers: { decision: string; deadEnd: string }, aliases: readonly string[]): TrailerKeys {
  const deadEnds: string[] = [];
  for (const key of [trailers.deadEnd, ...aliases]) {
    if (!deadEnds.some((k) => k.toLowerCase() === key.toLowerCase())) deadEnds.push(key);
  }
  return { decision: trailers.decision, deadEnds };
}

/** git's own filter options. Dates go to git exactly as given (`last thursday`, `2 weeks ago`): git reads them. */
export function gitFilters(f: { since?: string; until?: string; author?: string; grep?: string }): string[] {
  const out: string[] = [];
  if (f.since !== undefined) out.push(`--since=${f.since}`);
  if (f.until !== undefined) out.push(`--until=${f.until}`);
  if (f.author !== undefined) out.push(`--author=${f.author}`);
  if (f.grep !== undefined) out.push(`--grep=${f.grep}`);
  return out;
}
