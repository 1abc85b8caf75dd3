import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
/* eslint-disable @typescript-eslint/no-explicit-any */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { startHub, stopHub, type Hub } from './hub-process';
import { OFFICE } from './office';

export interface BridgeHandle {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
  /** A PC of an office hub made for this test (the e2e-hub project): the office exists already. */
  hub?: Hub;
  /** On a hub: a second PC that joined the same hub (its own core and data folder), see `elsewhere`. */
  otherPc?: BridgeHandle;
}

/** Specs whose screens look different on a hub (scanned by axe there too). */
const HUB_SCREENS = ['accounts.spec.ts'];

/** Screenshots of the run against a hub get names of their own (set by the fixture). */
let onHub = false;

const root = resolve(__dirname, '../..');

/** Starts `tools/web-bridge` on a free port with a fresh data folder (`M3_JOIN_CODE` in `env`: a PC of that hub). Needs a prior `npm run build`. */
export async function startBridge(env: Record<string, string> = {}): Promise<BridgeHandle> {
  const dataDir = mkdtempSync(join(tmpdir(), 'm3-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/web-bridge/start.ts'], {
    cwd: root,
    env: { ...process.env, M3_DATA_DIR: dataDir, M3_WEB_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`bridge did not start: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /M3 web ready: (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`bridge exited ${code}: ${out}`)));
  }).catch((error: unknown) => {
    // A bridge that did not come up leaves no process and no folder behind (it may have joined a hub that is stopped next).
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    throw error;
  });
  const parsed = new URL(url);
  return { url, origin: parsed.origin, token: new URLSearchParams(parsed.hash.slice(1)).get('token')!, dataDir, process: child };
}

export async function stopBridge(bridge: BridgeHandle): Promise<void> {
  await new Promise<void>((done) => {
    if (bridge.process.exitCode !== null) return done();
    // The bridge waits for its core to close its files (up to 10 s) before it exits.
    const timer = setTimeout(() => bridge.process.kill('SIGKILL'), 15_000);
    bridge.process.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    bridge.process.kill('SIGTERM');
  });
  // The core's own process may still be closing its log for a moment after the bridge has gone.
  rmSync(bridge.dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}

export { OFFICE };

/** Calls the core over the bridge as the page would (same token, same session). */
export async function rpc(bridge: BridgeHandle, method: string, input: unknown = {}): Promise<{ ok: boolean; data?: any; error?: any }> {
  const response = await fetch(`${bridge.origin}/rpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bridge.token}` },
    body: JSON.stringify({ method, input }),
  });
  return (await response.json()) as { ok: boolean; data?: any; error?: any };
}

/**
 * Sets the office up through the core (for tests about other screens), leaving
 * the coordinator logged in; returns the office's recovery key. On a PC of a
 * hub the office was made with the hub: the coordinator logs in instead.
 */
export async function setUpOffice(bridge: BridgeHandle): Promise<{ recoveryKey: string }> {
  const result = bridge.hub
    ? await rpc(bridge, 'session.login', { username: OFFICE.username, password: OFFICE.password })
    : await rpc(bridge, 'session.setup', OFFICE);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  if (bridge.otherPc) {
    const there = await rpc(bridge.otherPc, 'session.login', { username: OFFICE.username, password: OFFICE.password });
    if (!there.ok) throw new Error(`the other PC: ${JSON.stringify(there.error)}`);
  }
  return { recoveryKey: bridge.hub ? bridge.hub.recoveryKey : (result.data.recoveryKey as string) };
}

/**
 * Where a test makes its data and reads back what the screen saved: on a hub
 * the office's other PC (its own core, logged in as the coordinator by
 * `setUpOffice`), so every flow of the suite shows data made on one PC on the
 * screen of another and finds on one PC what the other's screen saved; on a
 * single PC there is no other, and it is the same bridge. Calls about the
 * page's own session (login, lock, what its role may) stay on `bridge`.
 */
export function elsewhere(bridge: BridgeHandle): BridgeHandle {
  // A test on a hub never passes on one PC by accident.
  if (bridge.hub && !bridge.otherPc) throw new Error('a PC of a hub without the other PC');
  return bridge.otherPc ?? bridge;
}

/** Locks the session the set-up left open and logs the coordinator in through the login screen, in the UI language asked for. */
export async function logInAsCoordinator(page: Page, bridge: BridgeHandle, lng: 'de' | 'en'): Promise<void> {
  await rpc(bridge, 'session.lock');
  await page.goto(bridge.url);
  await expect(page.getByRole('heading', { name: /Anmelden|Log in/ })).toBeVisible({ timeout: 40_000 });
  await page.getByText(lng.toUpperCase(), { exact: true }).click();
  await field(page, lng === 'de' ? 'Benutzername' : 'User name').fill(OFFICE.username);
  await field(page, lng === 'de' ? 'Passwort' : 'Password').fill(OFFICE.password);
  await page.keyboard.press('Enter');
}

/**
 * Each test gets its own bridge and data folder — in the e2e-hub project as
 * one of two PCs of an office hub made for the test (PostgreSQL, TLS, the
 * staff member's own database login; the other PC is `elsewhere`), so the
 * same flows run on both databases and across two PCs.
 */
export const test = base.extend<{ bridge: BridgeHandle; hubMode: boolean }>({
  hubMode: [false, { option: true }],
  // Its own time (a hub made, two PCs joined and started), not the test's.
  bridge: [async ({ hubMode }, use) => {
    onHub = hubMode;
    if (!hubMode) {
      const bridge = await startBridge();
      await use(bridge);
      await stopBridge(bridge);
      return;
    }
    const hub = await startHub();
    const pcs = await Promise.allSettled([startBridge({ M3_JOIN_CODE: hub.joinCode }), startBridge({ M3_JOIN_CODE: hub.joinCode })]);
    try {
      const [a, b] = pcs.map((pc) => {
        if (pc.status === 'rejected') throw pc.reason;
        return pc.value;
      }) as [BridgeHandle, BridgeHandle];
      await use({ ...a, hub, otherPc: { ...b, hub } });
    } finally {
      for (const pc of pcs) if (pc.status === 'fulfilled') await stopBridge(pc.value);
      await stopHub(hub);
    }
  }, { timeout: 180_000 }],
});

export { expect };

/** A form field by its visible label (without the required-field asterisk), on the page or inside a dialog. */
export function field(scope: Page | Locator, label: string) {
  return scope.getByRole('textbox', { name: label, exact: true });
}

/**
 * axe-core over the current page: no serious or critical findings allowed.
 * On the hub (e2e-hub) only where its screens differ from the single PC's (the
 * hub's login and accounts): the others are the single PC's, scanned there in
 * both languages — the hub changes where data lives, not what is shown — and
 * a scan costs 2–3 s, a quarter of the hub run. The hub's own screens
 * (hub.spec, hub-make.spec) are scanned in the e2e project.
 */
export async function expectAccessible(page: Page): Promise<void> {
  if (onHub && !HUB_SCREENS.some((spec) => test.info().file.endsWith(spec))) return;
  // A notification fading in or out is half transparent for a moment: axe would measure its contrast mid-fade.
  // Mantine's transition may not have started yet (opacity 0, nothing running), so the opacity is checked too.
  await page.waitForFunction(notificationsSettled, undefined, { timeout: 5_000 }).catch(() => undefined); // still fading after 5 s: scan anyway
  const serious = async () => {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => ({ finding: `${v.id}: ${n.target.join(' ')}`, selector: String(n.target[n.target.length - 1]), html: n.html })));
  };
  let bad = await serious();
  // A notification that began to fade while axe was measuring: a finding that stays is one, a passing moment is not.
  // Recognised by the element (axe names it by a hashed class), not by the finding's text; the scan after the
  // pause still fails on anything that stays.
  if (bad.length > 0 && (await page.evaluate(insideNotifications, bad.map(({ selector, html }) => ({ selector, html }))))) {
    await page.waitForTimeout(800);
    await page.waitForFunction(notificationsSettled, undefined, { timeout: 5_000 }).catch(() => undefined);
    bad = await serious();
  }
  expect(bad.map((b) => b.finding)).toEqual([]);
}

type Doc = {
  getAnimations(): { playState: string; effect: { target?: { closest?: (selector: string) => unknown } | null } | null }[];
  querySelectorAll(selector: string): ArrayLike<unknown>;
  querySelector(selector: string): { closest(selector: string): unknown } | null;
};
type Win = { document: Doc; getComputedStyle(element: unknown): { opacity: string } };

/** In the page: no notification is moving or half transparent. */
function notificationsSettled(): boolean {
  const win = globalThis as unknown as Win;
  const selector = '[class*="Notification"]';
  const moving = win.document.getAnimations().some((a) => a.playState === 'running' && a.effect?.target?.closest?.(selector));
  const faint = Array.from(win.document.querySelectorAll(selector)).some((element) => win.getComputedStyle(element).opacity !== '1');
  return !moving && !faint;
}

/**
 * In the page: every element named lies inside a notification — or is gone
 * already and was a notification's when axe saw it (one that faded out).
 */
function insideNotifications(nodes: { selector: string; html: string }[]): boolean {
  const doc = (globalThis as unknown as Win).document;
  return nodes.every(({ selector, html }) => {
    try {
      const element = doc.querySelector(selector);
      return element === null ? html.includes('Notification') : Boolean(element.closest('[class*="Notification"]'));
    } catch {
      return false;
    }
  });
}

/** Screenshots for the README and for looking at; kept in test-results/screens. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(root, 'test-results', 'screens', `${onHub ? 'on-hub-' : ''}${name}.png`), fullPage: true });
}
