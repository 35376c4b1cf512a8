import type { CommandContext, CommandResult } from '../context.js';
import { ExitCode, GitSessionError } from '../errors.js';

/**
 * A command declared once: its name, arguments, options and examples, what runs it,
 * and, when assistants may call it, the MCP tool it is. The CLI (src/cli/program.ts)
 * and the MCP server (src/mcp/server.ts) are both built from these declarations, so
 * the two can never disagree about a command.
 */
export interface CommandSpec {
  /** Name and arguments as the CLI declares them: `<required>`, `[optional]`. */
  usage: string;
  summary: string;
  options?: readonly OptionSpec[];
  examples?: readonly string[];
  /**
   * What the words after `--` are: text for the arguments (`decide -- "-0 stays"`,
   * the default), or paths (`log -- src/`).
   */
  afterDashes?: 'text' | 'paths';
  /** Runs the command; it lazy-imports its module so a command pays only for what it uses. */
  run(values: Values, ctx: CommandContext): Promise<CommandResult | void>;
  tool?: ToolSpec;
}

export interface OptionSpec {
  /** As the CLI declares it: `--because <reason>` takes text, `--dry-run` is a flag. */
  flags: string;
  description: string;
  default?: string;
}

/** The MCP tool a command is, for assistants. */
export interface ToolSpec {
  name: string;
  description: string;
  /** The arguments and options (by name) the tool takes; the others keep their defaults. */
  inputs: Readonly<Record<string, ToolInput>>;
  /** What the tool always passes: an assistant is served the decisions still in force. */
  fixed?: Readonly<Record<string, string | boolean>>;
}

export interface ToolInput {
  describe?: string;
  /** Required inputs must be non-empty text. */
  required?: boolean;
  /** One of these words (a format), the first being the default. */
  choices?: readonly string[];
  /** The longest text accepted (default 2000 characters). */
  max?: number;
}

/** A command's arguments and options by name, read the same whether the CLI or a tool gave them. */
export interface Values {
  /** The text of an argument or option as given; undefined when absent. */
  text(name: string): string | undefined;
  flag(name: string): boolean;
  /** The output format: one of `choices`, the first by default. */
  format<F extends string>(choices: readonly F[]): F;
  /** A count as git takes `-n`: a whole number, 0 or more. */
  count(name: string): number | undefined;
  /** The paths after `--` (`afterDashes: 'paths'`), and those before it. */
  paths(): string[];
  /** The paths given before `--`, which git log would check name something in the work tree. */
  pathsBeforeDashes(): string[];
}

/** `<text>` and `[why]` of a usage, in order. */
export const argNames = (usage: string): string[] => usage.match(/<[^>]+>|\[[^\]]+\]/g) ?? [];

/** `-n, --max-count <count>` → its flags (`--max-count`, `-n`) and the key its value has in {@link Values} (`maxCount`). */
export function optionNames(flags: string): { names: string[]; key: string; takesValue: boolean } {
  const names = flags.split(/[ ,]+/).filter((w) => w.startsWith('-')).sort((a, b) => b.length - a.length);
  const key = names[0]!.replace(/^-+/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  return { names, key, takesValue: /[<[]/.test(flags) };
}

/** Every name a command's values can be read by: its arguments and its options' keys. */
export function declaredNames(spec: CommandSpec): string[] {
  return [...argNames(spec.usage).map((a) => a.slice(1, -1)), ...(spec.options ?? []).map((o) => optionNames(o.flags).key)];
}

/** `maxCount` → `--max-count`: how a person typed the option an error is about. */
const optionName = (name: string): string => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

const either = (words: readonly string[]): string =>
  words.length <= 2
    ? words.map((w) => `--format ${w}`).join(' or ')
    : `--format ${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;

/** Values over what the CLI parsed or a tool was sent (names as declared, options in camelCase). */
export function valuesOf(given: Readonly<Record<string, unknown>>, paths: readonly string[] = [], beforeDashes: readonly string[] = []): Values {
  return {
    text(name) {
      const value = given[name];
      // A CLI option written without its value (`--because` alone) arrives as `true`.
      if (value === true) {
        const option = optionName(name);
        throw new GitSessionError(ExitCode.Usage, `${option} needs a value.`, { fix: `Write ${option} "<text>".` });
      }
      return value === undefined || value === null || value === false ? undefined : String(value);
    },
    flag: (name) => given[name] === true,
    format(choices) {
      const value = given.json === true ? 'json' : (given.format ?? choices[0]);
      const chosen = choices.find((c) => c === value);
      if (chosen === undefined) {
        throw new GitSessionError(ExitCode.Usage, `unknown --format "${String(value)}".`, { fix: `Use ${either(choices)}.` });
      }
      return chosen;
    },
    count(name) {
      const value = this.text(name);
      if (value === undefined) return undefined;
      if (!/^\d+$/.test(value.trim())) {
        throw new GitSessionError(ExitCode.Usage, `-n needs a whole number of commits, not "${value}".`, { fix: 'Write -n 5 (or --max-count=5).' });
      }
      return Number(value.trim());
    },
    paths: () => [...paths],
    pathsBeforeDashes: () => [...beforeDashes],
  };
}
