import { Center, Loader } from '@mantine/core';
import { useT } from '../i18n/useT';

/** Shown while an area's chunk loads (once per area; then it is in memory). */
export function PageLoader() {
  const { t } = useT();
  return (
    <Center mih={200} aria-busy="true">
      <Loader aria-label={t('common:loading')} />
    </Center>
  );
}
