/**
 * `npm run hub -- <command>`: the office hub on a server (or any PC) for an
 * office's IT. init makes a new hub in --dir (the office and its first
 * coordinator included) and keeps it running; start runs an existing one.
 * Both print `M3 hub ready: <join code>` as one line once the hub accepts
 * connections (`M3 hub ready` alone with --no-code, for a service's log), and
 * run until stopped (Ctrl+C, SIGINT, SIGTERM). code prints a new join code of
 * the running hub (`M3 hub join code: <join code>`) and exits.
 *
 * Exit codes: 0 stopped (or a code printed); 1 refused (a folder that holds a
 * hub or none, or another user's); 2 wrong usage; 3 an unexpected error.
 */
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import de from '../../locales/de/hub.json';
import en from '../../locales/en/hub.json';
import { initHub, newJoinCode, startHub, HubSetupError, type RunningHub } from '../../src/main/core/hub/host';
import { volumeState } from '../../src/main/core/hub/volume';
import { pickLanguage, translatorFor, type Leaves } from '../cli/messages';

type Key = Leaves<typeof en>;
const EXIT = { ok: 0, refused: 1, usage: 2, unexpected: 3 } as const;

async function main(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        dir: { type: 'string' },
        office: { type: 'string' },
        location: { type: 'string' },
        'display-name': { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        port: { type: 'string' },
        listen: { type: 'string' },
        address: { type: 'string' },
        'volume-confirmed': { type: 'boolean' },
        'no-code': { type: 'boolean' },
        lang: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    const t = translatorFor<Key>({ de, en }, pickLanguage(undefined, process.env));
    process.stderr.write(`${t('cli.usage_error', { detail: error instanceof Error ? error.message : String(error) })}\n${t('cli.usage')}\n`);
    return EXIT.usage;
  }
  const t = translatorFor<Key>({ de, en }, pickLanguage(values.lang as string | undefined, process.env));
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  const command = positionals[0];
  if (values.help || (command !== 'init' && command !== 'start' && command !== 'code')) {
    (values.help ? out : err)(t('cli.usage'));
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const dir = values.dir as string | undefined;
  if (!dir) {
    err(t('cli.missing', { option: '--dir' }));
    return EXIT.usage;
  }
  if (command === 'code') {
    try {
      const { joinCode, tokenUntil } = await newJoinCode(dir);
      out(`M3 hub join code: ${joinCode}`);
      out(t('cli.code_until', { until: tokenUntil }));
      return EXIT.ok;
    } catch (error) {
      if (error instanceof HubSetupError) {
        err(t(`cli.refused.${error.reason}`, { dir, detail: '' }));
        return EXIT.refused;
      }
      err(t('cli.code_failed', { dir, detail: error instanceof Error ? error.message : String(error) }));
      return EXIT.unexpected;
    }
  }
  let hub: RunningHub;
  try {
    if (command === 'init') {
      for (const name of ['office', 'username', 'password'] as const) {
        if (typeof values[name] !== 'string') {
          err(t('cli.missing', { option: `--${name}` }));
          return EXIT.usage;
        }
      }
      const port = values.port === undefined ? 5433 : Number(values.port);
      if (!Number.isInteger(port) || port < 1024 || port > 65535) {
        err(t('cli.bad_port'));
        return EXIT.usage;
      }
      // PostgreSQL does not encrypt its files: the folder must lie on an encrypted volume.
      const found = volumeState(dirname(resolve(dir)));
      const confirmed = values['volume-confirmed'] === true;
      // The app refuses to go on without the coordinator's confirmation; here, run by IT (and by scripts
      // that cannot answer), the hub warns, records the finding, and the app shows it to coordinators.
      if (found === 'not_encrypted' && !confirmed) err(t('cli.volume_not_encrypted'));
      else if (found !== 'encrypted' && !confirmed) err(t('cli.volume_unknown'));
      out(t('cli.initialising', { dir }));
      hub = await initHub({
        dir,
        officeName: values.office as string,
        username: values.username as string,
        password: values.password as string,
        ...(typeof values.location === 'string' ? { officeLocation: values.location } : {}),
        ...(typeof values['display-name'] === 'string' ? { displayName: values['display-name'] } : {}),
        port,
        ...(typeof values.listen === 'string' ? { listen: values.listen } : {}),
        ...(typeof values.address === 'string' ? { address: values.address } : {}),
        volume: found === 'encrypted' ? 'encrypted' : confirmed ? 'confirmed' : found === 'not_encrypted' ? 'not_encrypted' : 'unconfirmed',
      });
    } else {
      hub = await startHub(dir);
    }
  } catch (error) {
    if (error instanceof HubSetupError) {
      const answer = (error as { answer?: { message?: string } }).answer;
      err(t(`cli.refused.${error.reason}`, { dir, detail: answer?.message ?? '' }));
      return EXIT.refused;
    }
    err(t('cli.failed', { detail: error instanceof Error ? error.message : String(error) }));
    return EXIT.unexpected;
  }
  if (hub.recoveryKey) {
    // As at a single PC's setup: the office's recovery key, shown once, to be printed and locked away.
    out(t('cli.recovery_intro'));
    out(hub.recoveryKey);
  }
  if (values['no-code'] === true) {
    // Run as a service, whose output goes to a system log: the join code (with its enrolment token) stays out of it.
    out('M3 hub ready');
    out(t('cli.running_no_code', { port: hub.port, dir }));
  } else {
    out(`M3 hub ready: ${hub.joinCode}`);
    out(t('cli.running', { port: hub.port }));
  }
  return new Promise<number>((done) => {
    const stop = () => {
      void hub.stop().finally(() => done(EXIT.ok));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

void main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(EXIT.unexpected);
  },
);
