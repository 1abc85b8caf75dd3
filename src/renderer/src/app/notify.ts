import { notifications } from '@mantine/notifications';
import type { Translate } from '../forms/validate';

/** A notification whose close button is labelled in the UI language. */
export function notify(t: Translate, color: 'brand' | 'red' | 'orange', message: string, title?: string): void {
  notifications.show({ color, message, ...(title ? { title } : {}), closeButtonProps: { 'aria-label': String(t('common:close')) } });
}
