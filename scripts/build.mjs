// Bundles the CLI and the library with esbuild, in two parts:
//
// - dist/cli.js, the binary: a few lines that turn on Node's compile cache where there
//   is one (22.1+), then load dist/main.cjs, ONE CommonJS file holding `--version` and
//   the commit hooks with everything they use on a common commit. Git starts it on every
//   commit, and a single CommonJS file starts faster than an ES module graph (no ESM
//   loader, no chunk files to resolve, read and link). dist/package.json marks dist/
//   as CommonJS, so cli.js can keep its name.
// - ES modules (.mjs) for everything else: each module the binary reaches through a
//   dynamic import() (every other command, the markdown parser, the secret scanner,
//   squash handling, the assistant hooks) becomes its own entry point under
//   dist/lazy/, sharing code through dist/chunks/. The binary imports them at run
//   time, so a commit that needs none of them never loads them.
import { build } from 'esbuild';
import { ACTION_BUNDLE, bundleAction } from './build-action.mjs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const version = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version;

/**
 * What the parse cache under the git dir is keyed by: the version and a digest of the
 * sources and the locked dependencies (the redaction rules among them), so a cache
 * written by another build is never read and nobody bumps a number by hand.
 */
function cacheKey() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = resolve(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) hash.update(relative(root, path)).update(readFileSync(path));
    }
  };
  walk(resolve(root, 'src'));
  hash.update(readFileSync(resolve(root, 'package-lock.json')));
  return `${version}+${hash.digest('hex').slice(0, 12)}`;
}
// Build beside dist/ and swap, so a running binary never sees a half-written dist/
// and chunks of earlier builds do not pile up.
const out = resolve(root, 'dist.next');
rmSync(out, { recursive: true, force: true });

/** The git hooks init installs (HOOK_NAMES in src/core/hook-lines.ts), read from the source so this list cannot fall behind. */
async function gitHookNames() {
  const r = await build({ entryPoints: [resolve(root, 'src/core/hook-lines.ts')], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
  const { HOOK_NAMES } = await import(`data:text/javascript;base64,${Buffer.from(r.outputFiles[0].text).toString('base64')}`);
  return HOOK_NAMES;
}

// Reached through import() but on the commit path: bundled into the binary.
// The edit-time hooks run before every file an assistant reads: their fast path is bundled too.
const HOT = new Set([
  'src/hooks/run-hook.ts',
  'src/hooks/lazy.ts',
  'src/hooks/claude-pre-tool-use.ts',
  'src/hooks/gemini-after-tool.ts',
  ...(await gitHookNames()).map((name) => `src/hooks/${name}.ts`),
  // The CLI's argument parser and the readers assistants call file after file: one
  // file from the code cache instead of some thirty ES modules compiled on every run.
  'src/cli/program.ts',
  'src/commands/why.ts',
]);

/** `src/core/pipeline/session-summary.ts` → `lazy/core/pipeline/session-summary`. */
function lazyName(file) {
  const rel = relative(root, file).replace(/\\/g, '/');
  // A dependency is named from its node_modules folder on: with node_modules linked from
  // elsewhere (a second work tree), esbuild resolves it outside the root, and a name
  // made of `..` segments would put the chunk outside dist/.
  const vendor = rel.indexOf('node_modules/');
  const name = vendor >= 0 ? `vendor/${rel.slice(vendor + 'node_modules/'.length)}` : rel.replace(/^src\//, '');
  return `lazy/${name.replace(/\.[cm]?[jt]s$/, '')}`;
}

/**
 * Turns every dynamic import() of the binary (outside HOT) into an import of an ES
 * module entry point, and records it so the ES module build makes that entry.
 */
function esmBoundary(lazy) {
  return {
    name: 'esm-boundary',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === 'resolving') return undefined;
        const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'resolving' });
        if (r.errors.length > 0 || HOT.has(relative(root, r.path).replace(/\\/g, '/'))) return r;
        const name = lazyName(r.path);
        lazy[name] = r.path;
        return { path: `./${name}.mjs`, external: true };
      });
    },
  };
}

/**
 * The page `git session timeline` writes, as one string the CLI imports from
 * `timeline-page:template`: src/timeline-page/template.html with style.css and
 * page.ts (bundled for the browser) inlined, behind a Content-Security-Policy that
 * forbids every request and lets run exactly this script and this style, by hash.
 * The data slot is left for the CLI.
 */
let timelineTemplate;
function timelinePage() {
  const dir = resolve(root, 'src/timeline-page');
  const make = async () => {
    const page = await build({
      entryPoints: [resolve(dir, 'page.ts')],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      minify: true,
      write: false,
      legalComments: 'none',
      logLevel: 'warning',
    });
    const script = page.outputFiles[0].text.trim();
    const style = readFileSync(resolve(dir, 'style.css'), 'utf8').trim();
    if (/<\/script|<!--/i.test(script)) throw new Error('the timeline page script holds </script or <!--, which would end its element early');
    if (/<\/style/i.test(style)) throw new Error('the timeline page style holds </style');
    const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
    const csp = `default-src 'none'; script-src ${hash(script)}; style-src ${hash(style)}; base-uri 'none'; form-action 'none'`;
    const html = readFileSync(resolve(dir, 'template.html'), 'utf8')
      .replace('{{csp}}', () => csp)
      .replace('{{style}}', () => style)
      .replace('{{script}}', () => script);
    if (html.split('{{data}}').length !== 2) throw new Error('the timeline page must hold the {{data}} slot exactly once');
    return html;
  };
  return {
    name: 'timeline-page',
    setup(b) {
      b.onResolve({ filter: /^timeline-page:template$/ }, (args) => ({ path: args.path, namespace: 'timeline-page' }));
      b.onLoad({ filter: /.*/, namespace: 'timeline-page' }, async () => {
        timelineTemplate ??= make();
        return { contents: `export default ${JSON.stringify(await timelineTemplate)};`, loader: 'js' };
      });
    },
  };
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  outdir: out,
  legalComments: 'none',
  logLevel: 'warning',
  // import.meta is empty in CommonJS: code that needs it must stay behind the boundary.
  logOverride: { 'empty-import-meta': 'error' },
  metafile: true,
  define: { __VERSION__: JSON.stringify(version), __CACHE_KEY__: JSON.stringify(cacheKey()) },
};

const lazy = {};
const cjs = await build({
  ...common,
  entryPoints: { cli: resolve(root, 'src/cli/bin.ts'), main: resolve(root, 'src/cli/main.ts') },
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  plugins: [esmBoundary(lazy), timelinePage(), { name: 'bin', setup: (b) => b.onResolve({ filter: /^\.\/main\.cjs$/ }, () => ({ path: './main.cjs', external: true })) }],
});
// The binary keeps the name package.json's bin and the hooks of existing installs use.
renameSync(`${out}/cli.cjs`, `${out}/cli.js`);

// On Node 20 cli.js runs main.cjs from V8's code cache, where import() is not available:
// the lazy parts are imported through __gsImport instead (see src/cli/bin.ts). Loaded
// with a plain require(), main.cjs defines it as import() itself.
{
  const file = `${out}/main.cjs`;
  const text = readFileSync(file, 'utf8').replaceAll('import("./lazy/', '__gsImport("./lazy/');
  const stray = /\bimport\(/.exec(text);
  if (stray) throw new Error(`main.cjs has an import() the code-cache loader cannot serve: ${text.slice(stray.index, stray.index + 80)}`);
  const preamble = 'var __gsImport = typeof __gsImport === "function" ? __gsImport : (specifier) => import(specifier);\n';
  // esbuild escapes non-ASCII text in strings but not in regular expression literals.
  // One such character made V8 hold the whole 250 KB source as a two-byte string,
  // decoded from UTF-8 on every start (~5M instructions of a ~33M commit, callgrind).
  // \uXXXX means the same code unit in a literal, a class, and with or without /u.
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  writeFileSync(file, ascii.replace('"use strict";\n', `"use strict";\n${preamble}`));
}

const esm = await build({
  ...common,
  // In a fixed order: the lazy entries are found in the order esbuild resolves the
  // binary's imports, which varies from run to run, and the chunks' names follow it.
  entryPoints: { index: resolve(root, 'src/index.ts'), ...Object.fromEntries(Object.entries(lazy).sort(([a], [b]) => (a < b ? -1 : 1))) },
  format: 'esm',
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [timelinePage()],
  // CommonJS dependencies (gray-matter, js-yaml) call require(): give the ES modules one.
  banner: {
    js: "import { createRequire as __gsCreateRequire } from 'node:module'; const require = __gsCreateRequire(import.meta.url);",
  },
});

writeFileSync(`${out}/package.json`, `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
// The build's name, for the private filter's shell side: it keeps the answers of this
// build apart from another's (see git_session_filter in bin/git-session-hook.sh).
writeFileSync(`${out}/build-key`, `${cacheKey()}\n`);
if (process.argv.includes('--types')) {
  // Declarations for the library export. dist/ is CommonJS for the binary, so the
  // types folder declares itself ES module, matching dist/index.mjs.
  const tsc = spawnSync(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', resolve(root, 'tsconfig.types.json'), '--outDir', `${out}/types`], { stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error('type declarations failed to build');
  writeFileSync(`${out}/types/package.json`, `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
}
chmodSync(`${out}/cli.js`, 0o755);
if (process.env.BUILD_METAFILE) {
  writeFileSync(resolve(root, 'meta.json'), JSON.stringify(cjs.metafile));
  writeFileSync(resolve(root, 'meta-esm.json'), JSON.stringify(esm.metafile));
}
// The action's bundle is committed (see build-action.mjs): rebuilt here so it never falls behind its source.
{
  const file = resolve(root, ACTION_BUNDLE);
  const text = await bundleAction();
  mkdirSync(resolve(file, '..'), { recursive: true });
  let before;
  try {
    before = readFileSync(file, 'utf8');
  } catch {
    /* first build */
  }
  if (before !== text) writeFileSync(file, text);
}
const old = resolve(root, 'dist.old');
rmSync(old, { recursive: true, force: true });
try {
  renameSync(resolve(root, 'dist'), old);
} catch {
  /* first build */
}
renameSync(out, resolve(root, 'dist'));
rmSync(old, { recursive: true, force: true });
