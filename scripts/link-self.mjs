// This repository commits with its own hooks. A package never gets its own bin
// linked into node_modules/.bin, so link the freshly built binary there: the hook
// lines find node_modules/.bin/git-session first, as they do in a user's project.
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';

mkdirSync('node_modules/.bin', { recursive: true });
rmSync('node_modules/.bin/git-session', { force: true });
symlinkSync('../../dist/cli.js', 'node_modules/.bin/git-session');
