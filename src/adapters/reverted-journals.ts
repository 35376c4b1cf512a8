import { git } from './git.js';
import { readBlobs } from './read-blobs.js';
import { commitSubject, parseRevertChain, REVERT_CHAIN_FORMAT, type RevertedJournal } from '../core/merge/reverted.js';

/** How far back a chain of reverts is followed: `git revert A..B` of more commits is rare, and each costs a git call. */
const MAX_CHAIN = 100;

/** The journal files one commit changed against its first parent, with blob ids (the all-zero id where absent). */
async function journalChanges(root: string, env: NodeJS.ProcessEnv, commit: string, isJournal: (path: string) => boolean) {
  const out = await git(['diff-tree', '-r', '--no-commit-id', '--no-renames', '--no-abbrev', '--raw', '-z', commit, '--'], { cwd: root, env, allowFailure: true });
  const fields = out.code === 0 ? out.stdout.split('\0') : [];
  const changes: { path: string; before: string; after: string }[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const m = /^:\d+ \d+ ([0-9a-f]+) ([0-9a-f]+) [A-Z]/.exec(fields[i]!);
    if (m && isJournal(fields[i + 1]!)) changes.push({ path: fields[i + 1]!, before: m[1]!, after: m[2]! });
  }
  return changes;
}

/**
 * The reverts at HEAD (HEAD and the commits before it, as long as each is a revert),
 * oldest first, with the journal files each changed, read from git: one log, one
 * diff-tree per revert, one cat-file for every text and the reverted commits' subjects.
 */
export async function revertedJournals(root: string, env: NodeJS.ProcessEnv, isJournal: (path: string) => boolean): Promise<RevertedJournal[]> {
  const log = await git(['log', '--first-parent', `-n${MAX_CHAIN}`, '--date=raw', `--format=${REVERT_CHAIN_FORMAT}`, 'HEAD', '--'], { cwd: root, env, allowFailure: true });
  const chain = log.code === 0 ? parseRevertChain(log.stdout) : [];
  if (chain.length === 0) return [];
  const changes = await Promise.all(chain.map((link) => journalChanges(root, env, link.revert, isJournal)));
  const absent = (id: string) => /^0+$/.test(id);
  const ids = new Set<string>(chain.map((link) => link.commit));
  for (const files of changes) for (const f of files) for (const id of [f.before, f.after]) if (!absent(id)) ids.add(id);
  const objects = await readBlobs([...ids], root, env);
  const text = (id: string) => (absent(id) ? '' : (objects.get(id) ?? ''));
  return chain.map((link, i) => ({
    ...link,
    subject: commitSubject(objects.get(link.commit) ?? ''),
    files: changes[i]!.map((f) => ({ path: f.path, before: text(f.before), after: text(f.after) })),
  }));
}
