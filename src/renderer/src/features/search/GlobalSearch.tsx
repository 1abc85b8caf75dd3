import { Modal } from '@mantine/core';
import { useT } from '../../i18n/useT';
import { FamilySearch } from '../families/FamilySearch';

/** The Ctrl+K search dialog: the same family search as the front desk, from anywhere. */
export function GlobalSearch({ opened, onClose, onOpen }: { opened: boolean; onClose: () => void; onOpen: (id: string) => void }) {
  const { t } = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={t('common:search.title')} size="xl" closeButtonProps={{ 'aria-label': t('common:close') }}>
      <FamilySearch
        onOpen={(id) => {
          onClose();
          onOpen(id);
        }}
      />
    </Modal>
  );
}
