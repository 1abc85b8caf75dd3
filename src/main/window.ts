import { BrowserWindow } from 'electron';
import { APP_ORIGIN } from './security';
import { paths } from './paths';

/** The one app window, with every web-preference that matters set explicitly. */
export function createMainWindow(title: string, isProduction: boolean): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title,
    autoHideMenuBar: false,
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click must not open links in new windows (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !isProduction,
    },
  });
  // The title comes from main in the UI language, never from page content.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (!isProduction && devServer) void window.loadURL(devServer);
  else void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
