import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useT } from '../../i18n/useT';

/** The Ctrl+K search dialog; it searches families once the front desk exists. */
export function GlobalSearch({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useT();
  const [query, setQuery] = useState('');
  return (
    <Modal opened={opened} onClose={onClose} title={t('common:search.title')} closeButtonProps={{ 'aria-label': t('common:close') }}>
      <Stack>
        <TextInput
          data-autofocus
          label={t('common:search.title')}
          placeholder={t('common:search.placeholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
        />
        <Text size="sm" c="dimmed">
          {t('common:search.comingSoon')}
        </Text>
      </Stack>
    </Modal>
  );
}
