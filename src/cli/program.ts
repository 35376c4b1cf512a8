import { cac } from 'cac';
import { invocation, withInvocation } from '../adapters/invocation.js';
import { ExitCode, GitSessionError } from '../errors.js';
import { sanitiseOutput } from '../core/text/sanitise.js';
import type { CommandContext, CommandResult } from '../context.js';
import { positionals } from './positionals.js';
import { rawOption } from './raw-option.js';

/**
 * Declares every command. Each action lazy-imports its command module so that a
 * command only pays for the dependencies it uses. Argument parsing is testable
 * through `runCli` without running anything but the chosen command.
 */
type Opts = Record<string, unknown> & { '--'?: string[] };

function format(opts: Opts, fix = 'Use --format md or --format json.'): 'md' | 'json' {
  const value = opts.json ? 'json' : (opts.format ?? 'md');
  if (value !== 'md' && value !== 'json') {
    throw new GitSessionError(ExitCode.Usage, `unknown --format "${String(value)}".`, { fix });
  }
  return value;
}

/** cac's messages have no full stop; ours are followed by a fix. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function str(value: unknown, option = 'this option'): string | undefined {
  // cac gives `true` for an option written without its value (`--because` alone).
  if (value === true) {
    throw new GitSessionError(ExitCode.Usage, `${option} needs a value.`, { fix: `Write ${option} "<text>".` });
  }
  return value === undefined || value === null ? undefined : String(value);
}

/** A `-n` count as git takes it: a whole number, 0 or more. */
function count(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim())) {
    throw new GitSessionError(ExitCode.Usage, `-n needs a whole number of commits, not "${value}".`, { fix: 'Write -n 5 (or --max-count=5).' });
  }
  return Number(value.trim());
}

export async function runCli(argv: string[], ctx: CommandContext, version: string): Promise<CommandResult | void> {
  const cli = cac('git-session');
  // Words after `--` are text even when they start with `-` (`decide -- "-0 is kept"`).
  // cac keeps them in opts['--'], and would call a required argument given there missing.
  const dashed = argv.includes('--');
  const usage = (spec: string): string => (dashed ? spec.replace(/<([^>]+)>/g, '[$1]') : spec);
  const words = (names: string[], given: (string | undefined)[], opts: Opts) => positionals(names, given, opts['--'] ?? []);
  // Commands we print must work as typed here: `npx git-session …` after a local install.
  const say = (text: string): string => withInvocation(text, invocation(ctx.env));
  let pending: Promise<CommandResult | void> | undefined;
  // Option values exactly as typed: cac reads `--since 007` as 7 and `--because ""` as 0.
  const opt = (value: unknown, name: string): string | undefined => rawOption(argv, name) ?? str(value, name);
  const act =
    <A extends unknown[]>(fn: (...args: A) => Promise<CommandResult | void>) =>
    (...args: A) => {
      pending = fn(...args);
    };

  cli
    .command('init', 'Scaffold SESSION.md and agent instructions, and install the commit hooks')
    .option('--agents <list>', 'Comma-separated assistants to write instructions for: claude,codex,gemini,copilot,cursor (default: claude, plus any whose file exists)')
    .option('--mcp', 'Also register the git-session MCP server in .mcp.json (Claude Code)')
    .option('--dry-run', 'Print the plan and write nothing')
    .option('--shared-hooks', 'Install the hooks even into a core.hooksPath set for every repository of the machine')
    .action(
      act(async (opts: Opts) =>
        (await import('../commands/init.js')).init(
          { agents: opt(opts.agents, '--agents'), mcp: Boolean(opts.mcp), dryRun: Boolean(opts.dryRun), sharedHooks: Boolean(opts.sharedHooks) },
          ctx,
        ),
      ),
    );

  cli
    .command('uninstall', 'Remove exactly what init added')
    .option('--dry-run', 'Print the plan and write nothing')
    .action(act(async (opts: Opts) => (await import('../commands/uninstall.js')).uninstall({ dryRun: Boolean(opts.dryRun) }, ctx)));

  cli
    .command('setup', "Set up this clone: hooks and merge drivers (npm install runs it through package.json's prepare)")
    .action(act(async () => (await import('../commands/setup.js')).setup({}, ctx)));

  cli
    .command('status', 'The parsed session state at a glance')
    .option('--json', 'Print JSON')
    .option('--format <fmt>', 'md or json')
    .action(act(async (opts: Opts) => (await import('../commands/status.js')).status({ format: format(opts) }, ctx)));

  cli
    .command(usage('decide <text>'), 'Record a decision in SESSION.md')
    .option('--because <reason>', 'Why this was decided (one starting with "-": --because=<reason>)')
    .option('--supersedes <old>', 'The decision this one replaces: it is removed from SESSION.md and named in the new one')
    .example('git session decide "Keep amounts in cents" --because "floats round badly"')
    .example('git session decide "Keep amounts as decimals" --because "cents broke currencies" --supersedes "Keep amounts in cents"')
    .example('git session decide --because="-0 and 0 differ" -- "-0 stays a distinct value"')
    .action(
      act(async (given: string | undefined, opts: Opts) => {
        const [text] = words(['<text>'], [given], opts);
        const m = await import('../commands/decide.js');
        return m.decide({ text: text!, because: opt(opts.because, '--because'), supersedes: opt(opts.supersedes, '--supersedes') }, ctx);
      }),
    );

  cli
    .command(usage('dead-end <what>'), 'Record an approach that was tried and ruled out')
    .option('--because <why>', 'Why it failed (one starting with "-": --because=<why>)')
    .example('git session dead-end "Polling the API" --because "rate limited after a minute"')
    .example('git session dead-end -- "--force on every push"')
    .action(
      act(async (given: string | undefined, opts: Opts) => {
        const [what] = words(['<what>'], [given], opts);
        const m = await import('../commands/dead-end.js');
        return m.deadEnd({ what: what!, because: opt(opts.because, '--because') }, ctx);
      }),
    );

  cli
    .command(usage('new <goal>'), 'Close the current session (journaled) and start SESSION.md afresh with a new goal')
    .example('git session new "Add CSV export"')
    .action(
      act(async (given: string | undefined, opts: Opts) => {
        const [goal] = words(['<goal>'], [given], opts);
        return (await import('../commands/new-session.js')).newSession({ goal: goal! }, ctx);
      }),
    );

  cli
    .command(usage('set-status <text>'), 'Set the current status in SESSION.md')
    .example('git session set-status -- "-2 tests left"')
    .action(
      act(async (given: string | undefined, opts: Opts) => {
        const [status] = words(['<text>'], [given], opts);
        return (await import('../commands/set-status.js')).setStatus({ text: status! }, ctx);
      }),
    );

  cli
    .command(usage('key-file <path> [why]'), 'Record a key file and why it matters')
    .example('git session key-file src/parse.ts "where every heading is classified"')
    .example('git session key-file -- -odd-name.ts "starts with a dash"')
    .action(
      act(async (path: string | undefined, why: string | undefined, opts: Opts) => {
        const [file, reason] = words(['<path>', '[why]'], [path, why], opts);
        return (await import('../commands/key-file.js')).keyFile({ path: file!, why: reason }, ctx);
      }),
    );

  cli
    .command('review [range]', 'A pull-request description for a range: decisions, dead ends, status, files, commits')
    .option('--format <fmt>', 'md, json, or github (notices on the changed lines that carry decisions, as workflow commands)', { default: 'md' })
    .action(
      act(async (range: string | undefined, opts: Opts) =>
        opts.format === 'github' && !opts.json
          ? (await import('../commands/annotate.js')).annotate({ range }, ctx)
          : (await import('../commands/review.js')).review({ range, format: format(opts, 'Use --format md, json or github.') }, ctx),
      ),
    );

  cli
    .command('why <target>', 'The decisions behind a path or a line: <path>[:<line>[-<end>]] (lines: the last change of each, via git blame)')
    .option('--history', 'For lines: every commit that ever touched them (git log -L), not just the last change')
    .option('--format <fmt>', 'md or json', { default: 'md' })
    .action(
      act(async (target: string, opts: Opts) =>
        (await import('../commands/why.js')).why({ target, format: format(opts), history: opts.history === true }, ctx),
      ),
    );

  cli
    .command('decisions <path>', "The decisions and dead ends still in force for a file, within the edit budget (what assistants get before editing it)")
    .option('--format <fmt>', 'md or json', { default: 'md' })
    .action(
      act(async (path: string, opts: Opts) => (await import('../commands/decisions.js')).decisions({ path, format: format(opts) }, ctx)),
    );

  cli
    .command('log', 'Work entries of a period: commits with their decisions, dead ends and journal data')
    .option('--since <when>', 'Start of the period, in any form git accepts')
    .option('--until <when>', 'End of the period')
    .option('--author <who>', 'Only commits by this author')
    .option('--grep <pattern>', 'Only commits whose message matches')
    .option('-n, --max-count <count>', 'At most this many commits, newest first (like git log -n)')
    .option('--format <fmt>', 'md or json', { default: 'md' })
    .action(
      act(async (opts: Opts) =>
        (await import('../commands/log.js')).log(
          {
            maxCount: count(opt(opts.maxCount, '--max-count') ?? rawOption(argv, '-n')),
            since: opt(opts.since, '--since'),
            until: opt(opts.until, '--until'),
            author: opt(opts.author, '--author'),
            grep: opt(opts.grep, '--grep'),
            paths: opts['--'] ?? [],
            format: format(opts),
          },
          ctx,
        ),
      ),
    );

  cli
    .command('standup', 'Done, decided, ruled out and next, ready to read out')
    .option('--since <when>', 'Start of the period (default: start of the previous working day)')
    .option('--author <who>', 'Whose work (default: you)')
    .option('--format <fmt>', 'md or json', { default: 'md' })
    .action(
      act(async (opts: Opts) =>
        (await import('../commands/standup.js')).standup(
          { since: opt(opts.since, '--since'), author: opt(opts.author, '--author'), format: format(opts) },
          ctx,
        ),
      ),
    );

  cli
    .command('show', 'SESSION.md as it was at a commit or a moment')
    .option('--at <rev|date>', 'A revision or a date git understands (default: HEAD)')
    .option('--format <fmt>', 'md or json', { default: 'md' })
    .action(
      act(async (opts: Opts) => (await import('../commands/show.js')).show({ at: opt(opts.at, '--at'), format: format(opts) }, ctx)),
    );

  cli
    .command('timeline [range]', 'One self-contained HTML page of the journal and commits, with SESSION.md at every commit')
    .option('--out <file>', 'Write the page to this file (default: print it)')
    .option('--open', 'Open the page in the default browser (written under the git dir unless --out is given)')
    .option('--since <when>', 'Only commits after this date, in any form git accepts')
    .option('--until <when>', 'Only commits before this date')
    .action(
      act(async (range: string | undefined, opts: Opts) =>
        (await import('../commands/timeline.js')).timeline(
          {
            range,
            out: opt(opts.out, '--out'),
            since: opt(opts.since, '--since'),
            until: opt(opts.until, '--until'),
            open: Boolean(opts.open),
          },
          ctx,
        ),
      ),
    );

  cli
    .command('squash-message <range>', "A squash-merge message with all of the range's trailers in its last block")
    .action(
      act(async (range: string) => (await import('../commands/squash-message.js')).squashMessage({ range }, ctx)),
    );

  cli
    .command('context', 'A compact summary of the session state for the start of an assistant session')
    .option('--format <fmt>', 'md or json', { default: 'md' })
    .action(act(async (opts: Opts) => (await import('../commands/context.js')).context({ format: format(opts) }, ctx)));

  cli
    .command('checkpoint', 'Record a checkpoint entry in the journal without committing')
    .action(act(async () => (await import('../commands/checkpoint.js')).checkpoint({}, ctx)));

  cli
    .command('capture', "Draft SESSION.md updates from the assistant's local transcripts")
    .option('--apply', 'Splice the draft into SESSION.md')
    .option('--transcripts <dir>', 'Folder of transcript files (default: Claude Code projects folder for this repo)')
    .option('--format <fmt>', 'md or json', { default: 'md' })
    .action(
      act(async (opts: Opts) =>
        (await import('../commands/capture.js')).capture(
          { apply: Boolean(opts.apply), transcripts: opt(opts.transcripts, '--transcripts'), format: format(opts) },
          ctx,
        ),
      ),
    );

  cli
    .command('mcp', 'Serve the session tools over MCP on stdio')
    .action(act(async () => (await import('../mcp/serve.js')).serveMcp({}, ctx)));

  cli.help((sections) =>
    [
      ...sections,
      { title: 'Text that starts with "-"', body: '  Put it after `--`: git session decide -- "-0 stays"; a reason as --because="-x".' },
    ].map((section) => ({ ...section, body: say(section.body) })),
  );
  cli.version(version);

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
      const message = (error as Error).message;
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
  };
}
