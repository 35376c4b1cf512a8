import { basename, dirname } from 'node:path';
import { loadConfig } from './config.js';
import { git } from './git.js';
import { ownedEditsHeldBy } from './owned-edits.js';
import { sessionDelta } from './session-data.js';
import { readState, stateDirOf, statePath, writeState } from './state-dir.js';
import { removeFile } from './fs.js';
import { blobIds } from './session-text.js';
import { privateFilterMisses, privateFilterRuns } from './clone-config.js';
import { BUILD_KEY } from './build-key.js';
import { planCommit } from '../core/pipeline/commit-plan.js';
import { shortcutAfter, stagedShortcut, type ShortcutInput } from '../core/pipeline/commit-shortcut.js';
import { normalisePath } from '../core/pipeline/paths.js';
import { encodeHandOff } from '../core/pipeline/trailer-plan.js';
import { joinReason } from '../core/trailers/index.js';

/**
 * After a record command wrote the session file (`decide`, `dead-end`, `status`): the
 * commit that stages exactly that text is planned now, as pre-commit would plan it, and
 * left for the hook script (see core/pipeline/commit-shortcut.ts), which then journals
 * that commit and hands its trailers on without starting node. Only on top of the
 * shortcut the last commit left, and only when the plan says nothing (no secret, no
 * note): the binary says those. Any doubt leaves nothing, and the commit runs the binary.
 */
export async function leaveStagedShortcut(gitDir: string, file: string, text: string, cleaned: string): Promise<void> {
  const stateDir = stateDirOf(gitDir);
  for (const f of ['shortcutStaged', 'shortcutTrailers', 'shortcutAfter'] as const) removeFile(statePath(stateDir, f));
  const raw = readState(statePath(stateDir, 'shortcutInput'));
  if (raw === undefined || basename(gitDir) !== '.git') return;
  const input = JSON.parse(raw) as ShortcutInput;
  const root = dirname(gitDir);
  const config = loadConfig(root);
  const sessionFile = normalisePath(config.sessionFile);
  if (!config.journal.enabled || sessionFile !== input.sessionFile || file !== sessionFile) return;
  const env = process.env;
  // A session file the private filter misses where the repository uses it: the binary refuses that commit, or notes it.
  if (await privateFilterMisses(root, file, env)) return;
  // What git will stage: the text without its private bodies where the filter cleans the file, else the text as written.
  const staged = cleaned !== text && (await privateFilterRuns(root, file, env)) ? cleaned : text;
  const blob = blobIds(staged)[0]!;
  if (!ownedEditsHeldBy(stateDir, file, staged)) return;
  const asked = await git(['rev-parse', 'HEAD', `HEAD:${sessionFile}`], { cwd: root, env, allowFailure: true });
  const [head, base] = asked.stdout.split('\n');
  if (asked.code !== 0 || !head || !base) return;
  const where = { cwd: root, env, sessionFile, cachePath: statePath(stateDir, 'cache') };
  // A base the parser refuses is compared with older versions by the binary: not here.
  const delta = await sessionDelta(where, blob, base, [], () => Promise.reject(new Error('unreadable base')));
  const plan = planCommit({
    sessionFile,
    mode: config.prompt.mode,
    amend: false,
    // The commit changes the session file: never stale, whoever makes it.
    committer: { kind: 'person' },
    staleness: { updated: true, changedLines: 0, files: [], keyFilesTouched: [], stale: false },
    session: { kind: 'read', summary: delta.summary, change: delta },
    owned: { staged: 0, notStaged: 0 },
    journalFiles: [],
    trailers: config.trailers,
  });
  if (plan.refusal !== undefined || plan.messages.length > 0 || !plan.journal) return;
  const script = stagedShortcut({
    build: BUILD_KEY,
    head,
    base,
    blob,
    goal: plan.journal.goal,
    status: plan.journal.status,
    decisions: plan.journal.decisions.map((d) => joinReason(d.text, d.reason)),
    deadEnds: plan.journal.deadEnds.map((d) => joinReason(d.text, d.reason)),
  });
  const keyFiles = delta.summary.keyFiles.map((k) => normalisePath(k.replace(/^`|`$/g, ''))).filter(Boolean);
  const after = shortcutAfter(input, blob, { goal: delta.summary.goal, status: delta.summary.status, keyFiles, threshold: config.prompt.threshold });
  if (!script || !after) return;
  const trailers = encodeHandOff(plan.trailers);
  if (trailers !== '') writeState(statePath(stateDir, 'shortcutTrailers'), trailers);
  writeState(statePath(stateDir, 'shortcutAfter'), after);
  // Last: the script looks for this one first.
  writeState(statePath(stateDir, 'shortcutStaged'), script);
}
