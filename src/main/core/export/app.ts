import { createHash, randomUUID } from 'node:crypto';
import { DomainError } from '../../../shared/errors';
import type { ExportPreview } from '../../../shared/rpc/areas/reports';
import type { Contract } from '../../../shared/rpc/contract';
import { requireDb, requireSession } from '../db/require';
import type { Db } from '../db/schema';
import { officeIdentity, signingKey } from '../office/identity';
import type { Registry } from '../rpc/registry';
import { runRead } from '../reports/run';
import type { CoreServices } from '../services';
import { readPseudonymKey, readSettings } from '../settings/store';
import { packageFileName, packagePath, sendPackage, writePackage } from './destination';
import { PACKAGE_FORMAT, PACKAGE_VERSION, sealPackage, sha256Hex, type PackagePayload } from './package';

/** SHA-256 of exactly what the preview shows (tables and records): the build must hold the same. */
function digestOf(content: Pick<ExportPreview, 'tables' | 'records'>): string {
  return createHash('sha256').update(JSON.stringify([content.tables, content.records])).digest('hex');
}

/** Exactly what would leave: the same data the package is built from. */
async function preview(services: CoreServices, db: Db, from: string, to: string): Promise<ExportPreview> {
  const settings = await readSettings(db);
  const key = await readPseudonymKey(db);
  const data = await runRead(services, 'exportData', { from, to, threshold: settings.suppressionThreshold, pseudonymKey: key?.toString('hex') ?? null });
  key?.fill(0);
  return {
    from,
    to,
    office: settings.officeName,
    threshold: settings.suppressionThreshold,
    tables: data.tables,
    records: data.records,
    withoutConsent: data.withoutConsent,
    recordsWithheld: data.recordsWithheld,
    suppressedCells: data.suppressedCells,
    missing: settings.centralRecipient ? [] : ['central_recipient'],
    digest: digestOf(data),
  };
}

/** The package's tables: hidden figures as null only — which of them are the small ones stays in the office. */
function withoutMarks(tables: ExportPreview['tables']): ExportPreview['tables'] {
  return tables.map((t) => ({ ...t, rows: t.rows.map((r) => ({ ...r, marks: r.marks.map(() => null) })), totalMarks: t.totalMarks.map(() => null) }));
}

/** The `export.*` area: the package for the central project, previewed, built and recorded. */
export function registerExportApp(registry: Registry<Contract>, services: CoreServices): void {
  registry.register('export', {
    'export.preview': async ({ from, to }, ctx) => {
      const shown = await preview(services, requireDb(ctx) as Db, from, to);
      ctx.audit('export', null);
      return shown;
    },
    'export.build': async ({ from, to, path, download, digest }, ctx) => {
      const session = requireSession(ctx);
      const db = requireDb(ctx) as Db;
      const settings = await readSettings(db);
      if (!settings.centralRecipient) throw new DomainError('CONFLICT', 'errors:no_central_recipient');
      const content = await preview(services, db, from, to);
      if (digest !== undefined && digest !== content.digest) throw new DomainError('CONFLICT', 'errors:export_changed_since_preview');
      const identity = await officeIdentity(db);
      const now = services.now();
      const families = content.tables.find((t) => t.id === 'summary')?.rows.find((r) => r.key === 'families')?.values[0] ?? null;
      const payload: PackagePayload = {
        format: PACKAGE_FORMAT,
        version: PACKAGE_VERSION,
        packageId: randomUUID(),
        createdAt: now.toISOString(),
        office: { name: settings.officeName, publicKey: identity.publicKey, fingerprint: identity.fingerprint },
        period: { from, to },
        threshold: content.threshold,
        // As the summary shows it: a small office's count leaves suppressed, like every other small figure.
        families,
        tables: withoutMarks(content.tables),
        records: content.records,
      };
      const bytes = await sealPackage(payload, await signingKey(db), identity.publicKey, settings.centralRecipient);
      const checksum = sha256Hex(bytes);
      const fileName = packageFileName(settings.officeName, from, to, now, payload.packageId);
      // Where it goes is checked first: a refused path leaves no record of a package that never was.
      const target = packagePath(path, { dataDir: services.state.paths.dataDir, backupDir: services.state.settings?.backupDir || null }, fileName);
      const id = randomUUID();
      const sendTo = path === undefined && settings.exportEndpoint ? settings.exportEndpoint : null;
      // Recorded before the file exists: nothing leaves that the office's record does not show.
      await db.transaction().execute((trx) =>
        trx
          .insertInto('exports')
          .values({ id, at: now.toISOString(), period_from: from, period_to: to, by_user: session.userId, families, records: payload.records.length, checksum, destination: target })
          .execute(),
      );
      ctx.audit('export', id);
      let written: string;
      try {
        written = writePackage(bytes, target);
      } catch (error) {
        // Nothing was written (a full disk, a name taken meanwhile): no record of it either.
        await db.deleteFrom('exports').where('id', '=', id).execute();
        throw error;
      }
      if (sendTo) {
        try {
          await sendPackage(bytes, sendTo, fileName);
        } catch (error) {
          // It may still have arrived (a timeout): the record says it was tried.
          await db.updateTable('exports').set({ destination: `${sendTo} (?) (${written})` }).where('id', '=', id).execute();
          throw error;
        }
        await db.updateTable('exports').set({ destination: `${sendTo} (${written})` }).where('id', '=', id).execute();
      }
      return {
        path: written,
        fileName,
        checksum,
        bytes: bytes.length,
        families,
        records: payload.records.length,
        ...(download ? { base64: Buffer.from(bytes).toString('base64') } : {}),
      };
    },
    'export.list': async (_input, ctx) => {
      const rows = await requireDb(ctx)
        .selectFrom('exports as x')
        .leftJoin('users as u', 'u.id', 'x.by_user')
        .select(['x.id', 'x.at', 'x.period_from', 'x.period_to', 'x.families', 'x.records', 'x.checksum', 'x.destination', 'u.display_name'])
        .orderBy('x.at', 'desc')
        .limit(200)
        .execute();
      return rows.map((r) => ({ id: r.id, at: r.at, from: r.period_from, to: r.period_to, byName: r.display_name, families: r.families, records: r.records, checksum: r.checksum, destination: r.destination }));
    },
  });
}
