import { Button, Group, Modal } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/useT';

/**
 * A case-work form in a dialog: only its buttons close it — an Escape in the
 * editor or a stray click outside must not drop what was typed.
 */
export function FormModal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const { t } = useT();
  return (
    <Modal opened onClose={onClose} title={title} size="xl" closeOnEscape={false} closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common:close') }}>
      {children}
    </Modal>
  );
}

/** Cancel and Save (or another confirming action) at the foot of a case-work form. */
export function FormButtons({ onCancel, busy, confirm, color }: { onCancel: () => void; busy: boolean; confirm?: string; color?: string }) {
  const { t } = useT();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('casework:form.cancel')}
      </Button>
      <Button type="submit" loading={busy} {...(color ? { color } : {})}>
        {confirm ?? t('casework:form.save')}
      </Button>
    </Group>
  );
}
