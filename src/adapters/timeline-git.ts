import { decodeText } from './fs.js';
import { git, gitBytes } from './git.js';
import { failed, type HistoryOptions } from './history.js';

/** A version's text, or null for one a command would refuse in the work tree (binary, over 1 MB, not UTF-8). */
function text(bytes: Buffer, file: string): string | null {
  try {
    // As the timeline always read them: a byte-order mark is not part of the text shown.
    return decodeText(bytes, file).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

/**
 * The session file at each of `commits` (oldest first), in two git processes
 * whatever the number of commits: `cat-file --batch-check` names the blob at every
 * commit, then `cat-file --batch` reads each distinct blob once. `texts` holds the
 * blobs in the order first met; null for one that is binary, over 1 MB or not UTF-8.
 */
export async function readSessionBlobs(
  commits: readonly string[],
  file: string,
  opts: HistoryOptions,
): Promise<{ blobAt: Map<string, string>; texts: Map<string, string | null> }> {
  const blobAt = new Map<string, string>();
  const texts = new Map<string, string | null>();
  // A path with a newline cannot be asked for line by line; such a session file is simply not shown.
  if (commits.length === 0 || /[\r\n]/.test(file)) return { blobAt, texts };
  const check = (
    await gitBytes(['cat-file', '--batch-check=%(objectname) %(objecttype)'], { ...opts, input: commits.map((c) => `${c}:${file}`).join('\n') + '\n' })
  ).stdout;
  const answers = check.toString('utf8').split('\n');
  const order: string[] = [];
  commits.forEach((commit, i) => {
    const m = /^([0-9a-f]{40,64}) blob$/.exec(answers[i] ?? '');
    if (!m) return;
    blobAt.set(commit, m[1]!);
    if (!texts.has(m[1]!)) {
      texts.set(m[1]!, null);
      order.push(m[1]!);
    }
  });
  if (order.length === 0) return { blobAt, texts };
  const out = (await gitBytes(['cat-file', '--batch'], { ...opts, input: order.join('\n') + '\n' })).stdout;
  let pos = 0;
  while (pos < out.length) {
    const eol = out.indexOf(10, pos);
    if (eol < 0) break;
    const header = /^([0-9a-f]{40,64}) blob (\d+)$/.exec(out.subarray(pos, eol).toString('utf8'));
    if (!header) break;
    const size = Number(header[2]);
    texts.set(header[1]!, text(out.subarray(eol + 1, eol + 1 + size), file));
    pos = eol + 1 + size + 1;
  }
  return { blobAt, texts };
}

/** The short name of the branch checked out, or undefined on a detached HEAD. */
export async function currentBranch(opts: HistoryOptions): Promise<string | undefined> {
  const result = await git(['symbolic-ref', '-q', '--short', 'HEAD'], { ...opts, allowFailure: true });
  const name = result.stdout.trim();
  return result.code === 0 && name !== '' ? name : undefined;
}
