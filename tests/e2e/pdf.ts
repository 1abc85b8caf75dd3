/** The text of every page of a PDF, read with pdf.js (as a person would see it, not the raw bytes). */
export async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: true, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join('\n');
}

/**
 * Whether right-to-left text (Arabic) is in a PDF's text. pdf.js hands its
 * glyphs back one by one in visual order, and a lam-alef ligature swaps two
 * letters, so the phrase is looked for as a run of the same letters in any
 * order (spaces ignored) — still far too specific to match by chance.
 */
export function containsRtl(text: string, phrase: string): boolean {
  const letters = (s: string) => [...s.normalize('NFKC').replace(/\s+/g, '')];
  const hay = letters(text);
  const want = letters(phrase);
  const count = (chars: string[]) => chars.reduce((m, c) => m.set(c, (m.get(c) ?? 0) + 1), new Map<string, number>());
  const target = count(want);
  const seen = count(hay.slice(0, want.length));
  const same = () => target.size === seen.size && [...target].every(([c, n]) => seen.get(c) === n);
  for (let i = want.length; ; i += 1) {
    if (same()) return true;
    if (i >= hay.length) return false;
    const out = hay[i - want.length]!;
    seen.set(out, seen.get(out)! - 1);
    if (seen.get(out) === 0) seen.delete(out);
    seen.set(hay[i]!, (seen.get(hay[i]!) ?? 0) + 1);
  }
}
