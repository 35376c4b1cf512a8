import { cac } from 'cac';
import { invocation, withInvocation } from '../adapters/invocation.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { sanitiseOutput } from '../core/text/sanitise.js';
import { sanitisedChunks } from '../core/text/output-stream.js';
import type { CommandContext, CommandResult } from '../context.js';
import { COMMANDS } from '../commands/catalog.js';
import { argNames, optionNames, valuesOf, type CommandSpec } from '../commands/command-spec.js';
import { MCP_COMMAND } from '../mcp/command.js';
import { gitCountArgs, MAX_COUNT } from './count-args.js';
import { positionals } from './positionals.js';
import { rawOption } from './raw-option.js';

type Opts = Record<string, unknown> & { '--'?: string[] };

/** cac's messages have no full stop; ours are followed by a fix. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

const bare = (arg: string): string => arg.slice(1, -1);

/**
 * Builds the CLI from the commands' declarations (src/commands/catalog.ts): parsing
 * only, so it is testable through `runCli` without running anything but the chosen
 * command.
 */
export async function runCli(
  given: string[],
  ctx: CommandContext,
  version: string,
  commands: readonly CommandSpec[] = [...COMMANDS, MCP_COMMAND],
): Promise<CommandResult | void> {
  // A command that takes a count takes it in every form git log does (`-n5`, `-5`).
  const named = commands.find((spec) => spec.usage.split(' ')[0] === given.find((word) => !word.startsWith('-')));
  const counts = named?.options?.some((o) => optionNames(o.flags).names.includes(MAX_COUNT)) ?? false;
  const argv = counts ? gitCountArgs(given) : given;
  const cli = cac('git-session');
  // Words after `--` are text even when they start with `-` (`decide -- "-0 is kept"`).
  // cac keeps them in opts['--'], and would call a required argument given there missing.
  const dashed = argv.includes('--');
  // Commands we print must work as typed here: `npx git-session …` after a local install.
  const say = (text: string): string => withInvocation(text, invocation(ctx.env));
  let pending: Promise<CommandResult | void> | undefined;

  for (const spec of commands) {
    const args = argNames(spec.usage);
    const usage = dashed && spec.afterDashes !== 'paths' ? spec.usage.replace(/<([^>]+)>/g, '[$1]') : spec.usage;
    const command = cli.command(usage, spec.summary);
    for (const o of spec.options ?? []) command.option(o.flags, o.description, o.default === undefined ? undefined : { default: o.default });
    for (const e of spec.examples ?? []) command.example(e);
    command.action((...given: unknown[]) => {
      const opts = given[args.length] as Opts;
      const rest = opts['--'] ?? [];
      const words = spec.afterDashes === 'paths' ? given.slice(0, args.length) : positionals(args, given.slice(0, args.length), rest);
      const values: Record<string, unknown> = {};
      // Paths before `--` as well as after it, as git log takes them: `[...paths]`.
      const listed: string[] = [];
      args.forEach((arg, i) => {
        if (arg.startsWith('[...')) listed.push(...((words[i] as string[] | undefined) ?? []));
        else values[bare(arg)] = words[i] ?? undefined;
      });
      for (const o of spec.options ?? []) {
        const { names, key, takesValue } = optionNames(o.flags);
        // Option values exactly as typed: cac reads `--since 007` as 7 and `--because ""` as 0.
        const raw = takesValue ? names.map((n) => rawOption(argv, n)).find((r) => r !== undefined) : undefined;
        values[key] = raw ?? opts[key];
      }
      pending = spec.run(spec.afterDashes === 'paths' ? valuesOf(values, [...listed, ...rest], listed) : valuesOf(values), ctx);
    });
  }

  cli.help((sections) =>
    [
      ...sections,
      { title: 'Text that starts with "-"', body: '  Put it after `--`: git session decide -- "-0 stays"; a reason as --because="-x".' },
    ].map((section) => ({ ...section, body: say(section.body) })),
  );
  cli.version(version);

  // A word with one leading `-` that holds a space or punctuation is text, not short
  // options: cac would read each of its letters as one, `-h` and `-v` among them, and
  // print the help with exit 0 instead of recording anything.
  const text = (dashed ? argv.slice(0, argv.indexOf('--')) : argv).find((a) => /^-[^-]/.test(a) && /[^A-Za-z0-9]/.test(a.slice(1)));
  if (text !== undefined) {
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    throw new GitSessionError(ExitCode.Usage, `"${shown}" starts with "-", so it would be read as options.`, {
      fix: say('Put text that starts with "-" after `--`: `git session decide -- "-x"`; a reason as `--because="-x"`.'),
    });
  }
  try {
    cli.parse(['node', 'git-session', ...argv], { run: false });
  } catch (error) {
    throw new GitSessionError(ExitCode.Usage, sentence((error as Error).message), {
      fix: say('Run `git session --help` for the list of commands and options.'),
      cause: error,
    });
  }
  if (!cli.matchedCommand) {
    if (argv.length === 0 || cli.options.help || cli.options.version) {
      if (argv.length === 0) cli.outputHelp();
      return;
    }
    throw new GitSessionError(ExitCode.Usage, `unknown command "${argv[0]}".`, {
      fix: say('Run `git session --help` for the list of commands.'),
    });
  }
  try {
    await cli.runMatchedCommand();
  } catch (error) {
    if (error instanceof GitSessionError) throw error;
    if ((error as Error).name === 'CACError') {
      // cac names an unknown option camel-cased and without a `no-` (`--firstParent`,
      // `--suchThing` for --no-such-thing): name it as it was typed.
      const camel = (flag: string) => `--${flag.replace(/^--(?:no-)?/, '').replace(/-([a-z0-9])/gi, (_, c: string) => c.toUpperCase())}`;
      const message = (error as Error).message.replace(/^Unknown option `(--[^`]+)`/, (whole, name: string) => {
        const typed = argv.map((a) => a.split('=')[0]!).find((a) => a.startsWith('--') && camel(a) === name);
        return typed ? `Unknown option \`${typed}\`` : whole;
      });
      const dash = /^Unknown option `-/.test(message) ? ' Text that starts with "-" goes after `--`: `git session decide -- "-x"`; a reason as `--because="-x"`.' : '';
      throw new GitSessionError(ExitCode.Usage, sentence(message), {
        fix: say(`Run \`git session --help\` for the list of commands and options.${dash}`),
        cause: error,
      });
    }
    throw error;
  }
  const result = await pending;
  // Text a person or a cloned repository wrote reaches the terminal: no control sequences.
  if (!result) return result;
  return {
    ...result,
    ...(result.stdout ? { stdout: sanitiseOutput(result.stdout) } : {}),
    ...(result.stderr ? { stderr: sanitiseOutput(result.stderr) } : {}),
    ...(result.stream ? { stream: { chunks: sanitisedChunks(result.stream.chunks, result.stream.json), json: result.stream.json } } : {}),
  };
}
