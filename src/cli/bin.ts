#!/usr/bin/env node
// The `git-session` binary (dist/cli.js). Git hooks start it on every commit, and
// compiling the CLI bundle (dist/main.cjs) is a large part of each start, so the
// compiled code is kept between runs in V8's code cache, beside the bundle, written
// when a run ends: it then holds every function that run compiled, not just the
// top level. Node's own compile cache (22.1+) is made when a module is compiled, so
// for the bundle it kept only the top level, and a commit on Node 24 ran about 40% more
// instructions over Node's own start than with this cache (callgrind, measured side by
// side). Node's cache still serves the ES modules the bundle imports lazily. A script
// compiled from cached data cannot call import() itself, so the bundle imports its
// lazy parts through the function passed in as __gsImport. Any failure only costs speed.
import type * as NodeModule from 'node:module';
import { startEarly } from '../adapters/early-git.js';
import { REPO_QUERY } from '../adapters/repo-query.js';
import { plainLayout } from '../adapters/repo-layout.js';
import { blameAhead } from '../core/report/targets.js';

/**
 * Where the compiled bundle is kept: next to it, so only its owner can write it.
 * Each hook and each command runs a different part of it, and the cache holds what the
 * run that wrote it compiled, so each keeps its own: a cache first written by the
 * edit-time hook would leave every commit compiling the commit path afresh, and one
 * written by `init` every `why`.
 */
const word = (w: string | undefined): string | undefined => (w !== undefined && /^[a-z][a-z-]{0,39}$/.test(w) ? w : undefined);
const hook = process.argv[2] === 'hook' ? (word(process.argv[3]) ?? '') : undefined;
const command = word(process.argv[2]);
const CACHE_FILE = `.main.cjs.${hook !== undefined ? (hook ? `hook-${hook}` : 'hook') : command ? `cli-${command}` : 'cli'}.v8cache`;

function runFromCodeCache(): boolean {
  const fs = require('node:fs') as typeof import('node:fs');
  const path = require('node:path') as typeof import('node:path');
  const vm = require('node:vm') as typeof import('node:vm');
  const file = path.join(__dirname, 'main.cjs');
  const cacheFile = path.join(__dirname, CACHE_FILE);
  let script: import('node:vm').Script;
  let cached: Buffer | undefined;
  let stamp: Buffer;
  try {
    // The build leaves the bundle ASCII (scripts/build.mjs), and ASCII read as latin1 is
    // the same string at a third of the cost of decoding UTF-8 (~5 ms of every start on a
    // slow machine). A bundle edited in place with other characters is decoded as UTF-8.
    const bytes = fs.readFileSync(file);
    const source = (require('node:buffer') as typeof import('node:buffer')).isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    // V8 checks only the source's length and its own version: the cache also names the
    // file state it was made from, so a bundle edited in place (a hotfix, patch-package)
    // is compiled afresh, and the Node build, since two Node releases can share a V8
    // version yet not each other's compiled code (a cache from another crashed the process).
    const st = fs.statSync(file, { bigint: true });
    stamp = Buffer.from(`git-session ${process.version} ${process.arch} ${st.size} ${st.mtimeNs} ${st.ino}\n`);
    try {
      const raw = fs.readFileSync(cacheFile);
      cached = raw.subarray(0, stamp.length).equals(stamp) ? raw.subarray(stamp.length) : undefined;
    } catch {
      cached = undefined;
    }
    // One line with the source's first, so stack traces keep the bundle's line numbers.
    const wrapper = `(function (exports, require, module, __filename, __dirname, __gsImport) {${source}\n})`;
    script = new vm.Script(wrapper, { filename: file, ...(cached ? { cachedData: cached } : {}) });
  } catch {
    return false;
  }
  if (!cached || script.cachedDataRejected) {
    // After the run, so the functions it compiled on the way are in the cache too.
    process.once('exit', () => {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(tmp, Buffer.concat([stamp, script.createCachedData()]));
        fs.renameSync(tmp, cacheFile);
      } catch {
        // A read-only install: every start compiles, as without a cache.
        fs.rmSync(tmp, { force: true });
      }
    });
  }
  const mod = { exports: {} };
  const gsImport = (specifier: string) => {
    enableCompileCache();
    const { pathToFileURL } = require('node:url') as typeof import('node:url');
    return import(pathToFileURL(path.join(__dirname, specifier)).href);
  };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  // This file's own require resolves as one made for main.cjs would: they share a folder.
  run(mod.exports, require, mod, file, __dirname, gsImport);
  return true;
}

/**
 * Node's compile cache (22.1+) for the ES modules the bundle imports lazily, turned on
 * when the first is imported: setting it up costs a run that imports none (every
 * commit) about 1 ms, as does loading node:module to reach it.
 */
let compileCacheOn = false;
function enableCompileCache(): void {
  if (compileCacheOn) return;
  compileCacheOn = true;
  try {
    const Module = require('node:module') as typeof NodeModule & { enableCompileCache?: () => unknown };
    Module.enableCompileCache?.();
  } catch {
    // A cache that cannot be set up only costs speed.
  }
}

// The readers of a long history make garbage far faster than they keep data, and by
// default V8 lets the old generation grow by half again or more before its next full
// collection: on `log` of 100,000 commits that was a third of the peak memory, all
// garbage. A smaller growth step holds the peak near what is live, at no cost in time
// we could measure. Set before anything is compiled: V8 rejects a code cache made
// under other flags, so a flag set later made every command's cache stale. Only for
// the commands that read whole histories: loading node:v8 costs ~3 ms, a tenth of
// what `why` on a line adds to git blame.
const WALKERS = new Set(['log', 'review', 'standup', 'timeline', 'squash-message', 'mcp']);
if (hook === undefined && command !== undefined && WALKERS.has(command)) {
  (require('node:v8') as typeof import('node:v8')).setFlagsFromString('--heap-growing-percent=30');
}

// `why <path>:<line>` waits mostly on git blame: started now, it runs while the bundle
// loads, and the bundle's identical call takes its result (see adapters/early-git.ts).
// So does the query for the repository's layout, which `why` waits on first, where
// reading the files git reads cannot answer it (see adapters/repo-layout.ts).
if (command === 'why') {
  const { execFile } = require('node:child_process') as typeof import('node:child_process');
  const blame = blameAhead(process.argv.slice(3));
  if (blame) startEarly(blame, process.cwd(), execFile);
  if (!plainLayout(process.cwd(), process.env)) startEarly(REPO_QUERY, process.cwd(), execFile);
}

if (!runFromCodeCache()) {
  enableCompileCache();
  require('./main.cjs');
}
