// Bundles the CLI and the library with esbuild. The CLI is bundled because every
// git hook starts it: one file loads far faster than hundreds of node_modules files.
// Code splitting keeps each command's dependencies (remark, secretlint, the MCP SDK)
// out of the start-up path of commands that do not need them.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';


const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  format: 'esm',
  splitting: true,
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  // CommonJS dependencies (gray-matter, js-yaml) call require(): give the ESM bundle one.
  banner: {
    js: "import { createRequire as __gsCreateRequire } from 'node:module'; const require = __gsCreateRequire(import.meta.url);",
  },
};

await build({
  ...shared,
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts' },
});
chmodSync('dist/cli.js', 0o755);
