import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRepo, TIMEOUT_MS, type TempRepo } from '../helpers/repo.js';

// The record read back after what git and a team do to history: the decisions are
// found in the committed SESSION.md as well as in the trailers, once each, and
// those reverted, superseded or withdrawn are never served as in force.

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

function gs(r: TempRepo, args: string[], env: NodeJS.ProcessEnv = {}) {
  const out = r.run(args, { env });
  if (out.code !== 0) throw new Error(`git-session ${args.join(' ')} failed (${out.code}): ${out.stderr}`);
  return out.stdout;
}

/** A repository set up with init (hooks installed, settings committed). */
function initialised(): TempRepo {
  const r = tempRepo();
  gs(r, ['init']);
  r.git(['add', '-A']);
  r.git(['commit', '-q', '-m', 'set up git-session']);
  return r;
}

/** Records a decision (or dead end) and commits it with a code change, through the hooks. */
function recordAndCommit(r: TempRepo, kind: 'decide' | 'dead-end', what: string, why: string, file: string, extraArgs: string[] = []): string {
  gs(r, [kind, what, '--because', why, ...extraArgs]);
  r.write(file, `${what}\n${(Math.random() * 1e9).toFixed(0)}\n`);
  r.git(['add', '-A']);
  r.git(['commit', '-q', '-m', `Work on ${file}`]);
  return r.git(['rev-parse', 'HEAD']).stdout.trim();
}

type Item = { text: string; status?: string; changedBy?: string | null; commit: string };

function reviewItems(r: TempRepo, range: string): { decisions: Item[]; deadEnds: Item[] } {
  return JSON.parse(gs(r, ['review', range, '--format', 'json'])) as { decisions: Item[]; deadEnds: Item[] };
}

function whyItems(r: TempRepo, path: string): Item[] {
  const report = JSON.parse(gs(r, ['why', path, '--format', 'json'])) as { decisions: Item[]; deadEnds: Item[] };
  return [...report.decisions, ...report.deadEnds];
}

function texts(items: readonly Item[], status?: string): string[] {
  return items.filter((i) => status === undefined || i.status === status).map((i) => i.text).sort();
}

function contextItems(r: TempRepo): string[] {
  const data = JSON.parse(gs(r, ['context', '--format', 'json'])) as { decisions: { text: string }[]; deadEnds: { text: string }[] };
  return [...data.decisions, ...data.deadEnds].map((i) => i.text).sort();
}

describe('squash and fixup keep every decision', () => {
  it('rebase -i squash: review and why find all four decisions once, and the squashed message names them in its trailers', () => {
    repo = initialised();
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    recordAndCommit(repo, 'decide', 'Parse with a streaming reader', 'files reach 2 GB', 'src/reader.ts');
    recordAndCommit(repo, 'decide', 'Keep amounts in cents', 'floats round', 'src/reader.ts');
    recordAndCommit(repo, 'dead-end', 'Regex tokenizer', 'quotes broke it', 'src/reader.ts');
    recordAndCommit(repo, 'decide', 'Report errors with line numbers', 'users asked', 'src/reader.ts');
    repo.git(['rebase', '-q', '-i', base], { env: { GIT_SEQUENCE_EDITOR: "sed -i '2,$s/^pick/squash/'", GIT_EDITOR: 'true' } });
    expect(repo.git(['rev-list', '--count', `${base}..HEAD`]).stdout.trim()).toBe('1');
    // git folds the earlier messages into the body, where no trailer is read: each squash
    // step plans the trailers again from the folded content, into the last block.
    const trailers = repo.git(['log', '-1', '--format=%(trailers:key=Decision,key=Dead-End,valueonly,unfold)']).stdout.trim().split('\n');
    expect(trailers).toEqual([
      'Parse with a streaming reader — files reach 2 GB',
      'Keep amounts in cents — floats round',
      'Report errors with line numbers — users asked',
      'Regex tokenizer — quotes broke it',
    ]);
    const review = reviewItems(repo, `${base}..HEAD`);
    expect(texts(review.decisions)).toEqual(['Keep amounts in cents', 'Parse with a streaming reader', 'Report errors with line numbers']);
    expect(texts(review.deadEnds)).toEqual(['Regex tokenizer']);
    expect(texts([...review.decisions, ...review.deadEnds], 'active')).toHaveLength(4);
    expect(texts(whyItems(repo, 'src/reader.ts'))).toEqual([
      'Keep amounts in cents',
      'Parse with a streaming reader',
      'Regex tokenizer',
      'Report errors with line numbers',
    ]);
  });

  it('commit --fixup then rebase --autosquash: the fixup decision lands in the fixed commit and is found', () => {
    repo = initialised();
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    recordAndCommit(repo, 'decide', 'Cache parsed headers', 'parsing is hot', 'src/a.ts');
    const target = recordAndCommit(repo, 'decide', 'Retry twice on timeouts', 'the API flakes', 'src/b.ts');
    gs(repo, ['decide', 'Back off exponentially', '--because', 'retries stormed the API']);
    repo.write('src/b.ts', 'retry with backoff\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', `--fixup=${target}`]);
    repo.git(['rebase', '-q', '-i', '--autosquash', base], { env: { GIT_SEQUENCE_EDITOR: 'true', GIT_EDITOR: 'true' } });
    expect(repo.git(['rev-list', '--count', `${base}..HEAD`]).stdout.trim()).toBe('2');
    const review = reviewItems(repo, `${base}..HEAD`);
    expect(texts(review.decisions)).toEqual(['Back off exponentially', 'Cache parsed headers', 'Retry twice on timeouts']);
    expect(texts(whyItems(repo, 'src/b.ts'))).toEqual(['Back off exponentially', 'Retry twice on timeouts']);
  });

  it('rebase folds: a fixup that rewords a decision, another that adds one and a squash leave trailers as the folded content says', () => {
    repo = initialised();
    const r = repo;
    const base = r.git(['rev-parse', 'HEAD']).stdout.trim();
    const target = recordAndCommit(r, 'decide', 'Cache in Redsi', 'shared across nodes', 'src/cache.ts');
    // A typo mended by hand in a fixup: the target's own trailer names the typo.
    r.write('SESSION.md', r.read('SESSION.md').replace('Cache in Redsi', 'Cache in Redis'));
    r.git(['add', '-A']);
    r.git(['commit', '-q', `--fixup=${target}`]);
    gs(r, ['decide', 'Expire after an hour', '--because', 'stale reads']);
    r.write('src/cache.ts', 'ttl\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', `--fixup=${target}`]);
    gs(r, ['dead-end', 'Cache in memory', '--because', 'lost on deploy']);
    r.write('src/cache.ts', 'ttl 2\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', `--squash=${target}`, '-m', 'Also tried memory']);
    const env = { GIT_SEQUENCE_EDITOR: 'true', GIT_EDITOR: 'true' };
    r.git(['rebase', '-q', '-i', '--autosquash', base], { env });
    expect(r.git(['rev-list', '--count', `${base}..HEAD`]).stdout.trim()).toBe('1');
    const trailers = r.git(['log', '-1', '--format=%(trailers:key=Decision,key=Dead-End,valueonly)']).stdout.trim().split('\n');
    expect(trailers).toEqual(['Cache in Redis — shared across nodes', 'Expire after an hour — stale reads', 'Cache in memory — lost on deploy']);
    const review = reviewItems(r, `${base}..HEAD`);
    expect(texts(review.decisions)).toEqual(['Cache in Redis', 'Expire after an hour']);
    expect(texts(review.deadEnds)).toEqual(['Cache in memory']);
    expect(r.git(['cat-file', 'commit', 'HEAD']).stdout).toMatch(/[^\n]\n$/);
    // A trailer typed by hand into a folded message stays; git-session's own are not repeated in the body.
    r.git(['commit', '-q', '--amend', '-m', `${r.git(['log', '-1', '--format=%B']).stdout.trimEnd()}\nDecision: Keep misses out — typed`]);
    gs(r, ['decide', 'Warm on start', '--because', 'cold starts']);
    r.write('src/cache.ts', 'ttl 3\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '--squash=HEAD', '-m', 'Warm it']);
    r.git(['rebase', '-q', '-i', '--autosquash', base], { env });
    const folded = r.git(['log', '-1', '--format=%B']).stdout;
    expect(folded).toContain('Decision: Keep misses out — typed');
    expect(folded.match(/^Decision: Cache in Redis/gm), folded).toHaveLength(1);
    expect(r.git(['log', '-1', '--format=%(trailers:key=Decision,valueonly)']).stdout).toContain('Warm on start — cold starts');
    // Outside a fold, a rebase replays the message as it was.
    const kept = recordAndCommit(r, 'decide', 'Log cache misses', 'tuning', 'src/log.ts');
    const body = r.git(['log', '-1', '--format=%B', kept]).stdout;
    r.git(['rebase', '-q', '-i', '--force-rebase', `${kept}~1`], { env });
    expect(r.git(['log', '-1', '--format=%B']).stdout).toBe(body);
  });
});

describe('a fold onto a merge', () => {
  it('rebase -r: a fixup of a merge leaves it only what none of its parents had', () => {
    repo = initialised();
    const r = repo;
    const base = r.git(['rev-parse', 'HEAD']).stdout.trim();
    r.git(['checkout', '-q', '-b', 'side']);
    recordAndCommit(r, 'decide', 'Side decision', 'side work', 'src/side.ts');
    r.git(['checkout', '-q', 'main']);
    recordAndCommit(r, 'decide', 'Main decision', 'main work', 'src/main.ts');
    r.git(['merge', '-q', '--no-ff', '--no-edit', 'side']);
    r.write('src/main.ts', 'mended\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '--fixup=HEAD']);
    r.git(['rebase', '-q', '-i', '-r', '--autosquash', base], { env: { GIT_SEQUENCE_EDITOR: 'true', GIT_EDITOR: 'true' } });
    expect(r.git(['rev-list', '--parents', '-1', 'HEAD']).stdout.trim().split(' ')).toHaveLength(3);
    expect(r.git(['log', '-1', '--format=%(trailers:key=Decision,valueonly)']).stdout.trim()).toBe('');
    const review = reviewItems(r, `${base}..HEAD`);
    expect(review.decisions.find((d) => d.text === 'Side decision')?.commit).not.toBe(r.git(['rev-parse', 'HEAD']).stdout.trim());
  });
});

describe('what is no longer in force', () => {
  it('a reverted decision is named as reverted and never served as active', () => {
    repo = initialised();
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    recordAndCommit(repo, 'decide', 'Store sessions in Redis', 'shared across nodes', 'src/store.ts');
    const bad = recordAndCommit(repo, 'decide', 'Drop the session TTL', 'simpler', 'src/store.ts');
    repo.git(['revert', '--no-edit', bad]);
    const revert = repo.git(['rev-parse', '--short', 'HEAD']).stdout.trim();
    const review = reviewItems(repo, `${base}..HEAD`);
    const dropped = review.decisions.find((d) => d.text === 'Drop the session TTL');
    expect(dropped?.status).toBe('reverted');
    expect(revert.startsWith(dropped?.changedBy ?? '-') || (dropped?.changedBy ?? '').startsWith(revert)).toBe(true);
    expect(texts(review.decisions, 'active')).toEqual(['Store sessions in Redis']);
    expect(gs(repo, ['review', `${base}..HEAD`])).toMatch(/Drop the session TTL — simpler \(\w+\) \(reverted by \w+\)/);
    expect(texts(whyItems(repo, 'src/store.ts'), 'active')).toEqual(['Store sessions in Redis']);
    expect(contextItems(repo)).not.toContain('Drop the session TTL');
    expect(gs(repo, ['squash-message', base])).not.toContain('Drop the session TTL');
    expect(gs(repo, ['squash-message', base])).toContain('Decision: Store sessions in Redis');
  });

  it('decide --supersedes retires the old decision; removing a bullet withdraws it; new keeps the closed ones in force', () => {
    repo = initialised();
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    recordAndCommit(repo, 'decide', 'Use SQLite', 'one file', 'src/db.ts');
    recordAndCommit(repo, 'decide', 'Use Postgres', 'concurrent writers', 'src/db.ts', ['--supersedes', 'use sqlite']);
    expect(repo.read('SESSION.md')).toContain('- Use Postgres (supersedes: Use SQLite) — Reason: concurrent writers');
    expect(repo.read('SESSION.md')).not.toMatch(/^- Use SQLite/m);
    const refused = repo.run(['decide', 'Use MySQL', '--because', 'x', '--supersedes', 'Use Oracle']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('no decision "Use Oracle"');
    recordAndCommit(repo, 'decide', 'Log every query', 'debugging', 'src/db.ts');
    // Withdrawn by hand: the bullet deleted while the session goes on.
    repo.write('SESSION.md', repo.read('SESSION.md').replace(/^- Log every query.*\n/m, ''));
    repo.write('src/db.ts', 'quiet\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'Stop logging queries']);
    const review = reviewItems(repo, `${base}..HEAD`);
    const status = Object.fromEntries(review.decisions.map((d) => [d.text, d.status]));
    expect(status).toEqual({ 'Use SQLite': 'superseded', 'Use Postgres (supersedes: Use SQLite)': 'active', 'Log every query': 'withdrawn' });
    expect(contextItems(repo)).toEqual(['Use Postgres (supersedes: Use SQLite)']);

    gs(repo, ['new', 'Add a reporting screen']);
    expect(repo.read('SESSION.md')).toContain('Add a reporting screen');
    expect(repo.read('SESSION.md')).not.toContain('Use Postgres');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'Start the reporting work']);
    const after = whyItems(repo, 'src/db.ts');
    expect(texts(after, 'active')).toEqual(['Use Postgres (supersedes: Use SQLite)']);
    expect(texts(after, 'withdrawn')).toEqual(['Log every query']);
  });
});

describe('a session closed without a journal', () => {
  it('keeps the closed session\'s decisions in force: the file left with no item reads as a close', () => {
    repo = initialised();
    repo.git(['config', '-f', '.gitsession', 'journal.enabled', 'false']);
    repo.git(['commit', '-q', '-am', 'No journal']);
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    recordAndCommit(repo, 'decide', 'Use tabs', 'the team agreed', 'src/fmt.ts');
    repo.git(['checkout', '-q', '-b', 'next']);
    gs(repo, ['new', 'Reporting screen']);
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-m', 'Start the reporting work']);
    expect(repo.git(['diff', '--name-only', 'HEAD~1', 'HEAD']).stdout).not.toContain('.session/journal');
    expect(texts(whyItems(repo, 'src/fmt.ts'), 'active')).toEqual(['Use tabs']);
    expect(texts(reviewItems(repo, `${base}..HEAD`).decisions, 'active')).toEqual(['Use tabs']);
    expect(gs(repo, ['decisions', 'src/fmt.ts'])).toContain('Use tabs');
  });
});

describe('merges', () => {
  /** Both branches change src/db.ts, so the merge stops for a hand resolution; `resolve` edits what else the person changes then. */
  function conflictedMerge(r: TempRepo, onSide: (r: TempRepo) => void, resolve: (r: TempRepo) => void): string {
    r.git(['checkout', '-q', '-b', 'side']);
    onSide(r);
    r.write('src/db.ts', 'side\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'Side work']);
    r.git(['checkout', '-q', 'main']);
    r.write('src/db.ts', 'main\n');
    r.git(['add', '-A']);
    r.git(['commit', '-q', '-m', 'Main work']);
    expect(r.git(['merge', '-q', 'side'], { allowFail: true }).code).not.toBe(0);
    r.write('src/db.ts', 'both\n');
    resolve(r);
    r.git(['add', '-A']);
    r.git(['commit', '-q', '--no-edit']);
    return r.git(['rev-parse', 'HEAD']).stdout.trim();
  }

  const withoutBullet = (r: TempRepo, what: string) => r.write('SESSION.md', r.read('SESSION.md').replace(new RegExp(`^- ${what}.*\\n`, 'm'), ''));

  it('a decision taken out while a conflict is resolved is withdrawn by the merge; one a side withdrew stays that side\'s', () => {
    repo = initialised();
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    recordAndCommit(repo, 'decide', 'Use Postgres', 'concurrent writers', 'src/db.ts');
    recordAndCommit(repo, 'decide', 'Pool connections', 'startup cost', 'src/pool.ts');
    recordAndCommit(repo, 'decide', 'Log every query', 'debugging', 'src/log.ts');
    let sideWithdrew = '';
    const merge = conflictedMerge(
      repo,
      (r) => {
        // The side takes one out itself, and records one of its own.
        withoutBullet(r, 'Log every query');
        r.git(['add', '-A']);
        r.git(['commit', '-q', '-m', 'Stop logging queries']);
        sideWithdrew = r.git(['rev-parse', 'HEAD']).stdout.trim();
        recordAndCommit(r, 'decide', 'Shard by tenant', 'one tenant is most of the load', 'src/shard.ts');
      },
      // Resolving, the person drops a decision both sides hold and the one the side added.
      (r) => {
        withoutBullet(r, 'Pool connections');
        withoutBullet(r, 'Shard by tenant');
      },
    );
    const review = reviewItems(repo, `${base}..HEAD`);
    const by = Object.fromEntries(review.decisions.map((d) => [d.text, [d.status, d.changedBy]]));
    const short = (hash: string) => expect.stringMatching(new RegExp(`^${hash.slice(0, 7)}`));
    expect(by).toEqual({
      'Use Postgres': ['active', null],
      'Pool connections': ['withdrawn', short(merge)],
      'Shard by tenant': ['withdrawn', short(merge)],
      'Log every query': ['withdrawn', short(sideWithdrew)],
    });
    expect(contextItems(repo)).toEqual(['Use Postgres']);
    expect(texts(whyItems(repo, 'src/pool.ts'), 'withdrawn')).toEqual(['Pool connections']);
    // A merge git makes itself of both sides' edits takes out nothing.
    const clean = initialised();
    try {
      recordAndCommit(clean, 'decide', 'Use Postgres', 'concurrent writers', 'src/db.ts');
      clean.git(['checkout', '-q', '-b', 'side']);
      recordAndCommit(clean, 'decide', 'Shard by tenant', 'load', 'src/shard.ts');
      clean.git(['checkout', '-q', 'main']);
      recordAndCommit(clean, 'dead-end', 'One database per tenant', 'too many', 'src/tenants.ts');
      clean.git(['merge', '-q', '--no-edit', 'side']);
      const all = reviewItems(clean, 'HEAD~4..HEAD');
      expect([...all.decisions, ...all.deadEnds].map((d) => [d.text, d.status]).sort()).toEqual([
        ['One database per tenant', 'active'],
        ['Shard by tenant', 'active'],
        ['Use Postgres', 'active'],
      ]);
    } finally {
      clean.cleanup();
    }
  });

  it('a later commit whose message names a decision already in force leaves it with the commit that recorded it', () => {
    repo = initialised();
    const recorded = recordAndCommit(repo, 'decide', 'Use tabs', 'team style', 'tabs.js');
    repo.write('other.js', 'x\n');
    repo.git(['add', 'other.js']);
    repo.git(['commit', '-q', '-m', 'Mention it again', '-m', 'Decision: Use tabs — team style']);
    expect(whyItems(repo, 'tabs.js').map((i) => [i.text, i.status, i.commit])).toEqual([['Use tabs', 'active', recorded]]);
    expect(JSON.parse(gs(repo, ['why', 'tabs.js:1', '--format', 'json'])).decisions.map((i: Item) => i.commit)).toEqual([recorded]);
    expect(gs(repo, ['decisions', 'tabs.js'])).toContain('Use tabs');
  });

  it('a merge committed with conflict markers in the session file: the commit that mends it records nothing the branches did', () => {
    repo = initialised();
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    recordAndCommit(repo, 'decide', 'Base choice', 'base', 'a.txt');
    repo.git(['checkout', '-q', '-b', 'feat']);
    const feature = recordAndCommit(repo, 'decide', 'Feature choice', 'feature reason', 'f.txt');
    repo.git(['checkout', '-q', 'main']);
    const main = recordAndCommit(repo, 'decide', 'Main choice', 'main reason', 'm.txt');
    repo.git(['merge', '-q', '--no-commit', 'feat'], { allowFail: true });
    // Committed as git's conflict left it would be: markers around both sides' new lines.
    const both = repo.read('SESSION.md');
    const marked = both
      .replace(/^(- Main choice.*)$/m, '<<<<<<< HEAD\n$1\n=======')
      .replace(/^(- Feature choice.*)$/m, '$1\n>>>>>>> feat');
    expect(marked).toContain('=======\n- Feature choice');
    repo.write('SESSION.md', marked);
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'Merge feat, markers and all']);
    repo.write('SESSION.md', both);
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'Mend the conflict']);
    // Asked first, with nothing kept: the parser's error for the version with markers is told apart.
    const why = repo.run(['why', 'f.txt']);
    expect(why.code, why.stderr).toBe(0);
    expect(why.stdout).toContain('- Decision: Feature choice — feature reason');
    const review = reviewItems(repo, `${base}..HEAD`);
    const by = Object.fromEntries(review.decisions.map((d) => [d.text, [d.status, d.commit]]));
    expect(by['Feature choice']).toEqual(['active', feature]);
    expect(by['Main choice']).toEqual(['active', main]);
  });

  it('a side branch that starts a new session brings it in without withdrawing what it closed', () => {
    repo = initialised();
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    recordAndCommit(repo, 'decide', 'Use Postgres', 'concurrent writers', 'src/db.ts');
    conflictedMerge(
      repo,
      (r) => {
        gs(r, ['new', 'Reporting screen']);
        r.git(['add', '-A']);
        r.git(['commit', '-q', '-m', 'Start the reporting work']);
      },
      // The new session, plus a decision of the merge's own: a result unlike either side's.
      (r) => {
        r.git(['checkout', '--theirs', '--', 'SESSION.md']);
        gs(r, ['decide', 'Keep the old reports', '--because', 'customers print them']);
      },
    );
    expect(repo.read('SESSION.md')).not.toContain('Use Postgres');
    const review = reviewItems(repo, `${base}..HEAD`);
    expect(review.decisions.map((d) => [d.text, d.status]).sort()).toEqual([
      ['Keep the old reports', 'active'],
      ['Use Postgres', 'active'],
    ]);
    expect(review.decisions.find((d) => d.text === 'Keep the old reports')?.commit).toBe(repo.git(['rev-parse', 'HEAD']).stdout.trim());
  });
});

describe('commits made without the hooks', () => {
  it('--no-verify: no trailer, yet review and why find the decision once', () => {
    repo = initialised();
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    gs(repo, ['decide', 'Validate input at the edge', '--because', 'one place to audit']);
    repo.write('src/edge.ts', 'validate\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '--no-verify', '-m', 'Validate at the edge']);
    expect(repo.git(['log', '-1', '--format=%(trailers)']).stdout.trim()).toBe('');
    expect(texts(reviewItems(repo, `${base}..HEAD`).decisions)).toEqual(['Validate input at the edge']);
    expect(texts(whyItems(repo, 'src/edge.ts'))).toEqual(['Validate input at the edge']);
  });

  it('a teammate who never ran init: status and context say so, review still finds what they recorded', () => {
    repo = initialised();
    const clone = join(repo.dir, '..', 'clone');
    repo.git(['clone', '-q', repo.dir, clone]);
    const base = repo.git(['-C', clone, 'rev-parse', 'HEAD']).stdout.trim();
    const status = repo.run(['status'], { cwd: clone });
    expect(status.stdout).toMatch(/Hooks: not installed in this clone.*run `git session setup` in this clone/);
    expect(JSON.parse(repo.run(['status', '--json'], { cwd: clone }).stdout).hooksInstalled).toBe(false);
    expect(JSON.parse(repo.run(['status', '--json']).stdout).hooksInstalled).toBe(true);
    expect(repo.run(['context'], { cwd: clone }).stdout).toMatch(/This clone has no git-session hooks.*Fix: `git session setup`/);
    // The fix they are given does it.
    const fixed = join(repo.dir, '..', 'fixed');
    repo.git(['clone', '-q', repo.dir, fixed]);
    expect(repo.run(['setup'], { cwd: fixed }).code).toBe(0);
    expect(JSON.parse(repo.run(['status', '--json'], { cwd: fixed }).stdout).hooksInstalled).toBe(true);
    expect(repo.run(['decide', 'Ship behind a flag', '--because', 'safe rollout'], { cwd: clone }).code).toBe(0);
    repo.write('clone/src/flag.ts', 'flag\n');
    repo.git(['add', '-A'], { cwd: clone });
    repo.git(['commit', '-q', '-m', 'Add the flag'], { cwd: clone });
    const review = JSON.parse(repo.run(['review', `${base}..HEAD`, '--format', 'json'], { cwd: clone }).stdout) as { decisions: Item[] };
    expect(texts(review.decisions)).toEqual(['Ship behind a flag']);
    expect(repo.run(['review', `${base}..HEAD`], { cwd: clone }).stdout).not.toContain('No decisions were recorded');
  });
});

describe('the edit-time hook as Claude Code runs it', () => {
  function preToolUseCommand(r: TempRepo): string {
    const settings = JSON.parse(r.read('.claude/settings.json')) as {
      hooks: Record<string, { matcher?: string; hooks: { command: string }[] }[]>;
    };
    const group = settings.hooks.PreToolUse?.find((g) => g.matcher === 'Read|Edit|MultiEdit|Write|NotebookEdit');
    expect(group).toBeDefined();
    return group!.hooks[0]!.command;
  }

  function runHook(r: TempRepo, command: string, input: unknown) {
    const out = spawnSync('sh', ['-c', command], {
      cwd: r.dir,
      env: { ...r.env, CLAUDE_PROJECT_DIR: r.dir },
      input: JSON.stringify(input),
      encoding: 'utf8',
      timeout: TIMEOUT_MS,
    });
    return { code: out.status, stdout: out.stdout ?? '', stderr: out.stderr ?? '' };
  }

  it("serves the file's active decisions within 800 tokens, none reverted, once per session", () => {
    repo = initialised();
    recordAndCommit(repo, 'decide', 'Hash passwords with argon2', 'memory-hard', 'src/auth.ts');
    recordAndCommit(repo, 'dead-end', 'Rolling our own JWT parser', 'alg=none slipped through', 'src/auth.ts');
    const bad = recordAndCommit(repo, 'decide', 'Skip rate limiting on login', 'faster tests', 'src/auth.ts');
    repo.git(['revert', '--no-edit', bad]);
    repo.git(['mv', 'src/auth.ts', 'src/login.ts']);
    repo.git(['commit', '-q', '-m', 'Rename auth to login']);
    recordAndCommit(repo, 'decide', 'Render with server templates', 'no client bundle', 'src/view.ts');
    const command = preToolUseCommand(repo);
    const input = (file: string, session = 's1') => ({
      session_id: session,
      transcript_path: join(repo!.home, 't.jsonl'),
      cwd: repo!.dir,
      hook_event_name: 'PreToolUse',
      tool_name: 'Read',
      tool_input: { file_path: join(repo!.dir, file) },
    });
    const first = runHook(repo, command, input('src/login.ts'));
    expect(first.code).toBe(0);
    const parsed = JSON.parse(first.stdout) as { hookSpecificOutput: { hookEventName: string; additionalContext: string; permissionDecision?: string } };
    expect(parsed.hookSpecificOutput.hookEventName).toBe('PreToolUse');
    expect(parsed.hookSpecificOutput.permissionDecision).toBeUndefined();
    const context = parsed.hookSpecificOutput.additionalContext;
    expect(context.length).toBeLessThanOrEqual(800 * 4);
    expect(context).toContain('Hash passwords with argon2');
    expect(context).toContain('Rolling our own JWT parser');
    expect(context).not.toContain('Skip rate limiting on login');
    expect(context).not.toContain('Render with server templates');
    // The same file in the same session is told once; another session is told again.
    expect(runHook(repo, command, input('src/login.ts')).stdout).toBe('');
    expect(runHook(repo, command, input('src/login.ts', 's2')).stdout).toContain('Hash passwords with argon2');
    // An edit: the blamed commit's decision comes first.
    const edit = runHook(repo, command, {
      ...input('src/view.ts', 's3'),
      tool_name: 'Edit',
      tool_input: { file_path: join(repo.dir, 'src/view.ts'), old_string: 'Render with server templates', new_string: 'x' },
    });
    expect(JSON.parse(edit.stdout).hookSpecificOutput.additionalContext).toContain('Render with server templates');
    // Nothing to say: no output at all.
    repo.write('README.md', 'hi\n');
    expect(runHook(repo, command, input('README.md', 's4'))).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(runHook(repo, command, 'not json' as unknown)).toMatchObject({ code: 0, stdout: '' });
    expect(gs(repo, ['decisions', 'src/login.ts'])).toContain('Hash passwords with argon2');
  });
});

describe('git session log -n', () => {
  it('shows at most n commits, newest first, like git log -n', () => {
    repo = initialised();
    recordAndCommit(repo, 'decide', 'One', 'a', 'one.ts');
    recordAndCommit(repo, 'decide', 'Two', 'b', 'two.ts');
    const log = JSON.parse(gs(repo, ['log', '-n', '2', '--format', 'json'])) as { commits: { subject: string; decisions: Item[] }[] };
    expect(log.commits.map((c) => c.subject)).toEqual(['Work on two.ts', 'Work on one.ts']);
    expect(log.commits[0]!.decisions.map((d) => d.text)).toEqual(['Two']);
    expect(repo.run(['log', '-n', 'x']).code).toBe(2);
  });
});

describe('signatures never leak into what the readers parse', () => {
  it('log.showSignature=true with an ssh-signed commit leaves every commit field a bare id', () => {
    repo = initialised();
    const key = join(repo.home, 'id_test');
    const made = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key], { encoding: 'utf8', timeout: TIMEOUT_MS });
    expect(made.status).toBe(0);
    repo.write('allowed_signers', `ada@example.com ${spawnSync('cat', [`${key}.pub`], { encoding: 'utf8' }).stdout}`);
    repo.git(['config', 'gpg.format', 'ssh']);
    repo.git(['config', 'user.signingkey', key]);
    repo.git(['config', 'gpg.ssh.allowedSignersFile', join(repo.dir, 'allowed_signers')]);
    const base = repo.git(['rev-parse', 'HEAD']).stdout.trim();
    gs(repo, ['decide', 'Sign release commits', '--because', 'provenance']);
    repo.write('src/sign.ts', 'signed\n');
    repo.git(['add', '-A']);
    repo.git(['commit', '-q', '-S', '-m', 'Signed work']);
    repo.git(['config', 'log.showSignature', 'true']);
    expect(repo.git(['log', '-1']).stdout).toMatch(/Good "git" signature|signature/i);
    const ids: string[] = [];
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          if (k === 'commit' && typeof v === 'string') ids.push(v);
          collect(v);
        }
      }
    };
    collect(JSON.parse(gs(repo, ['review', `${base}..HEAD`, '--format', 'json'])));
    collect(JSON.parse(gs(repo, ['why', 'src/sign.ts', '--format', 'json'])));
    collect(JSON.parse(gs(repo, ['log', '--format', 'json'])));
    collect(JSON.parse(gs(repo, ['standup', '--since', '2000-01-01', '--format', 'json'])));
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{40}$/);
    expect(texts(reviewItems(repo, `${base}..HEAD`).decisions)).toEqual(['Sign release commits']);

    // Two more signed commits that leave the session file alone, then a revert of one.
    for (const n of [1, 2]) {
      repo.write(`src/later-${n}.ts`, `${n}\n`);
      repo.git(['add', '-A']);
      repo.git(['commit', '-q', '-S', '-m', `Later ${n}`]);
    }
    const sessionCommit = repo.git(['rev-parse', 'HEAD~2']).stdout.trim();
    const status = JSON.parse(gs(repo, ['status', '--json'])) as Record<string, unknown>;
    expect(JSON.stringify(status)).not.toMatch(/signature|SHA256:/);
    expect(status).toMatchObject({ commitsSinceUpdate: 2 });
    expect(JSON.stringify(status)).toContain(sessionCommit.slice(0, 7));
    const context = gs(repo, ['context', '--format', 'json']);
    expect(context).not.toMatch(/signature|SHA256:/);
    expect(context).toContain('src/later-2.ts');
    repo.git(['revert', '--no-edit', 'HEAD~1']);
    expect(repo.git(['show', 'HEAD', '--', '.session']).stdout).toContain('- Reverts: ');
    expect(repo.git(['show', '--no-show-signature', 'HEAD', '--', '.session']).stdout).not.toMatch(/signature|SHA256:/);
  });
});
