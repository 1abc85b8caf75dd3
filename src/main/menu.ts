import type { MenuItemConstructorOptions } from 'electron';
import { Menu } from 'electron';
import type { TFunction } from 'i18next';

export interface MenuActions {
  lock: () => void;
  about: () => void;
}

/** The application menu in the UI language; no reload or devtools in production. */
export function buildMenu(t: TFunction, isProduction: boolean, actions: MenuActions): Menu {
  const template: MenuItemConstructorOptions[] = [
    {
      label: t('menu.file'),
      submenu: [
        // No accelerator: Ctrl+L belongs to the page, which saves drafts before it locks.
        { label: t('menu.lock'), click: actions.lock },
        { type: 'separator' },
        { label: t('menu.quit'), role: 'quit' },
      ],
    },
    {
      label: t('menu.edit'),
      submenu: [
        { label: t('menu.undo'), role: 'undo' },
        { label: t('menu.redo'), role: 'redo' },
        { type: 'separator' },
        { label: t('menu.cut'), role: 'cut' },
        { label: t('menu.copy'), role: 'copy' },
        { label: t('menu.paste'), role: 'paste' },
        { label: t('menu.selectAll'), role: 'selectAll' },
      ],
    },
    {
      label: t('menu.view'),
      submenu: [
        { label: t('menu.zoomIn'), role: 'zoomIn' },
        { label: t('menu.zoomOut'), role: 'zoomOut' },
        { label: t('menu.resetZoom'), role: 'resetZoom' },
        { type: 'separator' },
        { label: t('menu.fullscreen'), role: 'togglefullscreen' },
        ...(isProduction ? [] : ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as const)),
      ],
    },
    {
      label: t('menu.help'),
      submenu: [{ label: t('menu.about'), click: actions.about }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
