import type { CommandSpec, OptionSpec } from './command-spec.js';

/**
 * Every command, in the order `--help` lists them, each with the MCP tool it is when
 * assistants may call it. Nothing here runs until a command is chosen: each `run`
 * lazy-imports its module.
 */
const FORMAT: OptionSpec = { flags: '--format <fmt>', description: 'md or json', default: 'md' };
const MD_JSON = ['md', 'json'] as const;
/** What an assistant sees of the format input. */
const TOOL_FORMAT = { choices: MD_JSON, describe: 'md (default) or json' };

export const COMMANDS: readonly CommandSpec[] = [
  {
    usage: 'init',
    summary: 'Scaffold SESSION.md and agent instructions, and install the commit hooks',
    options: [
      {
        flags: '--agents <list>',
        description: 'Comma-separated assistants to write instructions for: claude,codex,gemini,copilot,cursor (default: claude, plus any whose file exists)',
      },
      { flags: '--mcp', description: 'Also register the git-session MCP server in .mcp.json (Claude Code)' },
      { flags: '--dry-run', description: 'Print the plan and write nothing' },
      { flags: '--shared-hooks', description: 'Install the hooks even into a core.hooksPath set for every repository of the machine' },
    ],
    run: async (v, ctx) =>
      (await import('./init.js')).init(
        { agents: v.text('agents'), mcp: v.flag('mcp'), dryRun: v.flag('dryRun'), sharedHooks: v.flag('sharedHooks') },
        ctx,
      ),
  },
  {
    usage: 'uninstall',
    summary: 'Remove exactly what init added',
    options: [
      { flags: '--dry-run', description: 'Print the plan and write nothing' },
      { flags: '--force', description: 'Remove the private filter even while the session file holds private text' },
    ],
    run: async (v, ctx) => (await import('./uninstall.js')).uninstall({ dryRun: v.flag('dryRun'), force: v.flag('force') }, ctx),
  },
  {
    usage: 'setup',
    summary: "Set up this clone: hooks, merge drivers and private filter (npm install runs it through package.json's prepare)",
    run: async (_v, ctx) => (await import('./setup.js')).setup({}, ctx),
  },
  {
    usage: 'status',
    summary: 'The parsed session state at a glance',
    options: [
      { flags: '--json', description: 'Print JSON' },
      { flags: '--format <fmt>', description: 'md or json' },
    ],
    run: async (v, ctx) => (await import('./status.js')).status({ format: v.format(MD_JSON) }, ctx),
    tool: { name: 'session_status', description: 'The parsed SESSION.md state at a glance.', inputs: { format: TOOL_FORMAT } },
  },
  {
    usage: 'decide <text>',
    summary: 'Record a decision in SESSION.md',
    options: [
      { flags: '--because <reason>', description: 'Why this was decided (one starting with "-": --because=<reason>)' },
      { flags: '--supersedes <old>', description: 'The decision this one replaces: it is removed from SESSION.md and named in the new one' },
    ],
    examples: [
      'git session decide "Keep amounts in cents" --because "floats round badly"',
      'git session decide "Keep amounts as decimals" --because "cents broke currencies" --supersedes "Keep amounts in cents"',
      'git session decide --because="-0 and 0 differ" -- "-0 stays a distinct value"',
    ],
    run: async (v, ctx) =>
      (await import('./decide.js')).decide({ text: v.text('text')!, because: v.text('because'), supersedes: v.text('supersedes') }, ctx),
    tool: {
      name: 'record_decision',
      description:
        'Record a decision and the reason for it in SESSION.md (it goes into the next commit as a Decision trailer); with supersedes, it replaces an earlier decision, which is then no longer in force.',
      inputs: {
        text: { required: true, describe: 'What was decided' },
        because: { required: true, describe: 'Why' },
        supersedes: { describe: 'The decision this one replaces, as SESSION.md words it: it is taken out of SESSION.md and named in the new one' },
      },
    },
  },
  {
    usage: 'dead-end <what>',
    summary: 'Record an approach that was tried and ruled out',
    options: [{ flags: '--because <why>', description: 'Why it failed (one starting with "-": --because=<why>)' }],
    examples: ['git session dead-end "Polling the API" --because "rate limited after a minute"', 'git session dead-end -- "--force on every push"'],
    run: async (v, ctx) => (await import('./dead-end.js')).deadEnd({ what: v.text('what')!, because: v.text('because') }, ctx),
    tool: {
      name: 'record_dead_end',
      description: 'Record an approach that was tried and ruled out, and why, so it is not retried.',
      inputs: { what: { required: true, describe: 'What was tried' }, because: { required: true, describe: 'Why it failed' } },
    },
  },
  {
    usage: 'new <goal>',
    summary: 'Close the current session (journaled) and start SESSION.md afresh with a new goal',
    examples: ['git session new "Add CSV export"'],
    run: async (v, ctx) => (await import('./new-session.js')).newSession({ goal: v.text('goal')! }, ctx),
  },
  {
    usage: 'set-status <text>',
    summary: 'Set the current status in SESSION.md',
    examples: ['git session set-status -- "-2 tests left"'],
    run: async (v, ctx) => (await import('./set-status.js')).setStatus({ text: v.text('text')! }, ctx),
    tool: {
      name: 'set_status',
      description: 'Set the current status (where things stand, the next step) in SESSION.md.',
      inputs: { text: { required: true } },
    },
  },
  {
    usage: 'key-file <path> [why]',
    summary: 'Record a key file and why it matters',
    examples: ['git session key-file src/parse.ts "where every heading is classified"', 'git session key-file -- -odd-name.ts "starts with a dash"'],
    run: async (v, ctx) => (await import('./key-file.js')).keyFile({ path: v.text('path')!, why: v.text('why') }, ctx),
    tool: {
      name: 'add_key_file',
      description: 'Record a key file (repository-relative path) and why it matters in SESSION.md.',
      inputs: { path: { required: true, describe: 'Repository-relative path' }, why: {} },
    },
  },
  {
    usage: 'review [range]',
    summary: 'A pull-request description for a range: decisions, dead ends, status, files, commits',
    options: [
      { flags: '--active-only', description: 'Only what is still in force, as assistants are given it' },
      { flags: '--format <fmt>', description: 'md, json, or github (notices on the changed lines that carry decisions, as workflow commands)', default: 'md' },
    ],
    run: async (v, ctx) => {
      const format = v.format(['md', 'json', 'github']);
      const range = v.text('range');
      return format === 'github'
        ? (await import('./annotate.js')).annotate({ range }, ctx)
        : (await import('./review.js')).review({ range, format, activeOnly: v.flag('activeOnly') }, ctx);
    },
    tool: {
      name: 'review',
      description: 'A pull-request description for a commit range: decisions, dead ends, status, files, commits.',
      inputs: { range: { describe: 'A git range such as main..HEAD', max: 500 }, format: TOOL_FORMAT },
      fixed: { activeOnly: true },
    },
  },
  {
    usage: 'why <target>',
    summary: 'The decisions behind a path or a line: <path>[:<line>[-<end>]] (lines: the last change of each, via git blame)',
    options: [
      { flags: '--history', description: 'For lines: every commit that ever touched them (git log -L), not just the last change' },
      { flags: '--active-only', description: 'Only what is still in force, as assistants are given it' },
      FORMAT,
    ],
    run: async (v, ctx) =>
      (await import('./why.js')).why({ target: v.text('target')!, format: v.format(MD_JSON), history: v.flag('history'), activeOnly: v.flag('activeOnly') }, ctx),
    tool: {
      name: 'why',
      description: 'The decisions still in force behind a path (repository-relative) or lines: <path>[:<line>[-<end>]].',
      inputs: { target: { required: true, describe: '<path>[:<line>[-<end>]], the path repository-relative' }, format: TOOL_FORMAT },
      fixed: { activeOnly: true },
    },
  },
  {
    usage: 'decisions <path>',
    summary: 'The decisions and dead ends still in force for a file, within the edit budget (what assistants get before editing it)',
    options: [FORMAT],
    run: async (v, ctx) => (await import('./decisions.js')).decisions({ path: v.text('path')!, format: v.format(MD_JSON) }, ctx),
    tool: {
      name: 'decisions_for_path',
      description:
        'The decisions and dead ends still in force for one file (repository-relative path), newest first, within a small budget. Ask before editing a file you have not seen.',
      inputs: { path: { required: true, describe: 'Repository-relative path of the file' } },
    },
  },
  {
    usage: 'log [...paths]',
    summary: 'Work entries of a period: commits with their decisions, dead ends and journal data (only those touching the paths, when given)',
    options: [
      { flags: '--since <when>', description: 'Start of the period, in any form git accepts' },
      { flags: '--until <when>', description: 'End of the period' },
      { flags: '--author <who>', description: 'Only commits by this author' },
      { flags: '--grep <pattern>', description: 'Only commits whose message matches' },
      { flags: '-n, --max-count <count>', description: 'At most this many commits, newest first; -n 5, -n5, -5 and --max-count=5 as in git log' },
      FORMAT,
    ],
    afterDashes: 'paths',
    run: async (v, ctx) =>
      (await import('./log.js')).log(
        {
          maxCount: v.count('maxCount'),
          since: v.text('since'),
          until: v.text('until'),
          author: v.text('author'),
          grep: v.text('grep'),
          paths: v.paths(),
          unchecked: v.pathsBeforeDashes(),
          format: v.format(MD_JSON),
        },
        ctx,
      ),
  },
  {
    usage: 'standup',
    summary: 'Done, decided, ruled out and next, ready to read out',
    options: [
      { flags: '--since <when>', description: 'Start of the period (default: start of the previous working day)' },
      { flags: '--author <who>', description: 'Whose work (default: you)' },
      FORMAT,
    ],
    run: async (v, ctx) =>
      (await import('./standup.js')).standup({ since: v.text('since'), author: v.text('author'), format: v.format(MD_JSON) }, ctx),
  },
  {
    usage: 'show',
    summary: 'SESSION.md as it was at a commit or a moment',
    options: [{ flags: '--at <rev|date>', description: 'A revision or a date git understands (default: HEAD)' }, FORMAT],
    run: async (v, ctx) => (await import('./show.js')).show({ at: v.text('at'), format: v.format(MD_JSON) }, ctx),
  },
  {
    usage: 'timeline [range]',
    summary: 'One self-contained HTML page of the journal and commits, with SESSION.md at every commit',
    options: [
      { flags: '--out <file>', description: 'Write the page to this file (default: print it)' },
      { flags: '--open', description: 'Open the page in the default browser (written under the git dir unless --out is given)' },
      { flags: '--since <when>', description: 'Only commits after this date, in any form git accepts' },
      { flags: '--until <when>', description: 'Only commits before this date' },
    ],
    run: async (v, ctx) =>
      (await import('./timeline.js')).timeline(
        { range: v.text('range'), out: v.text('out'), since: v.text('since'), until: v.text('until'), open: v.flag('open') },
        ctx,
      ),
  },
  {
    usage: 'squash-message <range>',
    summary: "A squash-merge message with all of the range's trailers in its last block",
    run: async (v, ctx) => (await import('./squash-message.js')).squashMessage({ range: v.text('range')! }, ctx),
  },
  {
    usage: 'context',
    summary: 'A compact summary of the session state for the start of an assistant session',
    options: [FORMAT],
    run: async (v, ctx) => (await import('./context.js')).context({ format: v.format(MD_JSON), tolerant: v.flag('tolerant') }, ctx),
    tool: {
      name: 'session_context',
      description:
        'Summary of the coding session: goal, status, next steps, latest decisions and dead ends, key files, and whether SESSION.md is behind the code.',
      inputs: { format: TOOL_FORMAT },
      // An assistant gets what can be read of a damaged file rather than only a refusal.
      fixed: { tolerant: true },
    },
  },
  {
    usage: 'checkpoint',
    summary: 'Record a checkpoint entry in the journal without committing',
    run: async (_v, ctx) => (await import('./checkpoint.js')).checkpoint({}, ctx),
  },
  {
    usage: 'capture',
    summary: "Draft SESSION.md updates from the assistant's local transcripts",
    options: [
      { flags: '--apply', description: 'Splice the draft into SESSION.md' },
      { flags: '--transcripts <dir>', description: 'Folder of transcript files (default: Claude Code projects folder for this repo)' },
      FORMAT,
    ],
    run: async (v, ctx) =>
      (await import('./capture.js')).capture({ apply: v.flag('apply'), transcripts: v.text('transcripts'), format: v.format(MD_JSON) }, ctx),
  },
];
