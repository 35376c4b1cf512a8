import type { CommandContext, CommandResult } from '../context.js';
import { commitsSince, gitOut, lastChange } from '../adapters/git-facts.js';
import { invocation } from '../adapters/invocation.js';
import { hooksFix, hooksInstalled } from '../adapters/hooks-installed.js';
import { lackedCloneConfig, privateFilterMisses } from '../adapters/clone-config.js';
import { cloneConfigNote } from '../core/context/render.js';
import { locateSessionFile, readSessionFile } from '../adapters/session-file.js';
import { loadConfig } from '../adapters/config.js';
import { CONFIG_FILE } from '../core/config.js';
import { redactDeep } from '../core/report/redact-deep.js';
import { getGoal, getNextSteps, getStatus, parseSession } from '../core/session/index.js';
import type { SectionKind } from '../core/session/index.js';

/** The `status --json` shape (documented in the README). */
export interface StatusReport {
  file: string;
  title: string | null;
  goal: string | null;
  status: string | null;
  nextSteps: string[];
  sections: { heading: string; kind: SectionKind; depth: number; items: number; private: boolean }[];
  unknownSections: string[];
  /** The last commit that changed the session file; null when it was never committed. */
  lastChangedIn: string | null;
  /** Commits on HEAD since that commit (all of HEAD's commits when it was never committed). */
  commitsSinceUpdate: number;
  /** Whether the session file differs from HEAD (staged, unstaged or untracked). */
  uncommittedChanges: boolean;
  /** Whether git runs git-session's hooks in this clone. */
  hooksInstalled: boolean;
  /** False when this clone lacks the merge drivers or the private filter its `.gitattributes` names. */
  cloneConfigured: boolean;
  /** False when `.gitattributes` gives the private filter to another file but not to this one (run init again). */
  privateFilterApplies: boolean;
  /** Keys of `.gitsession` this version does not know (ignored), as `key (line n)`. */
  unknownSettings: string[];
}

async function gitFacts(root: string, display: string, env: NodeJS.ProcessEnv) {
  const opts = { cwd: root, env };
  const [last, dirty] = await Promise.all([lastChange(display, opts), gitOut(['status', '--porcelain', '--', display], opts)]);
  return {
    lastChangedIn: last?.hash ?? null,
    commitsSinceUpdate: await commitsSince(last?.hash ?? null, opts),
    uncommittedChanges: dirty.trim() !== '',
  };
}

/** The text view shows one glance a line; `--json` has every word. */
const GLANCE = 160;

function clip(text: string): string {
  const chars = [...text];
  return chars.length <= GLANCE ? text : `${chars.slice(0, GLANCE - 1).join('').trimEnd()}…`;
}

// `how`: the command prefix that works here; the session's own text is never rewritten.
function render(r: StatusReport, how: string): string {
  // A title that already names the file ("SESSION.md — auth work") is the heading as it is.
  const heading = !r.title ? r.file : r.title.startsWith(r.file) ? r.title : `${r.file} — ${r.title}`;
  const out = [`# ${heading}`, ''];
  out.push(`- Goal: ${r.goal ? clip(r.goal) : '(none)'}`, `- Status: ${r.status ? clip(r.status) : '(none)'}`);
  if (r.nextSteps.length > 0) out.push(`- Next: ${clip(r.nextSteps[0]!)}${r.nextSteps.length > 1 ? ` (+${r.nextSteps.length - 1} more)` : ''}`);
  out.push('', '## Sections');
  if (r.sections.length === 0) out.push(`- (none: run \`${how} init\` for the template)`);
  for (const s of r.sections) {
    const count = `${s.items} item${s.items === 1 ? '' : 's'}`;
    out.push(`- ${s.heading} [${s.kind}${s.private && s.kind !== 'private' ? ', private' : ''}]: ${count}`);
  }
  if (r.unknownSections.length > 0) out.push('', '## Unknown sections (kept as they are)', ...r.unknownSections.map((h) => `- ${h}`));
  out.push('', '## Git');
  out.push(
    r.lastChangedIn
      ? `- ${r.commitsSinceUpdate} commit${r.commitsSinceUpdate === 1 ? '' : 's'} since ${r.file} last changed (${r.lastChangedIn.slice(0, 7)})`
      : `- ${r.file} was never committed (${r.commitsSinceUpdate} commit${r.commitsSinceUpdate === 1 ? '' : 's'} on HEAD)`,
  );
  out.push(`- Uncommitted edits: ${r.uncommittedChanges ? 'yes' : 'no'}`);
  out.push(r.hooksInstalled ? '- Hooks: installed' : `- Hooks: not installed in this clone, so commits get no trailers or journal entries; ${hooksFix(how)}`);
  if (!r.cloneConfigured) out.push(`- ${cloneConfigNote(r.file)} Fix: run \`${how} setup\``);
  if (!r.privateFilterApplies) {
    out.push(`- Private filter: .gitattributes names another session file, so ${r.file}'s private text would be committed and its merges get no driver. Fix: run \`${how} init\``);
  }
  if (r.unknownSettings.length > 0) out.push(`- Settings: ${CONFIG_FILE} has keys this version ignores: ${r.unknownSettings.join(', ')}; check the spelling (the README lists the settings)`);
  return out.join('\n') + '\n';
}

/** `git session status [--json]`: the parsed session state at a glance. */
export async function status(args: { format: 'md' | 'json' }, ctx: CommandContext): Promise<CommandResult> {
  const file = await locateSessionFile(ctx.cwd, ctx.env);
  const doc = parseSession(readSessionFile(file), file.display);
  // Redacted (and sanitised) the way context and every reader redact: the same path.
  const report: StatusReport = await redactDeep<StatusReport>({
    file: file.display,
    title: doc.title,
    goal: getGoal(doc),
    status: getStatus(doc),
    nextSteps: getNextSteps(doc),
    sections: doc.sections.map((s) => ({
      heading: s.heading,
      kind: s.kind,
      depth: s.depth,
      items: s.items.length,
      private: s.private,
    })),
    unknownSections: doc.unknownSections.map((s) => s.heading),
    ...(await gitFacts(file.repo.root, file.display, ctx.env)),
    hooksInstalled: hooksInstalled(file.repo),
    cloneConfigured: (await lackedCloneConfig(file.repo.root, ctx.env)).length === 0,
    privateFilterApplies: !(await privateFilterMisses(file.repo.root, file.display, ctx.env)),
    unknownSettings: (loadConfig(file.repo.root).unknown ?? []).map((u) => `${u.key} (line ${u.line})`),
  }, ['file', 'kind', 'lastChangedIn']);
  return { stdout: args.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : render(report, invocation(ctx.env)) };
}
