import { GitSessionError } from '../../errors.js';
import { shownSessionText } from '../redact/index.js';
import { parseSession, publicText } from '../session/index.js';
import { UNREADABLE_SESSION } from './data.js';

/** The versions of the session file a timeline embeds: public text only, secrets redacted, lines pooled. */
export interface SessionVersions {
  /** Version index of each blob given; UNREADABLE_SESSION for one that could not be read. */
  versionOf: Map<string, number>;
  lines: string[];
  versions: number[][];
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Reads each blob's text (null when it is not readable text) the way every reader
 * does: private sections and `<!-- private -->` regions cut (`publicText`), then
 * secret-looking spans redacted, also one hidden by an escape. A text that does not
 * parse (bad front matter) is left out entirely: without a parse, its private parts
 * cannot be told apart.
 * Blobs are numbered in the order given; identical public texts share a version.
 */
export async function sessionVersions(blobs: ReadonlyMap<string, string | null>, file: string): Promise<SessionVersions> {
  const versionOf = new Map<string, number>();
  const lines: string[] = [];
  const lineIndex = new Map<string, number>();
  const versions: number[][] = [];
  const byText = new Map<string, number>();
  for (const [blob, text] of blobs) {
    if (text === null) {
      versionOf.set(blob, UNREADABLE_SESSION);
      continue;
    }
    let open: string;
    try {
      open = publicText(parseSession(text, `${file} (blob ${blob.slice(0, 7)})`));
    } catch (error) {
      if (!(error instanceof GitSessionError)) throw error;
      versionOf.set(blob, UNREADABLE_SESSION);
      continue;
    }
    // Redacted as `show` redacts the work tree's: a version committed without the hooks
    // may hide a token behind an escape the commit check would have seen through.
    const shown = await shownSessionText(open);
    const known = byText.get(shown);
    if (known !== undefined) {
      versionOf.set(blob, known);
      continue;
    }
    const indices = splitLines(shown).map((line) => {
      let at = lineIndex.get(line);
      if (at === undefined) {
        at = lines.length;
        lines.push(line);
        lineIndex.set(line, at);
      }
      return at;
    });
    byText.set(shown, versions.length);
    versionOf.set(blob, versions.length);
    versions.push(indices);
  }
  return { versionOf, lines, versions };
}
