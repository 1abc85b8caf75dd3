import { Stack, Tabs, Title } from '@mantine/core';
import type { AreaLocation, ReferralsView } from '../../app/areas';
import { useNavigation } from '../../app/navigation';
import { useT } from '../../i18n/useT';
import { useCan } from '../../session/useCan';
import { HoursReport } from '../volunteers/HoursReport';
import { VolunteerDetail } from '../volunteers/VolunteerDetail';
import { VolunteerPool } from '../volunteers/VolunteerPool';
import { ReferralBoard } from './ReferralBoard';
import { ReferralDetail } from './ReferralDetail';

type Tab = 'referrals' | 'pool' | 'hours';
const tabOf = (view: ReferralsView): Tab => (view === 'pool' || view.startsWith('volunteer/') ? 'pool' : view === 'hours' ? 'hours' : 'referrals');

/**
 * The volunteering area: referrals (board, list, one referral with its
 * matching), the volunteer pool, and the hours for coordinators.
 */
export function ReferralsPage({ location }: { location: AreaLocation<'referrals'> }) {
  const { t } = useT();
  const { navigate } = useNavigation();
  const mayHours = useCan('volunteers.hours');
  const go = (view: ReferralsView) => navigate({ area: 'referrals', view });
  const { view } = location;
  const tab = tabOf(view);
  const tabs: Tab[] = mayHours ? ['referrals', 'pool', 'hours'] : ['referrals', 'pool'];
  let content;
  if (view.startsWith('referral/')) {
    const id = view.slice('referral/'.length);
    content = <ReferralDetail key={id} id={id} onBack={() => go('board')} />;
  } else if (view.startsWith('volunteer/')) {
    const id = view.slice('volunteer/'.length);
    content = <VolunteerDetail key={id} id={id === 'new' ? null : id} onBack={() => go('pool')} onSaved={(saved) => go(`volunteer/${saved}`)} />;
  } else if (view === 'pool') content = <VolunteerPool onOpen={(id) => go(`volunteer/${id}`)} />;
  else if (view === 'hours') content = <HoursReport />;
  else content = <ReferralBoard mode={view === 'list' ? 'list' : 'board'} onMode={(mode) => go(mode)} onOpen={(id) => go(`referral/${id}`)} />;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('nav:referrals')}
      </Title>
      <Tabs value={tab} onChange={(value) => value && go(value === 'referrals' ? 'board' : (value as Tab as ReferralsView))} keepMounted={false}>
        <Tabs.List aria-label={t('volunteering:tabs.label')}>
          {tabs.map((id) => (
            <Tabs.Tab key={id} value={id}>
              {t(`volunteering:tabs.${id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {content}
    </Stack>
  );
}
