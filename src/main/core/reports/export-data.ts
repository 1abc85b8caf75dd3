/**
 * What a package for the central project holds: the reach report's tables
 * with small figures suppressed, and pseudonymised records of the families
 * whose consent covers the transfer. The preview shows exactly this, and
 * export.build signs and encrypts exactly this: nothing else leaves.
 */
import type { ExportPreview } from '../../../shared/rpc/areas/reports';
import type { Db } from '../db/schema';
import { familyPseudonym, type AnchorPerson } from './pseudonym';
import { computeReach } from './reach';
import type { ReportReads } from './reads';
import { familiesWithConsent } from '../consents/rules';
import { packageTables } from './package-tables';

export interface ExportData {
  families: number;
  tables: ExportPreview['tables'];
  records: ExportPreview['records'];
  withoutConsent: number;
  recordsWithheld: ExportPreview['recordsWithheld'];
  suppressedCells: number;
}

export async function exportData(db: Db, input: { from: string; to: string; threshold: number; pseudonymKey: string | null; version?: number }, reads?: ReportReads): Promise<ExportData> {
  const { report, reached } = await computeReach(db, input.from, input.to, {}, null, input.version, reads);
  const { tables, suppressed: suppressedCells } = packageTables(report, input.threshold);
  // The newest record of the consent to pass pseudonymised data to the central project decides.
  const consented = await familiesWithConsent(db, 'all', 'central_transfer');
  const ids = [...reached.reachedFamilies.keys()].filter((id) => consented.has(id));
  const withoutConsent = reached.reachedFamilies.size - ids.length;
  if (!input.pseudonymKey) return { families: report.summary.families, tables, records: [], withoutConsent, recordsWithheld: 'no_pseudonym_key', suppressedCells };
  // An office with fewer families than the threshold sends its count suppressed: the number of records would tell it.
  const familiesShown = tables.find((t) => t.id === 'summary')?.rows.find((r) => r.key === 'families')?.values[0] ?? null;
  if (familiesShown === null) return { families: report.summary.families, tables, records: [], withoutConsent, recordsWithheld: 'too_few_families', suppressedCells };

  const key = Buffer.from(input.pseudonymKey, 'hex');
  const [names, districts, engagements] = await Promise.all([
    db.selectFrom('members').select(['family_id', 'first_name', 'last_name', 'birth_year', 'role', 'moved_out_at']).execute(),
    db.selectFrom('districts').select(['id', 'name']).execute(),
    db.selectFrom('member_engagements').select(['family_id', 'kind', 'started_on', 'ended_on']).where('started_on', '<=', input.to).execute(),
  ]);
  const wanted = new Set(ids);
  const members = new Map<string, (AnchorPerson & { movedOutAt: string | null })[]>();
  for (const m of names) {
    if (!wanted.has(m.family_id)) continue;
    const list = members.get(m.family_id) ?? [];
    list.push({ firstName: m.first_name, lastName: m.last_name, birthYear: m.birth_year, role: m.role as AnchorPerson['role'], movedOutAt: m.moved_out_at });
    members.set(m.family_id, list);
  }
  const districtName = new Map(districts.map((d) => [d.id, d.name]));
  const participation = new Map<string, Set<string>>();
  for (const e of engagements) {
    if (!wanted.has(e.family_id) || (e.ended_on && e.ended_on < input.from)) continue;
    (participation.get(e.family_id) ?? participation.set(e.family_id, new Set()).get(e.family_id)!).add(e.kind);
  }
  const referralCount = new Map<string, number>();
  for (const r of reached.reachingReferrals) referralCount.set(r.familyId, (referralCount.get(r.familyId) ?? 0) + 1);

  const records: ExportPreview['records'] = [];
  for (const id of ids) {
    // Members who left before the period, or were born after it, are not part of the household the record describes.
    const household = (members.get(id) ?? []).filter((m) => (!m.movedOutAt || m.movedOutAt >= input.from) && m.birthYear <= Number(input.to.slice(0, 4)));
    const pseudonym = familyPseudonym(key, household);
    if (!pseudonym) continue;
    const family = reached.family(id)!;
    records.push({
      pseudonym,
      birthYears: household.map((m) => m.birthYear).sort((a, b) => a - b),
      district: family.districtId ? (districtName.get(family.districtId) ?? null) : null,
      languages: family.languages,
      migrationBackground: family.background,
      visits: reached.reachedFamilies.get(id) ?? 0,
      referrals: referralCount.get(id) ?? 0,
      participation: [...(participation.get(id) ?? [])].sort(),
    });
  }
  key.fill(0);
  // In pseudonym order: the package's order says nothing about when a family came.
  records.sort((a, b) => a.pseudonym.localeCompare(b.pseudonym));
  return { families: report.summary.families, tables, records, withoutConsent, recordsWithheld: null, suppressedCells };
}
