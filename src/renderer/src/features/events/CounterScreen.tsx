import { Alert, Badge, Box, Button, Checkbox, Group, Kbd, Paper, ScrollArea, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useHotkeys, useLocalStorage } from '@mantine/hooks';
import { IconArrowBackUp, IconMaximize, IconPlugConnectedX, IconUserPlus, IconUsers, IconX } from '@tabler/icons-react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { CounterHit } from '../../../../shared/rpc/areas/events';
import type { MethodOutput } from '../../../../shared/rpc/contract';
import { useApi } from '../../api/ApiContext';
import { useHubStatus } from '../hub/useHubStatus';
import { useRpcMutation } from '../../data/useRpcMutation';
import { errorText } from '../../forms/validate';
import { formatDate } from '../../i18n';
import { useT } from '../../i18n/useT';
import { AnonymousDialog } from './AnonymousDialog';
import classes from './Counter.module.css';
import { CountsGrid } from './EventDetail';
import { offlineWhen } from './OfflineCounters';
import { useAttendance, useCounterSearch, useEvent, useOfflineEvents } from './queries';
import { WalkInDialog } from './WalkInDialog';

/** A family code as printed on the card and typed by a scanner (Crockford base32, six characters). */
const FAMILY_CODE = /^[0-9A-HJKMNP-TV-Z]{6}$/i;

type Banner = { tone: 'ok' | 'warn' | 'error'; lines: string[] };
type Phase = { kind: 'search' } | { kind: 'members'; hit: CounterHit; chosen: string[] };

const names = (persons: readonly { firstName: string }[]) => persons.map((p) => p.firstName).join(', ');

/** Who is ticked when a family is picked: the registered members not yet in, else everyone not yet in, else all (to say they are in). */
function defaultChoice(hit: CounterHit): string[] {
  const out = hit.members.filter((m) => !m.checkedIn);
  const registered = out.filter((m) => m.registered);
  return (registered.length > 0 ? registered : out.length > 0 ? out : hit.members).map((m) => m.personId);
}

/**
 * The counter (check-in mode): full window, large type, a high-contrast
 * option. The search field keeps the focus; typing lists matches (registered
 * families first), Up/Down choose, Enter picks; a scanner types the family
 * code plus Enter and the family is in at once. F2 a new family, F3 an
 * anonymous count, F9 undo.
 */
export function CounterScreen({ eventId, onClose }: { eventId: string; onClose: () => void }) {
  const { t, i18n } = useT();
  const api = useApi();
  const event = useEvent(eventId);
  const attendance = useAttendance(eventId);
  const checkIn = useRpcMutation('checkin.checkIn');
  const undo = useRpcMutation('checkin.undo');
  const checkOut = useRpcMutation('checkin.checkOut');
  const [contrast, setContrast] = useLocalStorage({ key: 'm3desk.counter.contrast', defaultValue: false });
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const [phase, setPhase] = useState<Phase>({ kind: 'search' });
  const [dialog, setDialog] = useState<'walkIn' | 'anonymous' | null>(null);
  const [banner, setBanner] = useState<Banner | null>(null);
  // A short pause before searching: a person sees no delay, and a scanner's six quick characters
  // (then Enter) send no searches at all ahead of the check-in.
  const [settledQuery] = useDebouncedValue(query, 60);
  const search = useCounterSearch(eventId, settledQuery);
  const hits = query.trim() ? (search.data?.items ?? []) : [];
  const active = Math.min(highlight, Math.max(hits.length - 1, 0));
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  // While the office hub does not answer, the event cannot be read again: the counts come from each check-in's answer.
  const hub = useHubStatus();
  const offline = hub?.mode === 'hub' && !hub.online;
  const [offlineCounts, setOfflineCounts] = useState<MethodOutput<'checkin.checkIn'>['counts'] | null>(null);
  // Opened without the hub (nothing of the event was read from it): its title, time and counts from this PC's list.
  const kept = useOfflineEvents(offline && !event.data, false).data?.items.find((k) => k.eventId === eventId);
  // On the office hub, each counter call keeps this PC's offline list of the event fresh: one on opening, then every
  // half minute, and one when the hub goes. While it is away the answer (from the list and this PC's journal) is the
  // counts: a counter opened again then shows the check-ins made meanwhile, not the list's older figures.
  useEffect(() => {
    if (hub?.mode !== 'hub') return;
    const refresh = () =>
      void api.call('checkin.counts', { eventId }).then((r) => {
        if (r.ok) setOfflineCounts(r.data);
      });
    refresh();
    const timer = setInterval(refresh, 30_000);
    return () => clearInterval(timer);
  }, [api, eventId, hub?.mode, offline]);

  // The field keeps the focus in every step (also while a family's members are chosen):
  // whatever a scanner types next lands in it, never on a button or a checkbox.
  const focusSearch = useCallback(() => requestAnimationFrame(() => input.current?.focus()), []);
  useEffect(() => {
    if (!dialog) focusSearch();
  }, [phase, dialog, focusSearch]);

  const showResult = (r: MethodOutput<'checkin.checkIn'>) => {
    setOfflineCounts(r.counts);
    const lines: string[] = [];
    if (r.checkedIn.length > 0) lines.push(t('events:counter.checkedIn', { names: names(r.checkedIn), family: r.familyName }));
    if (r.already.length > 0) lines.push(t('events:counter.already', { names: names(r.already), family: r.familyName }));
    if (!r.photoConsent) lines.push(t('events:counter.noPhotos'));
    setBanner({ tone: r.checkedIn.length > 0 ? 'ok' : 'warn', lines });
  };
  const done = () => {
    setQuery('');
    setHighlight(0);
    setPhase({ kind: 'search' });
    focusSearch();
  };

  // A second Enter while the first check-in of the chosen persons is on its way sends nothing.
  const sending = useRef(false);
  const checkInPersons = async (personIds: string[]) => {
    if (sending.current) return;
    sending.current = true;
    const result = await checkIn.mutate({ eventId, personIds });
    sending.current = false;
    if (result.ok) showResult(result.data);
    else setBanner({ tone: 'error', lines: [errorText(t, result.error)] });
    done();
  };

  const onEnter = async (typed: string) => {
    if (!typed) return;
    if (FAMILY_CODE.test(typed)) {
      // A scanned card: the family is checked in in one go (its registered members, else the household).
      // The field is cleared at once: the next card in the queue may already be typing into it.
      setQuery('');
      const result = await checkIn.mutate({ eventId, code: typed });
      if (result.ok) return showResult(result.data);
      if (result.error.message !== 'errors:family_code_unknown') return setBanner({ tone: 'error', lines: [errorText(t, result.error)] });
      // Not a code after all (a six-letter name): back as typed, and on as a name.
      setQuery((now) => (now === '' ? typed : now));
    }
    // A name: the chosen match, or the top match for exactly what was typed (the list may still be on the last keystroke).
    let hit = highlight > 0 ? hits[active] : undefined;
    if (!hit) {
      const fresh = await api.call('checkin.search', { eventId, query: typed });
      hit = fresh.ok ? fresh.data.items[0] : undefined;
    }
    if (!hit) return setBanner({ tone: 'error', lines: [t('events:counter.notFound', { query: typed })] });
    choose(hit);
  };
  /** A family picked: the field empties (Enter there now accepts the choice), its members are ticked. */
  const choose = (hit: CounterHit) => {
    setQuery('');
    setHighlight(0);
    setPhase({ kind: 'members', hit, chosen: defaultChoice(hit) });
  };

  const onSearchKey = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const typed = e.currentTarget.value.trim();
    if (phase.kind === 'members' && typed === '') {
      // Choosing who is here: Enter accepts, Esc goes back, digits 1–9 tick persons (the field is empty).
      if (e.key === 'Enter') {
        e.preventDefault();
        if (phase.chosen.length > 0) void checkInPersons(phase.chosen);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        setPhase({ kind: 'search' });
      } else if (/^[1-9]$/.test(e.key)) {
        const member = phase.hit.members[Number(e.key) - 1];
        if (member) {
          e.preventDefault();
          toggle(member.personId);
        }
      }
      return;
    }
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setHighlight(Math.min(active + 1, hits.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setHighlight(Math.max(active - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // Something new typed or scanned while members were being chosen: that choice is dropped, the new input counts.
      setPhase({ kind: 'search' });
      void onEnter(typed);
    } else if (e.key === 'Escape') {
      setQuery('');
      setHighlight(0);
    }
  };

  const toggle = (personId: string) =>
    setPhase((p) => (p.kind === 'members' ? { ...p, chosen: p.chosen.includes(personId) ? p.chosen.filter((id) => id !== personId) : [...p.chosen, personId] } : p));

  const undoLast = async () => {
    const result = await undo.mutate({ eventId });
    setBanner(result.ok ? { tone: 'warn', lines: [t('events:counter.undone', { count: result.data.undone })] } : { tone: 'error', lines: [errorText(t, result.error)] });
    done();
  };
  const leave = async (personId: string) => {
    const result = await checkOut.mutate({ eventId, personIds: [personId] });
    if (!result.ok) setBanner({ tone: 'error', lines: [errorText(t, result.error)] });
    focusSearch();
  };

  useHotkeys(
    [
      // Not while a dialog is open: F9 there must not take back a check-in unseen.
      // New families, anonymous counts and undo wait for the hub (the banner says so).
      ['F2', () => !dialog && !offline && setDialog('walkIn')],
      ['F3', () => !dialog && !offline && setDialog('anonymous')],
      ['F9', () => !dialog && !offline && void undoLast()],
    ],
    [],
  );

  const e = event.data;
  const counts = (offline && offlineCounts) || e?.counts || kept?.counts;
  const time = (iso: string) => formatDate(i18n.language, new Date(iso), { hour: '2-digit', minute: '2-digit' });
  return (
    <div className={`${classes.counter} ${contrast ? classes.contrast : ''}`} data-testid="counter" role="region" aria-label={t('events:counter.title')}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={0}>
            <Title order={1} size="h2">
              {t('events:counter.title')}: {e?.title ?? kept?.title}
            </Title>
            {e ? (
              <Text size="lg">
                {formatDate(i18n.language, new Date(`${e.date}T12:00:00`), { dateStyle: 'full' })} · {e.start}–{e.end} · {e.place}
              </Text>
            ) : (
              kept && <Text size="lg">{offlineWhen(kept, i18n.language)}</Text>
            )}
          </Stack>
          <Group gap="sm">
            <Switch size="md" label={t('events:counter.contrast')} checked={contrast} onChange={(ev) => {
                setContrast(ev.currentTarget.checked);
                focusSearch();
              }} />
            <Button variant="default" leftSection={<IconMaximize size={18} aria-hidden />} onClick={() => {
                void document.documentElement.requestFullscreen?.().catch(() => undefined);
                focusSearch();
              }}>
              {t('events:counter.fullscreen')}
            </Button>
            <Button variant="default" leftSection={<IconX size={18} aria-hidden />} onClick={() => {
              if (document.fullscreenElement) void document.exitFullscreen();
              onClose();
            }}>
              {t('events:counter.close')}
            </Button>
          </Group>
        </Group>
        {offline && (
          <Alert color="red" icon={<IconPlugConnectedX aria-hidden />} role="alert" title={t('common:hub.offline.title')} data-testid="counter-offline">
            {t('common:hub.offline.counter', { count: hub.pending })}
          </Alert>
        )}
        {/* The event's answer carries the live counts: one read per scan, not two. */}
        {counts && <CountsGrid counts={counts} large />}
        <Group gap="sm">
          <Button size="md" leftSection={<IconUserPlus size={20} aria-hidden />} rightSection={<Kbd>F2</Kbd>} onClick={() => setDialog('walkIn')} disabled={offline}>
            {t('events:counter.walkIn')}
          </Button>
          <Button size="md" variant="default" leftSection={<IconUsers size={20} aria-hidden />} rightSection={<Kbd>F3</Kbd>} onClick={() => setDialog('anonymous')} disabled={offline}>
            {t('events:counter.anonymous')}
          </Button>
          <Button size="md" variant="default" leftSection={<IconArrowBackUp size={20} aria-hidden />} rightSection={<Kbd>F9</Kbd>} onClick={() => void undoLast()} disabled={offline}>
            {t('events:counter.undo')}
          </Button>
        </Group>
        {banner && (
          <div className={`${classes.banner} ${classes[banner.tone]}`} role="status" aria-live="assertive" data-testid="counter-banner">
            {banner.lines.map((line) => (
              <div key={line}>{line}</div>
            ))}
          </div>
        )}
        <Group align="flex-start" grow wrap="nowrap">
          <Stack gap="sm" style={{ flex: 2 }}>
            <TextInput
                  ref={input}
                  size="xl"
                  label={t('events:counter.searchLabel')}
                  description={t('events:counter.searchHint')}
                  value={query}
                  onChange={(ev) => {
                    setQuery(ev.currentTarget.value);
                    setHighlight(0);
                  }}
                  onKeyDown={onSearchKey}
                  onBlur={(ev) => {
                    // Focus lost to nothing (a click on empty space): back to the field. Tab to a button is left alone.
                    if (!ev.relatedTarget && !dialog) focusSearch();
                  }}
                  autoComplete="off"
                  spellCheck={false}
                  role="combobox"
                  aria-expanded={hits.length > 0}
                  aria-controls={listId}
                  aria-activedescendant={hits[active] ? `${listId}-${active}` : undefined}
                  data-testid="counter-search"
                />
              {phase.kind === 'members' ? (
              <Paper withBorder p="md" data-testid="member-choice" aria-labelledby={`${listId}-who`}>
                <Stack gap="sm">
                  <Text fz={26} fw={700} id={`${listId}-who`}>
                    {t('events:counter.whoIsHere', { family: phase.hit.familyName })}
                  </Text>
                  {!phase.hit.photoConsent && <Badge color="red" size="xl">{t('events:counter.noPhotos')}</Badge>}
                  {phase.hit.members.length === 0 && <Text size="lg">{t('events:counter.nobodyLeft')}</Text>}
                  {phase.hit.members.map((m, i) => (
                    <Checkbox
                      key={m.personId}
                      size="lg"
                      checked={phase.chosen.includes(m.personId)}
                      onChange={() => {
                        toggle(m.personId);
                        focusSearch();
                      }}
                      label={`${i + 1}  ${m.firstName} ${m.lastName} (${m.birthYear})${m.registered ? ` · ${t('events:counter.registered')}` : ''}${m.checkedIn ? ` · ${t('events:counter.alreadyHere')}` : ''}`}
                    />
                  ))}
                  <Group>
                    <Button size="lg" onClick={() => void checkInPersons(phase.chosen)} disabled={phase.chosen.length === 0} rightSection={<Kbd>{t('events:counter.enterKey')}</Kbd>}>
                      {t('events:counter.confirm')}
                    </Button>
                    <Button size="lg" variant="default" onClick={() => setPhase({ kind: 'search' })} rightSection={<Kbd>Esc</Kbd>}>
                      {t('events:counter.back')}
                    </Button>
                  </Group>
                  <Text size="sm" c="dimmed">
                    {t('events:counter.memberKeys')}
                  </Text>
                </Stack>
              </Paper>
              ) : (
                <Box role="listbox" id={listId} aria-label={t('events:counter.matches')}>
                  {hits.map((hit, i) => (
                    <button
                      type="button"
                      key={hit.familyId}
                      id={`${listId}-${i}`}
                      role="option"
                      aria-selected={i === active}
                      tabIndex={-1}
                      className={classes.hit}
                      onMouseDown={(ev) => ev.preventDefault()}
                      onClick={() => choose(hit)}
                    >
                      <Group gap="sm">
                        <Text fz={24} fw={700} component="span">
                          {hit.familyName}
                        </Text>
                        <Text component="span" c="dimmed">
                          {hit.code}
                        </Text>
                        {hit.registered && <Badge color="teal">{t('events:counter.registered')}</Badge>}
                        {!hit.photoConsent && <Badge color="red">{t('events:counter.noPhotosShort')}</Badge>}
                      </Group>
                      <Text component="div">
                        {hit.members.length > 0 ? hit.members.map((m) => `${m.firstName}${m.checkedIn ? ' ✓' : ''}`).join(' · ') : t('events:counter.nobodyLeft')}
                      </Text>
                    </button>
                  ))}
                  {query.trim() && search.data && hits.length === 0 && <Text size="lg">{t('events:counter.noMatch')}</Text>}
                  {search.error && <Text c="red">{errorText(t, search.error)}</Text>}
                </Box>
              )}
          </Stack>
          <Paper withBorder p="sm" style={{ flex: 1 }}>
            <Title order={2} size="h4" mb="xs">
              {t('events:counter.present', { count: attendance.data?.attendees.length ?? counts?.present ?? 0 })}
            </Title>
            {offline && !attendance.data && (
              <Text size="sm" mb="xs">
                {t('events:counter.namesLater')}
              </Text>
            )}
            <ScrollArea.Autosize mah={420}>
              <Stack gap={4}>
                {/* The newest first, at most 50: a course of hundreds re-renders quickly after every scan. */}
                {[...(attendance.data?.attendees ?? [])]
                  .sort((x, y) => y.at.localeCompare(x.at))
                  .slice(0, 50)
                  .map((a) => (
                  <Group key={a.personId} justify="space-between" wrap="nowrap">
                    <Text size="md">
                      {a.firstName} {a.lastName} · {time(a.at)}
                      {a.checkedOutAt && ` – ${time(a.checkedOutAt)}`}{' '}
                      {!a.photoConsent && (
                        <Badge color="red" variant="outline" size="sm">
                          {t('events:counter.noPhotosShort')}
                        </Badge>
                      )}
                    </Text>
                    {!a.checkedOutAt && !offline && (
                      <Button size="compact-sm" variant="subtle" onClick={() => void leave(a.personId)} aria-label={t('events:counter.checkOutFor', { name: `${a.firstName} ${a.lastName}` })}>
                        {t('events:counter.checkOut')}
                      </Button>
                    )}
                  </Group>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Paper>
        </Group>
      </Stack>
      {dialog === 'walkIn' && (
        <WalkInDialog
          eventId={eventId}
          onClose={() => setDialog(null)}
          onDone={(result) => {
            setDialog(null);
            showResult(result);
            setBanner((b) => b && { ...b, lines: [...b.lines, t('events:counter.newCode', { code: result.code })] });
            done();
          }}
        />
      )}
      {dialog === 'anonymous' && (
        <AnonymousDialog
          eventId={eventId}
          onClose={() => setDialog(null)}
          onDone={(_, persons) => {
            setDialog(null);
            setBanner({ tone: 'ok', lines: [t('events:counter.counted', { count: persons })] });
            done();
          }}
        />
      )}
    </div>
  );
}
