import { useTranslation } from 'react-i18next';
import { NAMESPACES } from '../../../shared/i18n';

/** All namespaces, so `t('nav:families')`-style keys are typed and checked. */
export const ALL_NAMESPACES = NAMESPACES;

export function useT() {
  return useTranslation(ALL_NAMESPACES);
}
