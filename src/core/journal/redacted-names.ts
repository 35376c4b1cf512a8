import { redactShown } from '../redact/index.js';
import type { JournalFile } from './entry.js';

/**
 * The branch, author and file names a journal entry shows, each with terminal control
 * taken out first, as the entry will print it, and then its secrets redacted: redacted
 * first, a token split by an escape sequence (`ghp_…\x1b[31m…`) would be joined again
 * by the cleaning and reach the journal whole. Every writer of entries (a commit's, a
 * checkpoint's, a close's) shows names through this.
 */
export async function redactedNames(branch: string, author: string, files: readonly JournalFile[]): Promise<{ branch: string; author: string; files: JournalFile[] }> {
  // One line each, as the entry shows them.
  const redact = (text: string) => redactShown(text, {});
  const out: JournalFile[] = [];
  for (const f of files) out.push({ ...f, path: await redact(f.path) });
  return { branch: await redact(branch), author: await redact(author), files: out };
}
