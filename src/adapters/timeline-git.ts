import { childProcess } from './builtins.js';
import { git } from './git.js';
import { failed, type HistoryOptions } from './history.js';
import { MAX_SESSION_BYTES } from './fs.js';
import { ExitCode, GitSessionError } from '../errors.js';

/** Runs git with `input` on stdin and resolves with its stdout as bytes (blob contents need exact sizes). */
function gitBytes(args: readonly string[], input: string, opts: HistoryOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn('git', args, { cwd: opts.cwd, env: opts.env, stdio: 'pipe' });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => chunks.push(b));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', (error) => reject(new GitSessionError(ExitCode.Git, `could not run git: ${error.message}`, { cause: error })));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(chunks));
      else reject(new GitSessionError(ExitCode.Git, `git ${args.join(' ')} failed (exit ${code}): ${stderr.trim().split('\n')[0] ?? ''}`));
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function text(bytes: Buffer): string | null {
  if (bytes.length > MAX_SESSION_BYTES || bytes.includes(0)) return null;
  try {
    return UTF8.decode(bytes);
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
  const check = await gitBytes(
    ['cat-file', '--batch-check=%(objectname) %(objecttype)'],
    commits.map((c) => `${c}:${file}`).join('\n') + '\n',
    opts,
  );
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
  const out = await gitBytes(['cat-file', '--batch'], order.join('\n') + '\n', opts);
  let pos = 0;
  while (pos < out.length) {
    const eol = out.indexOf(10, pos);
    if (eol < 0) break;
    const header = /^([0-9a-f]{40,64}) blob (\d+)$/.exec(out.subarray(pos, eol).toString('utf8'));
    if (!header) break;
    const size = Number(header[2]);
    texts.set(header[1]!, text(out.subarray(eol + 1, eol + 1 + size)));
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
