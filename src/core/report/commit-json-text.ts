import type { JournalEntry } from '../journal/entry.js';
import { authorOf, reasonedOf } from './commits.js';
import type { CommitRecord, Reasoned } from './types.js';

// One commit as `JSON.stringify(report, null, 2)` writes it as an item of a top-level
// array property (four spaces in), byte for byte, without building the whole report:
// written field by field, since a history can hold a million commits.

const q = JSON.stringify;
const KEY = '\n      ';
const ITEM = '\n        ';

/** The value of a commit's "journal" field, as `JSON.stringify(report, null, 2)` writes it. */
export function journalJsonText(journal: readonly JournalEntry[]): string {
  // Journal entries are rare and have optional fields: let JSON.stringify lay them out, then indent.
  return journal.length === 0 ? '[]' : q(journal, null, 2).replace(/\n/g, KEY);
}

const EMPTY_TAIL = '[]\n    }';

/**
 * Puts a "journal" value (from `journalJsonText`) into a commit text written without
 * journal entries: byte-identical to writing them in.
 */
export function insertJournalJson(text: string, journal: string): string {
  return `${text.slice(0, text.length - EMPTY_TAIL.length)}${journal}\n    }`;
}

const NO_TRAILERS_TAIL = `,${KEY}"decisions": [],${KEY}"deadEnds": [],${KEY}"journal": ${EMPTY_TAIL}`;

function reasonedPieces(values: readonly Reasoned[], out: string[]): void {
  if (values.length === 0) {
    out.push('[]');
    return;
  }
  out.push('[');
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out.push(i === 0 ? ITEM : `,${ITEM}`, `{${ITEM}  "text": `, q(v.text), `,${ITEM}  "reason": `, v.reason === null ? 'null' : q(v.reason));
    if (v.status !== undefined) out.push(`,${ITEM}  "status": `, q(v.status), `,${ITEM}  "changedBy": `, v.changedBy ? q(v.changedBy) : 'null');
    out.push(`${ITEM}}`);
  }
  out.push(KEY, ']');
}

/**
 * One commit of the JSON log, with no journal entries (see `insertJournalJson`),
 * written straight from the record as pieces pushed onto `out`: on a big history
 * the pieces of hundreds of commits are joined at once, with no object or string
 * built per commit.
 */
export function commitJsonPieces(commit: CommitRecord, out: string[]): void {
  // Hashes and git's strict ISO dates never need escaping; the rest goes through JSON.stringify.
  out.push(`{${KEY}"commit": "`, commit.hash, `",${KEY}"short": "`, commit.short, `",${KEY}"subject": `, q(commit.subject));
  out.push(`,${KEY}"author": `, q(authorOf(commit)), `,${KEY}"date": "`, commit.date, `",${KEY}"parents": `);
  const parents = commit.parents;
  if (parents.length === 0) out.push('[]');
  else {
    out.push(`[${ITEM}"`);
    for (let i = 0; i < parents.length; i++) out.push(i === 0 ? parents[i]! : `",${ITEM}"${parents[i]!}`);
    out.push(`"${KEY}]`);
  }
  const decisions = reasonedOf(commit, 'decisions');
  const deadEnds = reasonedOf(commit, 'deadEnds');
  if (decisions.length === 0 && deadEnds.length === 0) {
    out.push(NO_TRAILERS_TAIL);
    return;
  }
  out.push(`,${KEY}"decisions": `);
  reasonedPieces(decisions, out);
  out.push(`,${KEY}"deadEnds": `);
  reasonedPieces(deadEnds, out);
  out.push(`,${KEY}"journal": ${EMPTY_TAIL}`);
}
