import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium package; `.ci/run` installs it when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether browser tests can run. In CI (CI=true) a missing browser is an error, so
 * the tests fail instead of silently passing; elsewhere they skip and say why.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`${CHROMIUM} is missing, and CI=true: browser tests must run in CI. Install it with: apt-get update && apt-get install -y chromium`);
  }
  process.stderr.write(`\nBrowser tests SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium to run them).\n`);
  return false;
}

/** A headless Chromium with a fresh profile, no background traffic, closed with its profile by `close`. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'git-session-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
