/**
 * family_list_p95_ms: `families.list` through the core on the 50,000
 * families — a page of 50, filtered and sorted as the Familien area asks for
 * it (families/list.ts), at offsets 0, 50 and 5,000 where the list is that
 * long. The slowest combinations are named in the details.
 */
import type { FamilyListFilters, FamilyListSort } from '../../../shared/rpc/areas/families';
import { expectOk } from '../seed/folder';
import type { Core } from '../core';
import type { BenchContext } from './context';
import { familyFixture } from './fixture';
import { percentile, timeAsync } from './measure';
import { p95Metric, type MetricResult } from './report';

const PAGE = 50;
const OFFSETS = [0, 50, 5000];
const ROUNDS = 5;

interface ListCase {
  label: string;
  filters?: FamilyListFilters;
  sort?: FamilyListSort;
}

function cases(districtId: string): ListCase[] {
  const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
  return [
    { label: 'active+district+ar by last contact desc', filters: { status: 'active', districtId, language: 'ar' }, sort: { by: 'lastContact', dir: 'desc' } },
    { label: 'all by name', sort: { by: 'name', dir: 'asc' } },
    { label: 'active by name', filters: { status: 'active' }, sort: { by: 'name', dir: 'asc' } },
    { label: 'all by last contact desc', sort: { by: 'lastContact', dir: 'desc' } },
    { label: 'all by last contact asc', sort: { by: 'lastContact', dir: 'asc' } },
    { label: 'all by registered desc', sort: { by: 'registered', dir: 'desc' } },
    { label: 'district by name desc', filters: { districtId }, sort: { by: 'name', dir: 'desc' } },
    { label: 'interpreter by last contact desc', filters: { interpreterNeeded: true }, sort: { by: 'lastContact', dir: 'desc' } },
    { label: 'tr+migration by name', filters: { language: 'tr', migrationBackground: 'yes' }, sort: { by: 'name', dir: 'asc' } },
    { label: 'contact in the last year by last contact desc', filters: { lastContactAfter: yearAgo }, sort: { by: 'lastContact', dir: 'desc' } },
    { label: 'registered 2024 by registered', filters: { registeredFrom: '2024-01-01', registeredTo: '2024-12-31' }, sort: { by: 'registered', dir: 'asc' } },
  ];
}

export async function familyListMetric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await familyFixture(ctx);
  // The district with the most families: the heaviest district filter.
  const { id: districtId } = fixture.bare
    .prepare('SELECT district_id AS id FROM families WHERE district_id IS NOT NULL GROUP BY district_id ORDER BY count(*) DESC LIMIT 1')
    .get() as { id: string };
  return listMetric(ctx, 'family_list_p95_ms', fixture.core, districtId);
}

/** Every filter/sort combination's pages, timed through `core`, as one p95 metric with the slowest named. */
export async function listMetric(ctx: BenchContext, name: string, core: Core, districtId: string): Promise<MetricResult> {
  const list = async (c: ListCase, offset: number) => {
    const { ms, result } = await timeAsync(() => core.call('families.list', { filters: c.filters, sort: c.sort, offset, limit: PAGE }));
    return { ms, data: await expectOk<{ items: unknown[]; total: number }>('families.list', Promise.resolve(result)) };
  };

  // Only pages that exist: an offset past the end answers with nothing and measures nothing.
  const pages: { c: ListCase; offset: number; total: number }[] = [];
  for (const c of cases(districtId)) {
    const { data } = await list(c, 0);
    for (const offset of OFFSETS) if (offset === 0 || offset < data.total) pages.push({ c, offset, total: data.total });
  }
  ctx.progress(`${name}: ${pages.length} pages x ${ROUNDS} rounds`);
  const times = new Map(pages.map((p) => [p, [] as number[]]));
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const p of pages) times.get(p)!.push((await list(p.c, p.offset)).ms);
  }
  const all = [...times.values()].flat();
  const slowest = [...times.entries()]
    .map(([p, t]) => ({ p, p95: percentile(t, 95) }))
    .sort((a, b) => b.p95 - a.p95)
    .slice(0, 3);
  ctx.progress(`${name}: p95 ${percentile(all, 95).toFixed(2)} ms; slowest: ${slowest.map((s) => `${s.p.c.label} @${s.p.offset} ${s.p95.toFixed(1)} ms`).join('; ')}`);
  return p95Metric(name, all, 30, [
    `${pages.length} pages of ${PAGE} (${cases(districtId).length} filter/sort combinations, offsets ${OFFSETS.join('/')}) x ${ROUNDS}`,
    `slowest p95: ${slowest.map((s) => `${s.p.c.label} @${s.p.offset} (${s.p.total} families) ${s.p95.toFixed(1)} ms`).join('; ')}`,
  ]);
}
