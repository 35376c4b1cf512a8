/**
 * One journal entry: what a commit (or a checkpoint) recorded about the session.
 * Rendered as a small markdown block that people read in the journal file and that
 * `log`, `why` and `review` parse back. Every value is one line.
 */
import { sanitiseText } from '../text/sanitise.js';

export interface JournalEntry {
  /** Local time with offset, `YYYY-MM-DD HH:MM +HH:MM`. */
  time: string;
  kind: 'commit' | 'checkpoint' | 'close';
  branch: string;
  /** `Name <email>`. */
  author: string;
  goal?: string;
  decisions: string[];
  deadEnds: string[];
  status?: string;
  files: JournalFile[];
  /** Human duration since the previous entry, e.g. `42m`, `3h 05m`, `2d 4h`. */
  sincePrevious?: string;
  /** What a revert entry undid: the reverted commit and its subject, one line. */
  reverts?: string;
  /**
   * The entry's identity, unique per commit (12 hex characters from the commit path):
   * the merge driver and the readers tell entries apart by it, so two same-minute
   * entries by one author stay two. Older entries have none.
   */
  id?: string;
}

export interface JournalFile {
  path: string;
  /** Lines added; null for binary files. */
  added: number | null;
  removed: number | null;
}

/** At most this many files are listed; the rest are counted. */
export const MAX_FILES = 25;

/**
 * An entry's heading line: time, kind, branch, author. The branch ends at the first
 * ` · `: git refuses spaces in branch names, while an author's name may hold ` · `.
 */
export const ENTRY_HEADING = /^### (\d{4}-\d{2}-\d{2} \d{2}:\d{2} [+-]\d{2}:\d{2}) · (commit|checkpoint|close) · (.*?) · (.*)$/;

/** The line that carries an entry's identity, always its last: `- Entry: <id>`. */
export const ENTRY_ID_PREFIX = '- Entry: ';

// Every field is one line without terminal control: a branch, an author or a file name
// can carry escape sequences, and the journal is read with cat and git log -p.
function oneLine(text: string): string {
  return sanitiseText(text).replace(/\s+/g, ' ').trim();
}

/**
 * Renders an entry, ending with its last line's newline. The blank line that keeps two
 * entries separate paragraphs is the writer's to put before the next one
 * (separatorBefore), so a journal file ends with one newline, as `git diff --check` and
 * end-of-file fixers want. Entries earlier versions wrote end with a blank line:
 * readers take both.
 */
export function renderEntry(entry: JournalEntry, eol = '\n'): string {
  const lines = [`### ${entry.time} · ${entry.kind} · ${oneLine(entry.branch)} · ${oneLine(entry.author)}`];
  if (entry.goal) lines.push(`- Goal: ${oneLine(entry.goal)}`);
  for (const d of entry.decisions) lines.push(`- Decision: ${oneLine(d)}`);
  for (const d of entry.deadEnds) lines.push(`- Dead end: ${oneLine(d)}`);
  if (entry.status) lines.push(`- Status: ${oneLine(entry.status)}`);
  if (entry.files.length > 0) {
    lines.push('- Files:');
    for (const f of entry.files.slice(0, MAX_FILES)) {
      const counts = f.added === null ? 'binary' : `+${f.added} -${f.removed ?? 0}`;
      lines.push(`  - ${oneLine(f.path)} (${counts})`);
    }
    if (entry.files.length > MAX_FILES) lines.push(`  - … and ${entry.files.length - MAX_FILES} more`);
  }
  if (entry.sincePrevious) lines.push(`- Since previous entry: ${entry.sincePrevious}`);
  if (entry.reverts) lines.push(`- Reverts: ${oneLine(entry.reverts)}`);
  // Last, so an entry's identity closes it: nothing of another entry can follow it unseen.
  if (entry.id) lines.push(`${ENTRY_ID_PREFIX}${oneLine(entry.id)}`);
  return lines.join(eol) + eol;
}

/**
 * Parses every entry in a journal text (a whole file, or just the lines a commit
 * added). Lines that are not part of an entry are skipped, so a hand-edited journal
 * or a union merge never makes it fail.
 */
export function parseEntries(text: string): JournalEntry[] {
  const entries: JournalEntry[] = [];
  let current: JournalEntry | undefined;
  let inFiles = false;
  for (const raw of text.split(/\r?\n/)) {
    const heading = ENTRY_HEADING.exec(raw);
    if (heading) {
      current = {
        time: heading[1]!,
        kind: heading[2] as JournalEntry['kind'],
        branch: heading[3]!,
        author: heading[4]!,
        decisions: [],
        deadEnds: [],
        files: [],
      };
      entries.push(current);
      inFiles = false;
      continue;
    }
    if (!current) continue;
    const file = inFiles ? /^ {2}- (.*) \((?:\+(\d+) -(\d+)|binary)\)$/.exec(raw) : null;
    if (file) {
      current.files.push({
        path: file[1]!,
        added: file[2] === undefined ? null : Number(file[2]),
        removed: file[3] === undefined ? null : Number(file[3]),
      });
      continue;
    }
    const field = /^- ([A-Za-z ]+):(?: (.*))?$/.exec(raw);
    inFiles = false;
    if (!field) continue;
    const value = field[2] ?? '';
    switch (field[1]) {
      case 'Goal':
        current.goal = value;
        break;
      case 'Decision':
        current.decisions.push(value);
        break;
      case 'Dead end':
        current.deadEnds.push(value);
        break;
      case 'Status':
        current.status = value;
        break;
      case 'Files':
        inFiles = true;
        break;
      case 'Since previous entry':
        current.sincePrevious = value;
        break;
      case 'Reverts':
        current.reverts = value;
        break;
      case 'Entry':
        current.id = value;
        break;
      default:
        break;
    }
  }
  return entries;
}

/** `YYYY-MM-DD HH:MM +HH:MM` for an instant seen at a UTC offset (minutes east of UTC). */
export function formatLocalTime(instant: Date, offsetMinutes: number): string {
  const local = new Date(instant.getTime() + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())} ${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** Parses `formatLocalTime` output back to an instant; undefined if it is not one. */
export function parseLocalTime(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}) ([+-])(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const offset = (m[6] === '-' ? -1 : 1) * (Number(m[7]) * 60 + Number(m[8]));
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  return new Date(utc - offset * 60_000);
}

/**
 * An entry's "since previous entry": the time between its heading and the previous
 * entry's, to the minute as both show it, so the journal agrees with itself and the
 * timeline sums what a reader can check. Undefined when either time is unreadable or
 * the entry is dated before the previous one (a backdated commit, entries placed by a
 * merge): the journal does not know that interval, and a made-up `0m` would count as
 * recorded time.
 */
export function sincePrevious(time: string, previousTime: string | undefined): string | undefined {
  const at = parseLocalTime(time);
  const previous = previousTime === undefined ? undefined : parseLocalTime(previousTime);
  if (!at || !previous || at.getTime() < previous.getTime()) return undefined;
  return formatDuration(at.getTime() - previous.getTime());
}

/** A short human duration: `0m`, `42m`, `3h 05m`, `2d 4h`. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** The ISO 8601 week-numbering year and week of a local date. */
export function isoWeek(instant: Date, offsetMinutes: number): { year: number; week: number } {
  const local = new Date(instant.getTime() + offsetMinutes * 60_000);
  const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return { year: d.getUTCFullYear(), week };
}

/** Fills the journal path template: `{year}` and `{week}` (two digits). */
export function journalPath(template: string, instant: Date, offsetMinutes: number): string {
  const { year, week } = isoWeek(instant, offsetMinutes);
  return template.replaceAll('{year}', String(year)).replaceAll('{week}', String(week).padStart(2, '0'));
}

/**
 * Reads a date the way git exports it to hooks (`GIT_AUTHOR_DATE=@1767565800 +0100`):
 * the instant and the author's UTC offset in minutes. Undefined for anything else.
 */
export function parseGitDate(text: string | undefined): { instant: Date; offsetMinutes: number } | undefined {
  const m = /^@(\d+) ([+-])(\d{2})(\d{2})$/.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const offsetMinutes = (m[2] === '-' ? -1 : 1) * (Number(m[3]) * 60 + Number(m[4]));
  return { instant: new Date(Number(m[1]) * 1000), offsetMinutes };
}
