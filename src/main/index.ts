/**
 * Electron main process: lifecycle, the secure window, the one IPC channel and
 * the core's process. It holds no data and runs no SQL; it only relays.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, powerMonitor, session } from 'electron';
import type { i18n } from 'i18next';
import { isUiLanguage } from '../shared/i18n';
import { ANCHOR_EVENT } from '../shared/rpc/channel';
import { IPC_EVENT_CHANNEL } from '../shared/rpc/transport';
import { AnchorKeeper } from './anchor-keeper';
import { CoreHost } from './core-host';
import { createMainI18n } from './i18n';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { dataDir, electronNativeBinding, paths } from './paths';
import { hardenSession, refuseNavigation, registerAppScheme, serveRenderer } from './security';
import { createMainWindow } from './window';

const isProduction = app.isPackaged || process.env.NODE_ENV === 'production';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('web-contents-created', (_event, contents) => refuseNavigation(contents));
  void app.whenReady().then(start);
}

let mainWindow: BrowserWindow | null = null;

/** The office hub runs inside the app on the hub PC (the core starts it): the app starts with the PC's login there. */
function startWithThePcWhenHub(): void {
  if (!existsSync(join(dataDir(), 'hub', 'hub.json'))) return;
  if (!app.getLoginItemSettings().openAtLogin) app.setLoginItemSettings({ openAtLogin: true });
}
let translator: i18n = createMainI18n();

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  serveRenderer(paths.renderer);

  const binding = electronNativeBinding();
  const anchor = new AnchorKeeper(app.getPath('userData'));
  const core = new CoreHost({
    entry: paths.coreEntry,
    env: () => ({ M3_DATA_DIR: dataDir(), ...anchor.env(), ...(binding ? { M3_NATIVE_BINDING: binding } : {}) }),
    onEvent: (event, payload) => {
      // The anchor is for main alone; the window never sees it.
      if (event === ANCHOR_EVENT) return anchor.write(payload);
      if (event === 'language-changed' && isUiLanguage(payload)) applyLanguage(payload);
      // After "Make this PC the office hub" the core starts again on the hub: from then on the app starts with the PC.
      if (event === 'core-restarted') startWithThePcWhenHub();
      mainWindow?.webContents.send(IPC_EVENT_CHANNEL, { event, payload });
    },
  });
  startWithThePcWhenHub();
  void core.start();
  registerIpc(() => mainWindow, (method, input) => core.call(method, input));

  const lock = () => void core.call('session.lock', {});
  powerMonitor.on('suspend', lock);
  powerMonitor.on('lock-screen', lock);

  const prefs = await core.call('ui.preferences', {});
  if (prefs.ok && isUiLanguage((prefs.data as { language?: unknown }).language)) {
    translator = createMainI18n((prefs.data as { language: 'de' | 'en' }).language);
  }

  mainWindow = createMainWindow(translator.t('window.title'), isProduction);
  applyLanguage(translator.language === 'en' ? 'en' : 'de');
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  // Windows logging off or shutting down sends no before-quit: close the database cleanly here too.
  mainWindow.on('session-end', () => void core.stop());

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // Quit waits (at most a few seconds) until the core has closed the database cleanly.
  let coreStopped = false;
  let coreStopping: Promise<void> | null = null;
  app.on('before-quit', (event) => {
    if (coreStopped) return;
    event.preventDefault();
    coreStopping ??= core.stop().finally(() => {
      coreStopped = true;
      app.quit();
    });
  });

  function applyLanguage(language: 'de' | 'en'): void {
    void translator.changeLanguage(language);
    mainWindow?.setTitle(translator.t('window.title'));
    const menu = buildMenu(translator.t, isProduction, {
      lock,
      about: () =>
        void dialog.showMessageBox({
          type: 'info',
          title: translator.t('about.title'),
          message: translator.t('window.title'),
          detail: translator.t('about.detail', { version: app.getVersion() }),
        }),
    });
    BrowserWindow.getAllWindows().forEach((w) => w.setMenu(menu));
    app.applicationMenu = menu;
  }
}
