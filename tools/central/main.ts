/**
 * `npm run central -- <command>`: the central project's side of the export.
 * init makes the central folder and its keys, register records an office's
 * signing key, import opens, checks and stores the offices' packages and
 * prints the merged report, report prints it again.
 *
 * Exit codes: 0 done; 1 something was refused (a file, a registration, a
 * second init); 2 wrong usage; 3 an unexpected error.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { openPackage, PackageError, type PackagePayload, type PackageRefusal } from '../../src/main/core/export/package';
import { fingerprintOf } from '../../src/main/core/office/identity';
import { mergePackages, type MergedReport, type Period } from './merge';
import { pickLanguage, translator, type MessageKey, type Translate } from './messages';
import { CentralStore, checkPayload, FILES, initStore, StoreError, type RegisteredOffice, type StoredPackage } from './store';
import { reportText } from './text';

const EXIT = { ok: 0, refused: 1, usage: 2, unexpected: 3 } as const;

/** Which options each command takes; --lang and --help go with every one. */
const COMMANDS = {
  init: ['dir'],
  register: ['dir', 'office', 'key'],
  import: ['dir', 'json'],
  report: ['dir', 'json', 'from', 'to'],
} as const;
type Command = keyof typeof COMMANDS;
const FLAGS = new Set(['json', 'help']);
const KNOWN = new Set(['dir', 'office', 'key', 'lang', 'from', 'to', 'json', 'help']);

class UsageError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly vars: Record<string, string> = {},
  ) {
    super(key);
  }
}

interface Args {
  command: string | undefined;
  options: Map<string, string | true>;
  positionals: string[];
}

/** --name value, --name=value, --flag; everything after `--` is a file name. */
function parseArgs(argv: readonly string[]): Args {
  const options = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      options.set('help', true);
      continue;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (!KNOWN.has(name)) throw new UsageError('usage.unknown_option', { option: arg });
    if (FLAGS.has(name)) {
      if (eq >= 0) throw new UsageError('usage.unknown_option', { option: arg });
      options.set(name, true);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) throw new UsageError('usage.missing_value', { option: `--${name}` });
    options.set(name, value);
  }
  return { command: positionals[0], options, positionals: positionals.slice(1) };
}

/** The language before anything else is parsed, so even a usage error is worded in it. */
function langFlag(argv: readonly string[]): string | undefined {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (i < 0) return undefined;
  return argv[i]!.includes('=') ? argv[i]!.slice('--lang='.length) : argv[i + 1];
}

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

function required(args: Args, command: Command, name: string): string {
  const value = args.options.get(name);
  if (typeof value !== 'string') throw new UsageError('usage.missing_option', { command, option: `--${name}` });
  return value;
}

function dateOption(args: Args, name: 'from' | 'to'): string | undefined {
  const value = args.options.get(name);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new UsageError('usage.bad_date', { option: `--${name}` });
  return value;
}

async function runInit(dir: string, t: Translate, io: Io): Promise<number> {
  const { recipient, pseudonymKey } = await initStore(dir);
  io.out(t('init.created', { dir }));
  io.out('');
  io.out(t('init.recipient_intro'));
  io.out(recipient);
  io.out('');
  io.out(t('init.pseudonym_intro'));
  io.out(pseudonymKey);
  io.out('');
  io.out(t('init.private_note', { file: join(dir, FILES.identity) }));
  return EXIT.ok;
}

function runRegister(store: CentralStore, name: string, key: string, t: Translate, io: Io): number {
  const { office, added } = store.register(name, key);
  io.out(t(added ? 'register.added' : 'register.unchanged', { name: office.name }));
  io.out(t('register.fingerprint_intro'));
  io.out(office.fingerprint);
  io.out(t('register.mismatch_hint', { file: join(store.dir, FILES.offices) }));
  return EXIT.ok;
}

/** Why a file is refused: the package format's reasons and the central folder's own. */
type Refusal = PackageRefusal | 'malformed' | 'replayed' | 'unreadable' | 'too_large' | 'unexpected';

/** A package is a few hundred kilobytes even for a large office; anything above this is refused before it is read. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** "50", "51.2": megabytes to one decimal. */
const megabytes = (bytes: number) => String(Math.round((bytes / (1024 * 1024)) * 10) / 10);

/**
 * The file's bytes, or its size (as text) when it is larger than MAX_FILE_BYTES: refused by its size before
 * reading, and never more than the limit read (a device or a file growing meanwhile has no honest size).
 */
function readLimited(path: string): { bytes: Buffer } | { tooLarge: string } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_FILE_BYTES) return { tooLarge: megabytes(size) };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1024 * 1024, MAX_FILE_BYTES + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > MAX_FILE_BYTES) return { tooLarge: `> ${megabytes(MAX_FILE_BYTES)}` };
    }
    return { bytes: Buffer.concat(chunks, total) };
  } finally {
    closeSync(fd);
  }
}

type Outcome = { ok: true; payload: PackagePayload } | { ok: false; reason: Refusal; vars: Record<string, string> };

const refuse = (reason: Refusal, vars: Record<string, string> = {}): Outcome => ({ ok: false, reason, vars });

async function importOne(store: CentralStore, path: string, identity: string, offices: readonly RegisteredOffice[]): Promise<Outcome> {
  let bytes: Buffer;
  try {
    const read = readLimited(path);
    if ('tooLarge' in read) return refuse('too_large', { limit: megabytes(MAX_FILE_BYTES), size: read.tooLarge });
    bytes = read.bytes;
  } catch (error) {
    return refuse('unreadable', { code: (error as NodeJS.ErrnoException).code ?? '?' });
  }
  let opened: { payload: PackagePayload; signer: string };
  try {
    opened = await openPackage(bytes, identity, offices.map((o) => o.publicKey));
  } catch (error) {
    if (error instanceof PackageError) return refuse(error.reason);
    // One odd file must not stop the others; its error names what went wrong.
    return refuse('unexpected', { detail: error instanceof Error ? error.message : String(error) });
  }
  const payload = checkPayload(opened.payload);
  if (!payload) return refuse('malformed');
  // The key that signed says which office sent it; the name inside is only what the office calls itself
  // (the report names offices as the central office registered them).
  const before = store.imported(payload.packageId);
  if (before) return refuse('replayed', { id: payload.packageId, at: before.importedAt });
  // Stored exactly as signed; a second import of the same id racing this one loses here.
  if (!store.save({ importedAt: new Date().toISOString(), file: basename(path), payload })) return refuse('replayed', { id: payload.packageId, at: '?' });
  return { ok: true, payload };
}

/**
 * Merges the packages whose signer is registered now; a package whose key was removed from offices.json
 * since is not counted and is named in the report's warnings.
 */
function mergeStored(store: CentralStore, within?: Period): MergedReport {
  const { registered, unregistered } = store.registeredPackages();
  const report = mergePackages(registered, within);
  const byOffice = (p: StoredPackage) => p.payload.office.name;
  for (const p of [...unregistered].sort((x, y) => byOffice(x).localeCompare(byOffice(y), 'de') || x.payload.packageId.localeCompare(y.payload.packageId))) {
    const { office, packageId, period } = p.payload;
    report.warnings.push({ kind: 'unregistered', office: office.name, fingerprint: fingerprintOf(Buffer.from(office.publicKey, 'base64')), packageId, period });
  }
  return report;
}

function printReport(report: MergedReport, t: Translate, io: Io): void {
  io.out('');
  for (const line of reportText(report, t)) io.out(line);
}

async function runImport(store: CentralStore, files: readonly string[], json: boolean, t: Translate, io: Io): Promise<number> {
  if (files.length === 0) throw new UsageError('usage.no_files');
  const identity = store.identity();
  const offices = store.offices();
  const imported: { file: string; packageId: string; office: string; period: Period }[] = [];
  const refused: { file: string; reason: Refusal }[] = [];
  for (const file of files) {
    const outcome = await importOne(store, file, identity, offices);
    if (outcome.ok) {
      const { packageId, office, period } = outcome.payload;
      imported.push({ file, packageId, office: office.name, period });
      if (!json) io.out(t('import.accepted', { file, office: office.name, period: `${period.from} – ${period.to}`, id: packageId }));
    } else {
      refused.push({ file, reason: outcome.reason });
      io.err(t('import.refused', { file, reason: t(`import.reasons.${outcome.reason}`, outcome.vars) }));
    }
  }
  // The report covers every package in the folder: a quarter's imports arrive over days, and each import shows the whole.
  const report = mergeStored(store);
  if (json) io.out(JSON.stringify({ imported, refused, report }));
  else {
    io.out(t('import.summary', { imported: imported.length, refused: refused.length }));
    printReport(report, t, io);
  }
  return refused.length > 0 ? EXIT.refused : EXIT.ok;
}

function runReport(store: CentralStore, args: Args, t: Translate, io: Io): number {
  const from = dateOption(args, 'from');
  const to = dateOption(args, 'to');
  if (from && to && to < from) throw new UsageError('usage.period_order');
  const within = from || to ? { from: from ?? '0000-01-01', to: to ?? '9999-12-31' } : undefined;
  const report = mergeStored(store, within);
  if (args.options.has('json')) io.out(JSON.stringify({ report }));
  else printReport(report, t, io);
  return EXIT.ok;
}

async function run(argv: readonly string[], t: Translate, io: Io): Promise<number> {
  const args = parseArgs(argv);
  const lang = args.options.get('lang');
  if (lang !== undefined && lang !== 'de' && lang !== 'en') throw new UsageError('usage.bad_lang');
  if (args.options.has('help') || args.command === 'help') {
    io.out(t('usage.text'));
    return EXIT.ok;
  }
  if (args.command === undefined) {
    io.err(t('usage.text'));
    return EXIT.usage;
  }
  if (!(args.command in COMMANDS)) throw new UsageError('usage.unknown_command', { command: args.command });
  const command = args.command as Command;
  const allowed: readonly string[] = COMMANDS[command];
  for (const name of args.options.keys()) {
    if (name !== 'lang' && !allowed.includes(name)) throw new UsageError('usage.option_not_for', { command, option: `--${name}` });
  }
  if (command !== 'import' && args.positionals.length > 0) throw new UsageError('usage.unexpected_argument', { argument: args.positionals[0]! });
  const dir = resolve(required(args, command, 'dir'));
  if (command === 'init') return runInit(dir, t, io);

  const store = CentralStore.open(dir);
  if (store.identityExposed()) io.err(t('errors.exposed', { file: join(dir, FILES.identity) }));
  if (command === 'register') return runRegister(store, required(args, command, 'office'), required(args, command, 'key'), t, io);
  if (command === 'import') return runImport(store, args.positionals, args.options.has('json'), t, io);
  return runReport(store, args, t, io);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const t = translator(pickLanguage(langFlag(argv), process.env));
  const io: Io = { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) };
  try {
    process.exitCode = await run(argv, t, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(t(error.key, error.vars));
      io.err(t('usage.hint'));
      process.exitCode = EXIT.usage;
    } else if (error instanceof StoreError) {
      io.err(t(`errors.${error.reason}`, error.detail));
      process.exitCode = EXIT.refused;
    } else {
      io.err(t('errors.unexpected', { detail: error instanceof Error ? error.message : String(error) }));
      process.exitCode = EXIT.unexpected;
    }
  }
}

void main();
