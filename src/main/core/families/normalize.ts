/**
 * Name keys for search and duplicate detection. SQLite's own diacritics
 * folding misses Turkish ı and German ß and knows nothing of transliteration,
 * so names are folded here and stored with two phonetic keys:
 * - Kölner Phonetik, for German names (Meyer/Maier/Mayer, Müller/Mueller);
 * - a consonant skeleton after transliteration rules, for names written in
 *   Latin letters from Arabic, Cyrillic or Turkish (Mohammed/Muhammad/Mohamed,
 *   Aleksandr/Alexander, Olena/Elena, Yılmaz/Yilmaz).
 */

/** Lower case, ı→i, ß→ss, diacritics removed, German umlaut spellings folded (ue→u). */
export function foldName(value: string): string {
  return value
    .toLocaleLowerCase('de')
    .replace(/ı/g, 'i')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Words of a folded name: "Al-Hussein Yılmaz" → ["al", "hussein", "yilmaz"]. */
export function nameWords(value: string): string[] {
  return foldName(value).split(' ').filter(Boolean);
}

/** Consonant skeleton after common transliteration rules; vowels carry little across scripts. */
export function skeletonKey(word: string): string {
  const w = foldName(word)
    .replace(/\s+/g, '')
    .replace(/sch|sh|ch|tsch|tch|zh|j/g, (m) => (m === 'j' ? 'y' : 's'))
    .replace(/x/g, 'ks')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/kh/g, 'h')
    .replace(/w/g, 'v')
    .replace(/c/g, 'k')
    .replace(/q/g, 'k')
    .replace(/z/g, 's')
    .replace(/[aeiouy]/g, (m, i: number) => (m === 'y' && i === 0 ? 'y' : ''))
    .replace(/(.)\1+/g, '$1');
  return w;
}

const KOELN_GROUPS: Record<string, string> = {
  a: '0', e: '0', i: '0', j: '0', o: '0', u: '0', y: '0',
  b: '1', f: '3', v: '3', w: '3', g: '4', k: '4', q: '4', l: '5', m: '6', n: '6', r: '7',
  s: '8', z: '8',
};

/** Kölner Phonetik (Postel 1969) of one word. */
export function koelnerPhonetik(word: string): string {
  const w = foldName(word).replace(/[^a-z]/g, '');
  let code = '';
  for (let i = 0; i < w.length; i += 1) {
    const c = w[i]!;
    const prev = w[i - 1] ?? '';
    const next = w[i + 1] ?? '';
    let d: string;
    if (c === 'h') d = '';
    else if (c === 'p') d = next === 'h' ? '3' : '1';
    else if (c === 'd' || c === 't') d = 'csz'.includes(next) && next !== '' ? '8' : '2';
    else if (c === 'c') {
      if (i === 0) d = 'ahkloqrux'.includes(next) && next !== '' ? '4' : '8';
      else d = 'ahkoqux'.includes(next) && next !== '' && !'sz'.includes(prev) ? '4' : '8';
    } else if (c === 'x') d = 'ckq'.includes(prev) && prev !== '' ? '8' : '48';
    else d = KOELN_GROUPS[c] ?? '';
    code += d;
  }
  // Collapse repeats, then drop zeros except at the start.
  const collapsed = code.replace(/(.)\1+/g, '$1');
  return collapsed.length > 0 ? collapsed[0] + collapsed.slice(1).replace(/0/g, '') : '';
}

/** Digits of a phone number in national form: +49 151 … and 0151 … give the same key. */
export function phoneKey(phone: string): string {
  let digits = phone.replace(/\D/g, '');
  if (digits.startsWith('0049')) digits = `0${digits.slice(4)}`;
  else if (digits.startsWith('49') && phone.trim().startsWith('+')) digits = `0${digits.slice(2)}`;
  return digits;
}

/**
 * Edit distance with swaps of neighbouring letters (optimal string
 * alignment), stopping early once it exceeds `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2: number[] = new Array(b.length + 1).fill(0);
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row: number[] = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2.splice(0, prev2.length, ...prev);
    prev = row;
  }
  return prev[b.length]!;
}
