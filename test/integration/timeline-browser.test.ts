import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, launchBrowser } from '../helpers/browser.js';
import { tempRepo, type TempRepo } from '../helpers/repo.js';
import { bigHistory } from './timeline-history.js';
import { shopHistory, spoofHistory } from './timeline-repo.js';

// Browser tests fail in CI when Chromium is missing (.ci/run installs it); elsewhere they skip, saying so.
const hasBrowser = existsSync(CHROMIUM);
const inCI = process.env.CI === 'true';
if (!hasBrowser && !inCI) process.stderr.write(`\nTimeline browser tests SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium).\n`);
const SHOTS = resolve(__dirname, '../../test-output');

if (!hasBrowser && inCI) {
  it('has Chromium to open the timeline in (CI=true)', () => {
    throw new Error(`${CHROMIUM} is missing: install it (apt-get update && apt-get install -y chromium) before npm test.`);
  });
}

describe.skipIf(!hasBrowser)('the timeline page in Chromium', () => {
  let browser: { context: BrowserContext; close: () => Promise<void> };
  let repo: TempRepo;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => browser?.close());
  afterEach(() => repo?.cleanup());

  /** Opens a page written by the built binary, recording every request, dialog, error and CSP complaint. */
  async function open(
    args: string[] = [],
    history: (r: TempRepo) => unknown = shopHistory,
  ): Promise<{ page: Page; url: string; requests: string[]; problems: string[]; hashes: ReturnType<typeof shopHistory> }> {
    repo = tempRepo({ empty: true });
    const hashes = history(repo) as ReturnType<typeof shopHistory>;
    const run = repo.run(['timeline', '--out', 'timeline.html', ...args]);
    expect(run.code, run.stderr).toBe(0);
    const url = pathToFileURL(join(repo.dir, 'timeline.html')).href;
    const page = await browser.context.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => problems.push(`error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console: ${m.text()}`);
    });
    await page.goto(url);
    await page.waitForSelector('#list [role=option]');
    return { page, url, requests, problems, hashes };
  }

  const shown = (page: Page) => page.locator('#list [role=option] .subject').allTextContents();

  it('shows entries and decisions, and the session file at the selected commit with its changes', async () => {
    const { page, problems, hashes } = await open();
    const subjects = await shown(page);
    expect(subjects).toEqual(['Merge feature/checkout', expect.stringContaining('Render receipts'), 'Checkout flow', 'Start the shop']);
    await expect.poll(() => page.locator('#list').textContent()).toContain('Store prices in cents');
    await page.locator('#list [role=option]', { hasText: 'Checkout flow' }).click();
    const detail = page.locator('#detail');
    expect(await detail.locator('h2').textContent()).toBe('Checkout flow');
    expect(await detail.locator('.dead-ends').textContent()).toContain('Scraping the supplier site');
    expect(await detail.locator('.session > h3').textContent()).toBe(`SESSION.md at ${hashes.second.slice(0, 7)}`);
    const changed = await detail.locator('.md .changed').allTextContents();
    expect(changed.join('\n')).toContain('Scraping the supplier site');
    expect(changed.join('\n')).not.toContain('Store prices in cents');
    expect(await detail.locator('.md').textContent()).not.toMatch(/555-0100|4711|ghp_abc/);
    expect(await page.evaluate(() => location.hash)).toBe(`#${hashes.second}`);
    await page.locator('#list [role=option]', { hasText: 'Start the shop' }).click();
    expect(await detail.locator('.md h4').allTextContents()).toEqual(['Goal', 'Decisions']);
    expect(await detail.locator('.decisions .badge').allTextContents()).toEqual(['active']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens with the first entry selected when the address names a commit badly', async () => {
    const { page, url, problems, hashes } = await open();
    const opened = async (fragment: string) => {
      await page.goto(`${url}${fragment}`);
      await page.reload();
      await page.waitForSelector('#list [role=option]');
      // The heading of the entry shown, or whatever the pane says instead.
      return page.evaluate(() => (document.querySelector('#detail h2') ?? document.querySelector('#detail'))?.textContent);
    };
    expect(await opened(`#${hashes.second}`)).toBe('Checkout flow');
    for (const fragment of ['#%E0%A4%A', '#%', '#0000000']) expect(await opened(fragment)).toBe('Merge feature/checkout');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('narrows the list by search, author, branch, path and decisions, and moves by keyboard', async () => {
    const { page, problems } = await open();
    await page.fill('#q', 'RECEIPTS');
    expect(await shown(page)).toEqual([expect.stringContaining('Render receipts')]);
    expect(await page.textContent('#count')).toBe('1 of 4 entries');
    await page.fill('#q', '');
    await page.selectOption('#branch', { label: 'feature/checkout' });
    expect(await shown(page)).toEqual([expect.stringContaining('Render receipts'), 'Checkout flow']);
    await page.selectOption('#branch', { label: 'All branches' });
    await page.fill('#path', 'price');
    expect(await shown(page)).toEqual(['Start the shop']);
    await page.fill('#path', '');
    await page.check('#decisions');
    expect(await shown(page)).toEqual([expect.stringContaining('Render receipts'), 'Checkout flow', 'Start the shop']);
    await page.uncheck('#decisions');
    await page.selectOption('#author', { label: 'Ada Tester <ada@example.com>' });
    expect(await shown(page)).toHaveLength(4);

    await page.focus('#list');
    await page.keyboard.press('End');
    expect(await page.locator('#detail h2').textContent()).toBe('Start the shop');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('#detail h2').textContent()).toBe('Checkout flow');
    expect(await page.getAttribute('#list', 'aria-activedescendant')).toMatch(/^item-\d+$/);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    // Escape from the list clears the search too, not only from the search box.
    await page.fill('#q', 'RECEIPTS');
    await page.focus('#list');
    await page.keyboard.press('Escape');
    expect(await page.inputValue('#q')).toBe('');
    expect(await shown(page)).toHaveLength(4);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps script, onerror and javascript: links in repository text inert, and sends no request', async () => {
    const { page, url, requests, problems } = await open();
    await page.locator('#list [role=option]', { hasText: 'Render receipts' }).click();
    const detail = page.locator('#detail');
    expect(await detail.locator('h2').textContent()).toBe('Render receipts </script><script>window.__pwned=3</script>');
    expect(await detail.locator('.decisions').textContent()).toContain('<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    expect(await page.locator('a[href^="javascript"]').count()).toBe(0);
    // The session file's own HTML, links and images are text too.
    const notes = await detail.locator('.md').textContent();
    expect(notes).toContain('See <img src=x onerror="window.__pwned=5"> and the docs or the site.');
    expect(notes).toContain('<script>window.__pwned=7</script>');
    expect(notes).toContain('[image: logo]');
    // A destination holds balanced parentheses, as CommonMark reads it.
    expect(notes).toContain('Read the wiki and this.');
    expect(await detail.locator('.md a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))).toEqual([
      'https://example.com/tea',
      'https://example.com/wiki/Tea_(drink)',
    ]);
    await page.fill('#q', 'img');
    await page.selectOption('#branch', { label: 'main' });
    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);

    mkdirSync(SHOTS, { recursive: true });
    await page.selectOption('#branch', { label: 'All branches' });
    await page.fill('#q', '');
    await page.locator('#list [role=option]', { hasText: 'Checkout flow' }).click();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: join(SHOTS, 'timeline-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS, 'timeline-dark.png') });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(15, 18, 22)');
    await page.close();
  });

  it('shows no bidi override or control character of any text in the history', async () => {
    const { page, problems } = await open([], spoofHistory);
    // Not in the page's text, its data or the values of its filters.
    const everything = () =>
      page.evaluate(() => [document.documentElement.textContent, ...[...document.querySelectorAll('option')].map((o) => `${o.label} ${o.value}`)].join('\n'));
    const UNSHOWN = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
    expect(await shown(page)).toEqual(['Paint red alarms', 'Update gnp.exe harmless']);
    await page.locator('#list [role=option]', { hasText: 'Update gnp.exe' }).click();
    const detail = page.locator('#detail');
    expect(await detail.locator('h2').textContent()).toBe('Update gnp.exe harmless');
    expect(await detail.locator('.decisions').textContent()).toContain('keep exe names exe.txt — audit needs them');
    expect(await detail.locator('.dead-ends').textContent()).toContain('renaming');
    expect(await detail.locator('.author').textContent()).toBe('Eve liam <eve@example.com>');
    expect(await detail.textContent()).toContain('src/exe.txt');
    expect(await everything()).not.toMatch(UNSHOWN);
    await page.locator('#list [role=option]', { hasText: 'Paint red alarms' }).click();
    expect(await detail.locator('.branch').textContent()).toBe('fix/exe.txt');
    expect(await detail.textContent()).toContain('src/red.ts');
    expect(await detail.textContent()).toContain('ship exe.txt');
    expect(await detail.textContent()).not.toContain('[31m');
    expect(await everything()).not.toMatch(UNSHOWN);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('opens a history of 20,000 commits and filters it in under a second of script time', async () => {
    repo = tempRepo({ empty: true });
    bigHistory(repo, 20_000);
    const run = repo.run(['timeline', '--out', 'big.html']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('20000 commits');
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(pathToFileURL(join(repo.dir, 'big.html')).href);
    await page.waitForSelector('#list [role=option]');
    expect(await page.textContent('#count')).toBe('20000 entries');
    await page.fill('#q', 'choice number 12340');
    expect(await page.textContent('#count')).toBe('1 of 20000 entries');
    await page.fill('#q', 'module 7');
    await page.selectOption('#author', { label: 'Bo Builder <bo@example.com>' });
    await page.fill('#path', 'module4');
    await page.check('#decisions');
    await page.fill('#q', '');
    await page.uncheck('#decisions');
    await page.fill('#path', '');
    await page.selectOption('#author', { label: 'All authors' });
    await page.locator('#list').evaluate((list) => (list.scrollTop = list.scrollHeight / 2));
    await page.keyboard.press('End');
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
    const script = metrics.find((m) => m.name === 'ScriptDuration')!.value;
    expect(script).toBeGreaterThan(0);
    expect(script, `${script.toFixed(3)} s of script time`).toBeLessThan(1);
    await page.close();
  }, 180_000);
});
