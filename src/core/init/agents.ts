import { ExitCode, GitSessionError } from '../../errors.js';

/** An assistant's instruction file that carries a git-session block. */
export interface AgentTarget {
  /** The name used with `--agents`. */
  id: 'claude' | 'agents' | 'gemini' | 'copilot' | 'cursor';
  /** Path relative to the repository root. */
  path: string;
  /** File name under the package's templates/ folder. */
  template: string;
  /** Who reads the file, for the output. */
  readers: string;
}

/** Every instruction file init knows, in output order. */
export const AGENT_TARGETS: readonly AgentTarget[] = [
  { id: 'claude', path: 'CLAUDE.md', template: 'CLAUDE.md', readers: 'Claude Code' },
  { id: 'agents', path: 'AGENTS.md', template: 'AGENTS.md', readers: 'Codex, Cursor, Copilot and others' },
  { id: 'gemini', path: 'GEMINI.md', template: 'GEMINI.md', readers: 'Gemini CLI' },
  { id: 'copilot', path: '.github/copilot-instructions.md', template: 'copilot-instructions.md', readers: 'GitHub Copilot' },
  { id: 'cursor', path: '.cursor/rules/git-session.mdc', template: 'cursor-rule.mdc', readers: 'Cursor' },
];

const ALIASES: Record<string, AgentTarget['id'][]> = {
  claude: ['claude'],
  codex: ['agents'],
  agents: ['agents'],
  gemini: ['gemini'],
  copilot: ['copilot'],
  cursor: ['cursor'],
  all: ['claude', 'agents', 'gemini', 'copilot', 'cursor'],
};

/**
 * Parses `--agents claude,codex,...` into target ids. Claude is always included:
 * CLAUDE.md is where the session file gets imported.
 */
export function parseAgents(list: string | undefined): Set<AgentTarget['id']> {
  const ids = new Set<AgentTarget['id']>(['claude']);
  if (list === undefined) return ids;
  for (const raw of list.split(',')) {
    const name = raw.trim().toLowerCase();
    if (name === '') continue;
    const found = ALIASES[name];
    if (!found) {
      throw new GitSessionError(ExitCode.Usage, `--agents: unknown assistant "${raw.trim()}".`, {
        fix: `Use a comma list of ${Object.keys(ALIASES).join(', ')}.`,
      });
    }
    for (const id of found) ids.add(id);
  }
  return ids;
}

/** A template split into the part before the block (front matter a file must start with) and the block body. */
export interface AgentContent {
  prefix: string;
  body: string;
}

/**
 * Prepares a template: a leading `---` front matter (Cursor rules need it first in
 * the file) stays outside the block; the rest is the block body. Mentions of
 * SESSION.md follow the configured session file; the commands in the body go through
 * `commandText`, so an assistant types them the way they run in this repository.
 */
export function agentContent(template: string, sessionFile: string, commandText: (text: string) => string = (t) => t): AgentContent {
  const text = template.replace(/\r\n/g, '\n').replaceAll('SESSION.md', sessionFile);
  const fm = /^---\n[\s\S]*?\n---\n/.exec(text);
  const prefix = fm ? fm[0] : '';
  return { prefix, body: commandText(text.slice(prefix.length).trim()) };
}
