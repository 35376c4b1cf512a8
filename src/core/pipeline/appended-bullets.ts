import { sessionSecretKinds } from '../redact/index.js';
import { oneLine } from '../session/mdast-text.js';
import { splitItemReason } from '../session/reasons.js';
import { unescapeMarkdown } from '../session/unescape.js';
import type { AnchorKind, BulletAnchor } from './bullet-anchors.js';
import { redactEntries } from './redact-entries.js';
import type { SessionSummary } from './session-summary.js';

/**
 * A bullet that parses the same wherever it follows an anchor: one space after the
 * marker, then a letter or digit (not an ordered-list marker), and no character that
 * markdown reads as syntax, so the line is one plain paragraph in one list item.
 * Made on first use: V8 builds the Unicode property classes when the literal is
 * evaluated, ~1 ms that a commit which appended no bullets would pay for nothing.
 */
let plainBullet: RegExp | undefined;

/** Whether `line` (without its line ending) is a bullet the parser-free path may read. */
export function isPlainBullet(line: string): boolean {
  plainBullet ??= /^[-*+] (?![0-9]+[.)](?:[ \t]|$))[\p{L}\p{N}][^`*_[\]<>&\\|~#\p{Cc}]*$/u;
  return plainBullet.test(line);
}

/** A summary derived without the parser, and the anchors of the text it summarises. */
export interface AppendedSummary {
  summary: SessionSummary;
  anchors: BulletAnchor[];
}

interface Insertion {
  anchor: BulletAnchor;
  /** Line numbers in the staged text, in order. */
  lines: number[];
}

/**
 * The insertions that turn `base` into `staged`, when `staged` only adds whole lines
 * and every run of them is plain bullets right after an anchor; undefined otherwise.
 */
function insertions(baseLines: readonly string[], stagedLines: readonly string[], anchors: readonly BulletAnchor[]): { found: Insertion[]; lineOf: number[] } | undefined {
  const byLine = new Map(anchors.map((a) => [a.line, a]));
  const found: Insertion[] = [];
  const lineOf: number[] = [];
  let j = 0;
  for (let i = 0; i < stagedLines.length; i++) {
    const line = stagedLines[i]!;
    if (j < baseLines.length && line === baseLines[j]) {
      lineOf.push(i);
      j++;
      continue;
    }
    if (!isPlainBullet(line.replace(/\r$/, ''))) return undefined;
    const last = found[found.length - 1];
    if (last && last.lines[last.lines.length - 1] === i - 1) {
      last.lines.push(i);
      continue;
    }
    const anchor = byLine.get(j - 1);
    if (!anchor) return undefined;
    found.push({ anchor, lines: [i] });
  }
  return j === baseLines.length ? { found, lineOf } : undefined;
}

/**
 * The summary of `staged` derived from `base`'s summary and anchors, when `staged`
 * differs from `base` only by plain bullets appended right after anchors (see
 * {@link BulletAnchor}): what summarizeSession would return, without the markdown
 * parser. Undefined when the edit is anything else: the caller parses instead.
 */
export async function appendedSummary(
  base: AppendedSummary,
  baseText: string,
  staged: string,
): Promise<AppendedSummary | undefined> {
  // A lone CR ends a line for the parser, not for this line-by-line comparison.
  if (/\r(?!\n)/.test(staged) || /\r(?!\n)/.test(baseText)) return undefined;
  const stagedLines = staged.split('\n');
  const diff = insertions(baseText.split('\n'), stagedLines, base.anchors);
  if (!diff) return undefined;

  const lists: Record<AnchorKind, SessionSummary['decisions']> = { decisions: [], deadEnds: [] };
  const anchors: BulletAnchor[] = [];
  for (const kind of ['decisions', 'deadEnds'] as const) {
    const old = kind === 'decisions' ? base.summary.decisions : base.summary.deadEnds;
    const after = new Map<number, Insertion[]>();
    for (const ins of diff.found) {
      if (ins.anchor.kind === kind) after.set(ins.anchor.index, [...(after.get(ins.anchor.index) ?? []), ins]);
    }
    const kept = new Map(base.anchors.filter((a) => a.kind === kind).map((a) => [a.index, a]));
    const added: { text: string; reason: string | null }[] = [];
    const at: number[] = [];
    const out = lists[kind];
    for (let k = 0; k < old.length; k++) {
      const anchor = kept.get(k);
      if (anchor) anchors.push({ line: diff.lineOf[anchor.line]!, kind, index: out.length });
      out.push(old[k]!);
      for (const ins of after.get(k) ?? []) {
        for (const n of ins.lines) {
          // The parser's reading of a plain bullet: the line after the marker, reason split off.
          const split = splitItemReason(oneLine(stagedLines[n]!.slice(2)));
          added.push({ text: unescapeMarkdown(split.text), reason: split.reason === null ? null : unescapeMarkdown(split.reason) });
          anchors.push({ line: n, kind, index: out.length });
          at.push(out.length);
          out.push(added[added.length - 1]!);
        }
      }
    }
    // The new entries are redacted like the parser's; the base's already are.
    const redacted = await redactEntries(added);
    redacted.forEach((entry, r) => (out[at[r]!] = entry));
  }
  return {
    summary: { ...base.summary, decisions: lists.decisions, deadEnds: lists.deadEnds, secretKinds: await sessionSecretKinds(staged) },
    anchors: anchors.sort((a, b) => a.line - b.line),
  };
}
