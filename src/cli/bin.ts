#!/usr/bin/env node
// The `git-session` binary (dist/cli.js). Node 22.1 and later keep the code they
// compile in a cache under the OS temp dir when asked to (module.enableCompileCache);
// asking before the CLI loads lets the cache cover the CLI bundle too. Older Nodes
// have no such call and load the bundle as before.
const { enableCompileCache } = require('node:module') as { enableCompileCache?: () => unknown };
if (typeof enableCompileCache === 'function') {
  try {
    enableCompileCache();
  } catch {
    // A cache that cannot be set up only costs speed.
  }
}
require('./main.cjs');
