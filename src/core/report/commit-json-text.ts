import type { CommitJson } from './commits.js';
import type { Reasoned } from './types.js';

const q = JSON.stringify;
const KEY = '\n      ';
const ITEM = '\n        ';

function strings(values: readonly string[]): string {
  return values.length === 0 ? '[]' : `[${ITEM}${values.map((v) => q(v)).join(`,${ITEM}`)}${KEY}]`;
}

function reasoned(values: readonly Reasoned[]): string {
  if (values.length === 0) return '[]';
  const items = values.map((v) => `{${ITEM}  "text": ${q(v.text)},${ITEM}  "reason": ${v.reason === null ? 'null' : q(v.reason)}${ITEM}}`);
  return `[${ITEM}${items.join(`,${ITEM}`)}${KEY}]`;
}

/**
 * One commit as `JSON.stringify(report, null, 2)` writes it as an item of a
 * top-level array property (four spaces in), byte for byte, without building the
 * whole report: written field by field, since a history can hold a million commits.
 */
export function commitJsonText(c: CommitJson): string {
  // Journal entries are rare and have optional fields: let JSON.stringify lay them out, then indent.
  const journal = c.journal.length === 0 ? '[]' : q(c.journal, null, 2).replace(/\n/g, KEY);
  return (
    `{${KEY}"commit": ${q(c.commit)},${KEY}"short": ${q(c.short)},${KEY}"subject": ${q(c.subject)},` +
    `${KEY}"author": ${q(c.author)},${KEY}"date": ${q(c.date)},${KEY}"parents": ${strings(c.parents)},` +
    `${KEY}"decisions": ${reasoned(c.decisions)},${KEY}"deadEnds": ${reasoned(c.deadEnds)},${KEY}"journal": ${journal}\n    }`
  );
}
