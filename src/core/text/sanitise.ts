import { ExitCode, GitSessionError } from '../../errors.js';

// Terminal control sequences, 7-bit (ESC-introduced) and 8-bit (C1-introduced):
// - strings (OSC window titles and OSC 8 links, DCS, SOS, PM, APC) up to their
//   terminator (BEL, ESC \ or ST); the payload stops at the next ESC, so scanning stays linear;
// - CSI (colours, cursor moves, screen clears) with parameters and intermediates;
// - any other escape (charset switches, keypad modes, RIS).
const STRINGS = /(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)/g;
const CSI = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]/g;
const ESCAPE = /\x1b[\x20-\x2f]*[\x30-\x7e]/g;
// What is left: C0 controls but tab and line feed, a carriage return not ending a line, DEL, C1.
const CONTROLS_MULTILINE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)/g;
const CONTROLS_LINE = /[\x00-\x08\x0e-\x1f\x7f-\x9f]/g;
const LINE_BREAKS = /[\t\n\x0b\x0c\r]/g;
// Unicode's bidirectional overrides and isolates: printed, they reorder the text around
// them, so what a reviewer reads is not what the bytes say ("Trojan Source").
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const SUSPECT = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

export interface SanitiseOptions {
  /** Keep line feeds, tabs and CRLF line ends (a multi-line field such as a file's text); otherwise each becomes a space. */
  multiline?: boolean;
}

/**
 * `text` without terminal control: bidirectional overrides and isolates, escape
 * sequences (CSI, OSC titles and OSC 8 links, DCS, 8-bit CSI and the rest) removed
 * whole, then every C0 and C1 control character but the line breaks a multi-line field keeps. Printable text, emoji and other
 * scripts are kept as they are; the result is a fixed point (sanitising it again
 * changes nothing). Apply it to every text that reaches a terminal, a trailer, the
 * journal or JSON.
 */
export function sanitiseText(text: string, options: SanitiseOptions = {}): string {
  return strip(text, options, '');
}

/**
 * `text` as {@link sanitiseText} cleans it, but with a space wherever it took something
 * out: a reading for finding secrets only. Cleaning joins what a control character kept
 * apart, so a token it stood beside (`\x1b[31mghp_…\x1b[0mabc`) loses the ends the
 * rules look for; here it keeps them.
 */
export function sanitiseApart(text: string, options: SanitiseOptions = {}): string {
  return strip(text, options, ' ');
}

function strip(text: string, options: SanitiseOptions, seam: string): string {
  // SUSPECT covers every carriage return: a text it passes needs nothing but, on one line, its tabs and line feeds made spaces.
  if (!SUSPECT.test(text) && (options.multiline || !/[\t\n]/.test(text))) return text;
  // First, so that taking one out can never join an escape sequence's halves.
  let out = text.replace(BIDI, seam);
  // Removing a sequence can join two halves into a new one: repeat until nothing changes.
  // Strings and CSI first, so that a bare ESC never takes a sequence's introducer alone.
  for (;;) {
    const next = out.replace(STRINGS, seam).replace(CSI, seam);
    if (next !== out) {
      out = next;
      continue;
    }
    const rest = out.replace(ESCAPE, seam);
    if (rest === out) break;
    out = rest;
  }
  if (options.multiline) return out.replace(CONTROLS_MULTILINE, seam);
  return out.replace(LINE_BREAKS, ' ').replace(CONTROLS_LINE, seam);
}

/** A copy of `value` with every string in it (arrays and plain objects walked) sanitised, line breaks kept. */
export function sanitiseDeep<T>(value: T): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return sanitiseText(v, { multiline: true });
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

// In JSON text a control character is an escape (\u001b, \b, \f, \r) or, for DEL and C1, itself.
const JSON_SUSPECT = /\\u00[01][0-9a-fA-F]|\\u007[fF]|\\u009[0-9a-fA-F]|\\u20(?:2[a-eA-E]|6[6-9])|\\[bfr]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/**
 * `JSON.stringify(value)` (compact) with every string in it sanitised like
 * {@link sanitiseDeep}: for data serialised into a page or a file, where each field
 * added later is covered too. Data without any control character is written in one pass.
 */
export function sanitisedJson(value: unknown): string {
  const json = JSON.stringify(value);
  if (!JSON_SUSPECT.test(json)) return json;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? sanitiseText(v, { multiline: true }) : v));
}

/**
 * JSON text (as `JSON.stringify(value, null, 2)` writes it) whose strings are
 * sanitised like {@link sanitiseDeep}: text without any control character is returned
 * as it is; otherwise it is parsed, sanitised and written again in the same layout.
 */
export function sanitiseJsonText(json: string): string {
  if (!JSON_SUSPECT.test(json)) return json;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return sanitiseText(json, { multiline: true });
  }
  return JSON.stringify(sanitiseDeep(value), null, 2) + (json.endsWith('\n') ? '\n' : '');
}

/**
 * A command's output made safe to print: JSON output (text that parses as JSON) has
 * its strings sanitised and keeps its layout; any other text is sanitised with its
 * line breaks kept.
 */
export function sanitiseOutput(text: string): string {
  return /^\s*[[{]/.test(text) ? sanitiseJsonText(text) : sanitiseText(text, { multiline: true });
}

const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;

/**
 * A piece of a command's output made safe to print, as {@link sanitiseOutput} makes
 * the whole: in JSON (a piece that ends outside any string) each string holding a
 * control character is written again sanitised, and the layout around it is kept,
 * which is what sanitising the parsed whole and writing it again gives.
 */
export function sanitiseChunk(text: string, json: boolean): string {
  if (!json) return sanitiseText(text, { multiline: true });
  if (!JSON_SUSPECT.test(text)) return text;
  const strings = text.replace(JSON_STRING, (literal) =>
    JSON_SUSPECT.test(literal) ? JSON.stringify(sanitiseText(JSON.parse(literal) as string, { multiline: true })) : literal,
  );
  // Between strings JSON has only punctuation, numbers and spaces: anything else is not ours to print.
  return JSON_SUSPECT.test(strings.replace(JSON_STRING, '""')) ? sanitiseText(strings, { multiline: true }) : strings;
}

/**
 * Refuses text holding a NUL character (a Usage error naming `what`): stored in
 * SESSION.md it would make the file binary for git and for every command.
 */
export function refuseNul(text: string, what: string): void {
  if (text.includes('\0')) {
    throw new GitSessionError(ExitCode.Usage, `the ${what} contains a NUL character, which a text file cannot hold.`, {
      fix: `Give the ${what} without it.`,
    });
  }
}
