import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CommandContext, CommandResult } from '../context.js';
import { commitStateAt } from '../adapters/commit-state.js';
import { loadConfig } from '../adapters/config.js';
import { git } from '../adapters/git.js';
import { commentChar } from '../adapters/git-facts.js';
import { hasMessageContent, roomForSubject } from '../core/pipeline/message-file.js';
import { skipReason } from '../core/pipeline/skip.js';
import { handOffArgs, WEAVE_CONFIG, withoutHeldTrailers } from '../core/pipeline/trailer-plan.js';
import { messageEncoding, latin1Text } from '../core/pipeline/preflight.js';
import { withoutParagraphsOf, withoutTrailerLines, withoutTrailers } from '../core/trailers/remove.js';
import { lazy } from '../adapters/lazy.js';
import { ALL_OURS, handOffPath, readTrailerFile, removeTrailerFile, replanPath, takeReplan, wovenTrailers, writeWoven } from './trailer-file.js';

/**
 * prepare-commit-msg `<file> [<source> [<sha>]]` for the commits the hook script does
 * not finish in sh: an editor commit (an empty message needs one more blank line above
 * the trailers), an amend (its trailers are planned again from its content) and
 * `git merge --squash` (the squashed commits' decisions and dead ends are added).
 * Trailers are woven with git's own `interpret-trailers`.
 */
export default async function prepareCommitMsg(args: string[], ctx: CommandContext): Promise<CommandResult> {
  const [file, source] = args;
  if (!file) return {};
  const env = ctx.env;
  // The message file sits in the git dir, and git runs hooks at the top of the work tree.
  const state = commitStateAt(ctx.cwd, resolve(ctx.cwd, dirname(file)));
  const path = handOffPath(state.stateDir, env);
  const handedOff = existsSync(path);
  let replan = takeReplan(replanPath(state.stateDir, env));
  // Named after this very commit, a hand-off means its pre-commit ran: a commit someone
  // asked for, even at a rebase's edit stop. Anything else replays recorded work, except
  // a step that folds commits together, whose trailers are planned again from its content.
  const own = Boolean(env.GIT_SESSION_COMMIT) && (handedOff || replan !== undefined);
  const folding = !own && state.markers.folds && env.GIT_SESSION !== '0' && env.HUSKY !== '0';
  // Its own pre-commit applied the rules already (a merge it planned records what is its own).
  if (!folding && skipReason(env, own ? { ...state.markers, rebase: false, merge: false } : state.markers, own ? undefined : source)) {
    removeTrailerFile(path);
    return {};
  }
  if (!handedOff && replan === undefined && source !== 'squash' && !folding) return {};

  // git reads the message in i18n.commitEncoding (pre-commit wrote the hand-off in it
  // too); its arguments reach it as UTF-8. The message is worked on as text and written
  // back in its own encoding.
  const encoding = messageEncoding((await git(['config', 'i18n.commitEncoding'], { cwd: state.root, env, allowFailure: true })).stdout.trim() || undefined);
  let handOff = readTrailerFile(path, encoding);
  removeTrailerFile(path);
  const config = loadConfig(state.root);
  if (source === 'squash') {
    const { squashTrailers } = await lazy('squash-trailers', () => import('./squash-trailers.js'));
    const squashed = await squashTrailers(state.root, env, file, config.trailers);
    handOff = [...handOffArgs(squashed), ...handOff];
  }
  if (folding) {
    const { foldedTrailers } = await lazy('folded-trailers', () => import('./folded-trailers.js'));
    const folded = await foldedTrailers(state.root, state.gitDir, env, config, state.cachePath);
    if (!folded) return {};
    replan = folded.ours;
    handOff = handOffArgs(folded.planned);
  }
  if (replan === undefined && handOff.length === 0) return {};
  const read = (path: string) => readFileSync(path).toString(encoding ?? 'utf8');
  const write = (path: string, text: string) =>
    writeFileSync(path, encoding ? Buffer.from(latin1Text(text), 'latin1') : text);
  let message = read(file);
  if (replan !== undefined) {
    const keys = [config.trailers.decision, config.trailers.deadEnd, ...(config.trailers.session ? ['Session'] : [])];
    // Those git-session wove for the amended content go, and the plan weaves them again
    // in its order: one the content no longer holds (a decision deleted from the session
    // file) stays out, and a trailer a person typed stays in.
    // In a latin1 message they were woven as latin1 holds them (see latin1Text).
    const ours = encoding ? replan.map(latin1Text) : replan;
    message = replan.includes(ALL_OURS) ? withoutTrailers(message, keys, []) : withoutTrailerLines(message, ours);
    // Those still in the message sit in earlier paragraphs (a squash or fixup put them
    // there). A fold being made moves them to the last block, where git reads trailers.
    if (folding && !replan.includes(ALL_OURS)) message = withoutParagraphsOf(message, ours);
    else handOff = withoutHeldTrailers(handOff, message);
  }
  if (handOff.length > 0) {
    // Comment lines are git's own, marked with core.commentChar: a message of them alone is empty.
    const empty = !hasMessageContent(message, await commentChar({ cwd: state.root, env }));
    const woven = `${file}.git-session`;
    writeFileSync(woven, message);
    try {
      await git([...WEAVE_CONFIG, 'interpret-trailers', '--in-place', '--no-divider', '--if-exists', 'addIfDifferent', woven, ...handOff], {
        cwd: state.root,
        env,
      });
      const before = message;
      message = readFileSync(woven, 'utf8');
      if (empty) {
        message = roomForSubject(message);
        // commit-msg checks that the person wrote something besides these.
        writeWoven(state.stateDir, wovenTrailers(handOff));
      } else if (source === 'template') {
        // git aborts a commit whose template message was left as it was: ours must not change that.
        writeWoven(state.stateDir, wovenTrailers(handOff), before);
      }
    } finally {
      rmSync(woven, { force: true });
    }
  }
  // git commits a fold's message as the hook leaves it: a blank line left at its end
  // by the trailers taken out would stay in the commit, one more with each fold.
  if (folding) message = message.replace(/(\r?\n)\s*$/, '$1');
  write(file, message);
  return {};
}
