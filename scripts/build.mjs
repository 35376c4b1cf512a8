// Bundles the CLI and the library with esbuild. The CLI is bundled because every
// git hook starts it: one file loads far faster than hundreds of node_modules files.
// Code splitting keeps each command's dependencies (remark, secretlint, the MCP SDK)
// out of the start-up path of commands that do not need them.
import { build } from 'esbuild';
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
// Build beside dist/ and swap, so a running binary never sees a half-written dist/
// and chunks of earlier builds do not pile up.
const out = 'dist.next';
rmSync(out, { recursive: true, force: true });

const result = await build({
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts' },
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  format: 'esm',
  splitting: true,
  outdir: out,
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: Boolean(process.env.BUILD_METAFILE),
  define: { __VERSION__: JSON.stringify(version) },
  // CommonJS dependencies (gray-matter, js-yaml) call require(): give the ESM bundle one.
  banner: {
    js: "import { createRequire as __gsCreateRequire } from 'node:module'; const require = __gsCreateRequire(import.meta.url);",
  },
});
chmodSync(`${out}/cli.js`, 0o755);
if (result.metafile) writeFileSync('meta.json', JSON.stringify(result.metafile));
rmSync('dist.old', { recursive: true, force: true });
try {
  renameSync('dist', 'dist.old');
} catch {
  /* first build */
}
renameSync(out, 'dist');
rmSync('dist.old', { recursive: true, force: true });
