#!/usr/bin/env node
/* global window, document, requestAnimationFrame, MutationObserver -- code passed to page.evaluate runs in the browser */
// Measures the built renderer (run `npx electron-vite build` first):
// - sizes: the entry chunk (bytes and gzip), what index.html loads before the
//   first screen (entry + modulepreloads + CSS), and every file in assets/;
// - time to first screen in Chromium over the test bridge: navigation start →
//   the first <h1> of a screen painted, median of N loads, each in a fresh
//   browser context, for the setup screen (new office), the login screen
//   (office set up, locked) and the front desk (logged in).
//
// By hand only (it is not part of `npm test`):
//   node scripts/measure-first-screen.mjs [--runs 10] [--renderer out/renderer] [--json]
// --renderer lets the same core serve an older build kept elsewhere, so
// "before" and "after" can be measured back to back on the same machine load.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { tsImport } from 'tsx/esm/api';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const runs = Number(option('runs', '10'));
const rendererDir = resolve(root, option('renderer', 'out/renderer'));
const asJson = args.includes('--json');

const OFFICE = { officeName: 'Messung', displayName: 'Mara Messung', username: 'mara', password: 'Lindenblatt-Regen-42' };

function sizes(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const file = (href) => join(dir, href.replace(/^\.?\//, ''));
  const measure = (path) => {
    const bytes = readFileSync(path);
    return { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const entryHref = /<script[^>]+type="module"[^>]+src="([^"]+)"/.exec(html)?.[1];
  if (!entryHref) throw new Error('no module script in index.html');
  const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  const styles = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]);
  const sum = (list) => list.reduce((a, b) => ({ bytes: a.bytes + b.bytes, gzip: a.gzip + b.gzip }), { bytes: 0, gzip: 0 });
  const assets = readdirSync(join(dir, 'assets')).map((name) => ({ name, ...measure(join(dir, 'assets', name)) }));
  const js = assets.filter((a) => a.name.endsWith('.js'));
  return {
    entry: { name: entryHref, ...measure(file(entryHref)) },
    initialJs: sum([entryHref, ...preloads].map((h) => measure(file(h)))),
    initialCss: sum(styles.map((h) => measure(file(h)))),
    totalJs: sum(js),
    total: sum(assets),
    chunks: js.length,
    files: assets.sort((a, b) => b.bytes - a.bytes),
  };
}

/** Before any script of the page runs: note when the first <h1> has been painted. */
function firstScreenProbe() {
  const done = () => {
    // Two frames after the heading is in the DOM: it has been laid out and painted.
    requestAnimationFrame(() => requestAnimationFrame(() => (window.__firstScreen = performance.now())));
  };
  const observer = new MutationObserver(() => {
    if (document.querySelector('h1')) {
      observer.disconnect();
      done();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`${rendererDir}/index.html missing: build first`);
  const { startBridge } = await tsImport('../tools/web-bridge/server.ts', import.meta.url);
  const { ForkedCore } = await tsImport('../tools/web-bridge/core-process.ts', import.meta.url);
  const dataDir = mkdtempSync(join(tmpdir(), 'm3-measure-'));
  let bridge = null;
  const core = new ForkedCore(join(root, 'out/main/core.js'), { M3_DATA_DIR: dataDir }, (event, payload) => bridge?.broadcast(event, payload));
  await core.start();
  bridge = await startBridge({ rendererDir, port: 0, call: (m, i) => core.call(m, i) });

  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const load = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.addInitScript(firstScreenProbe);
    await page.goto(bridge.url);
    const ms = await page.waitForFunction(() => window.__firstScreen, null, { timeout: 30_000 }).then((h) => h.jsonValue());
    const heading = await page.locator('h1').first().textContent();
    await context.close();
    return { ms, heading };
  };
  const measureState = async (state) => {
    await load(); // warm-up: file cache, first compile
    const times = [];
    let heading = '';
    for (let i = 0; i < runs; i += 1) {
      const result = await load();
      times.push(result.ms);
      heading = result.heading;
    }
    return { state, heading, medianMs: Math.round(median(times)), minMs: Math.round(Math.min(...times)), maxMs: Math.round(Math.max(...times)), runs: times.map(Math.round) };
  };

  const timings = [];
  try {
    timings.push(await measureState('setup'));
    const setup = await core.call('session.setup', OFFICE);
    if (!setup.ok) throw new Error(JSON.stringify(setup.error));
    timings.push(await measureState('frontdesk'));
    await core.call('session.lock', {});
    timings.push(await measureState('login'));
  } finally {
    await browser.close();
    core.stop();
    await bridge.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const size = sizes(rendererDir);
  if (asJson) {
    process.stdout.write(`${JSON.stringify({ renderer: rendererDir, size, timings })}\n`);
    return;
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  const pair = (s) => `${s.bytes} B (${kb(s.bytes)}), gzip ${s.gzip} B (${kb(s.gzip)})`;
  console.log(`renderer: ${rendererDir}`);
  console.log(`entry chunk ${size.entry.name}: ${pair(size.entry)}`);
  console.log(`initial JS (entry + modulepreload): ${pair(size.initialJs)}`);
  console.log(`initial CSS: ${pair(size.initialCss)}`);
  console.log(`all JS (${size.chunks} chunks): ${pair(size.totalJs)}`);
  console.log(`all assets: ${pair(size.total)}`);
  for (const f of size.files) console.log(`  ${f.name.padEnd(40)} ${String(f.bytes).padStart(9)} B  gzip ${String(f.gzip).padStart(8)} B`);
  console.log(`time to first screen (navigation start → first h1 painted), ${runs} loads each:`);
  for (const t of timings) console.log(`  ${t.state.padEnd(10)} median ${t.medianMs} ms (min ${t.minMs}, max ${t.maxMs}) "${t.heading}"  [${t.runs.join(', ')}]`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
