/**
 * search_top3_rate: over the misspelling and transliteration queries of the
 * search mix (queries.ts), the share where a family the user meant is among
 * the first three hits of `families.search` through the core.
 *
 * Which family was meant is derived from the seed's own spelling tables
 * (seed/names.ts: Yılmaz/Yilmaz, Ivanov/Iwanow, Mohammed/Muhammad/… and the
 * feminine forms Ivanova/Iwanowa): a typed word means every name of which one
 * spelling folds to it, and a misspelling also means the name it was made
 * from. A family is meant when each typed word means one of its names. A
 * common surname is shared by hundreds of families, so any of them counts:
 * the test is whether the search understood the name, not which household.
 */
import type { FamilyHit } from '../../../shared/rpc/areas/families';
import type { Core } from '../core';
import { foldName, nameWords } from '../families/normalize';
import { ORIGINS, type Spellings } from '../seed/names';
import { expectOk } from '../seed/folder';
import type { BenchContext } from './context';
import { familyFixture } from './fixture';
import { buildQueries, seededPeople, type BenchQuery, type Person } from './queries';
import type { MetricResult } from './report';

const TOP = 3;

/** Each name group of the seed (all its spellings, folded), found by any of its folded spellings. */
function nameIndex(): Map<string, Set<string>[]> {
  const index = new Map<string, Set<string>[]>();
  for (const origin of ORIGINS) {
    const feminine = origin.feminine ?? ((s: string) => s);
    const lists: (readonly Spellings[])[] = [origin.surnames, origin.female, origin.male, origin.girls ?? [], origin.boys ?? []];
    for (const list of lists) {
      for (const spellings of list) {
        const forms = new Set(spellings.flatMap((s) => (list === origin.surnames ? [s, feminine(s)] : [s])).map(foldName));
        for (const form of forms) index.set(form, [...(index.get(form) ?? []), forms]);
      }
    }
  }
  return index;
}

/** Per typed word: the folded names it may mean. */
function meaning(query: BenchQuery, index: Map<string, Set<string>[]>): Set<string>[] {
  const words = nameWords(query.text);
  return words.map((word) => {
    const meant = new Set<string>([word]);
    const sources = [word, ...(query.meant && words.length === 1 ? [foldName(query.meant)] : [])];
    for (const source of sources) {
      meant.add(source);
      for (const group of index.get(source) ?? []) for (const form of group) meant.add(form);
    }
    return meant;
  });
}

/** The family's names, folded, whole and word by word ("Al-Hussein" is "al hussein", "al" and "hussein"). */
function familyNames(hit: FamilyHit): Set<string> {
  const names = new Set<string>();
  for (const name of [hit.displayName, ...hit.members.flatMap((m) => [m.firstName, m.lastName])]) {
    names.add(foldName(name));
    for (const word of nameWords(name)) names.add(word);
  }
  return names;
}

function isMeant(hit: FamilyHit, meant: Set<string>[]): boolean {
  const names = familyNames(hit);
  return meant.every((forms) => [...forms].some((form) => names.has(form)));
}

export async function searchTop3Metric(ctx: BenchContext): Promise<MetricResult> {
  const fixture = await familyFixture(ctx);
  return measureTop3(ctx, 'search_top3_rate', fixture.core, seededPeople(fixture));
}

/** The top-three rate of `families.search` through `core`, for the query mix drawn from the seeded people. */
export async function measureTop3(ctx: BenchContext, name: string, core: Core, people: readonly Person[]): Promise<MetricResult> {
  const index = nameIndex();
  const queries = buildQueries(people).filter((q) => q.category === 'misspelling' || q.category === 'transliteration');
  const results = { misspelling: { top: 0, all: 0 }, transliteration: { top: 0, all: 0 } };
  const missed: string[] = [];
  for (const q of queries) {
    const data = await expectOk<{ items: FamilyHit[] }>('families.search', core.call('families.search', { query: q.text, limit: 20 }));
    const meant = meaning(q, index);
    const found = data.items.slice(0, TOP).some((hit) => isMeant(hit, meant));
    const bucket = results[q.category as keyof typeof results];
    bucket.all += 1;
    if (found) bucket.top += 1;
    else missed.push(q.meant ? `${q.text} (${q.meant})` : q.text);
  }
  const top = results.misspelling.top + results.transliteration.top;
  ctx.progress(`${name}: ${top}/${queries.length}; missed: ${missed.join(', ') || 'none'}`);
  return {
    name,
    value: top / queries.length,
    unit: 'ratio',
    target: 0.95,
    better: 'higher',
    details: [
      `misspelling ${results.misspelling.top}/${results.misspelling.all}`,
      `transliteration ${results.transliteration.top}/${results.transliteration.all}`,
      ...(missed.length > 0 ? [`missed: ${missed.slice(0, 8).join(', ')}${missed.length > 8 ? ` and ${missed.length - 8} more` : ''}`] : []),
    ],
  };
}
