// The alignment map's HTML in a real browser (Debian's headless chromium): OKR text that tries to
// run script never runs, the map's own script (allowed by its nonce) does, and titles show as text.
import { strict as assert } from 'node:assert';
// playwright gives each launch a fresh temporary profile of its own.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { makeNonce, mapHtml, type MapData } from '../../client/src/features/alignmentMap/html';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Each payload, if it ever ran, would set window.__pwned or call the exposed pwned().
const hostile = [
  '<script>window.__pwned = 1; pwned("script")</script>',
  '<img src=x onerror="window.__pwned = 2; pwned(\'img\')">',
  'javascript:window.__pwned=3',
  '</style><script>window.__pwned = 4; pwned("style")</script>',
  '</script><script>window.__pwned = 5; pwned("script-close")</script>',
  '"><svg onload="window.__pwned = 6; pwned(\'svg\')">',
  '{{constructor.constructor("window.__pwned = 7")()}}',
  "it's `quoted` & <b>bold</b>\u2028next",
];

function data(): MapData {
  return {
    nodes: hostile.map((title, i) => ({
      key: `file:///ws/a.okr.md#${i}`,
      uri: 'file:///ws/a.okr.md',
      id: `O${i + 1}`,
      title,
      owner: hostile[(i + 1) % hostile.length],
      line: i,
      progress: 0.5,
      color: 'yellow',
      row: i % 2,
      inCycle: false,
      orphan: false,
    })),
    files: [
      {
        key: 'file:///ws/b.okr.md',
        uri: 'javascript:window.__pwned=8',
        label: '<script>pwned("file")</script>',
        row: 2,
      },
    ],
    edges: [{ from: 'file:///ws/a.okr.md#1', to: 'file:///ws/a.okr.md#0', keyResult: null, inCycle: false }],
    rows: ['Company <script>pwned("row")</script>', 'Department', 'Files'],
  };
}

describe('alignment map webview in headless chromium', function () {
  this.timeout(60_000);
  let browser: Browser;

  before(async () => {
    assert.ok(
      existsSync(CHROMIUM),
      `${CHROMIUM} is missing: run "bash scripts/vscode/setup.sh" (installs Debian's chromium) or set CHROMIUM_PATH`,
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
  });
  after(async () => {
    await browser?.close();
  });

  it('runs its own script, never the OKR text, and shows hostile titles as text', async () => {
    const page = await browser.newPage();
    const ran: string[] = [];
    const dialogs: string[] = [];
    const posted: unknown[] = [];
    await page.exposeFunction('pwned', (what: string) => ran.push(what));
    await page.exposeFunction('__okrPost', (m: unknown) => posted.push(m));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // The webview host provides acquireVsCodeApi; init scripts are not subject to the page's CSP.
    // (A string, not a function: the test's compiler would add helpers the page does not have.)
    await page.addInitScript({
      content: `window.acquireVsCodeApi = () => ({
        postMessage: (m) => window.__okrPost(m),
        getState: () => undefined,
        setState: () => undefined,
      });`,
    });
    const nonce = makeNonce(crypto.getRandomValues(new Uint8Array(32)));
    const html = mapHtml({
      cspSource: 'vscode-webview://test',
      nonce,
      data: { ...data(), hidden: 42 },
      strings: {
        title: '<script>pwned("title")</script>',
        empty: 'none',
        hidden: '{count} not drawn <script>pwned("hidden")</script>',
        help: 'help',
        label: '{owner} · {id}: {title}',
      },
      lang: 'en',
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    // Served from a made-up origin (never leaves the browser): init scripts run on real navigations.
    await page.route('http://okr.invalid/**', (route) =>
      route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }),
    );
    await page.goto('http://okr.invalid/map.html', { waitUntil: 'load' });
    await page
      .waitForSelector('button.node', { timeout: 10_000 })
      .catch(() => assert.fail(`the map drew nothing: ${errors.join(' | ')}`));
    // The map's own script drew every node.
    await page.waitForSelector('button.node', { timeout: 10_000 });
    const nodes = await page.locator('button.node').count();
    assert.ok(nodes >= hostile.length, `only ${nodes} nodes drawn`);
    // Hostile text is there, as text.
    const text = await page.locator('body').innerText();
    assert.ok(text.includes('<script>window.__pwned = 1'), 'the script-looking title shows as text');
    assert.ok(text.includes('<img src=x onerror='), 'the img-looking title shows as text');
    // Objectives left out of a large workspace's map are said, as text.
    assert.ok(text.includes('42 not drawn <script>'), 'the note on objectives not drawn');
    assert.equal(await page.locator('img, iframe, object, embed').count(), 0);
    // Keyboard: focus a node and press Enter; the page asks the extension to open it.
    await page.locator('button.node').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => true);
    const pwnedFlag = await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned);
    assert.equal(pwnedFlag, undefined, 'an OKR text ran as script');
    assert.deepEqual(ran, [], `OKR text called pwned(): ${ran.join(', ')}`);
    assert.deepEqual(dialogs, []);
    assert.ok(
      posted.some((m) => (m as { type?: string }).type === 'open'),
      `Enter on a node posts "open" (got ${JSON.stringify(posted)})`,
    );
    await page.close();
  });
});
