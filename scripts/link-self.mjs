// This repository commits with its own hooks. A package never gets its own bins
// linked into node_modules/.bin, so link the freshly built binary and the hook script
// there: with no node_modules/git-session of its own, the hook lines run the script
// from PATH, where husky puts node_modules/.bin.
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';

mkdirSync('node_modules/.bin', { recursive: true });
for (const [name, target] of [
  ['git-session', '../../dist/cli.js'],
  ['git-session-hook', '../../bin/git-session-hook'],
  // The hook functions beside the script, which it would otherwise find with readlink.
  ['git-session-hook.sh', '../../bin/git-session-hook.sh'],
]) {
  rmSync(`node_modules/.bin/${name}`, { force: true });
  symlinkSync(target, `node_modules/.bin/${name}`);
}
