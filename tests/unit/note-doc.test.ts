import { describe, expect, it } from 'vitest';
import { NOTE_MAX_DEPTH, noteDocSchema, noteText, type NoteDoc } from '../../src/shared/domain/note-doc';
import { toFieldIssues } from '../../src/shared/validation';

const p = (text: string, marks?: { type: 'bold' | 'italic' }[]) => ({ type: 'paragraph', content: [{ type: 'text', text, ...(marks ? { marks } : {}) }] });
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const refused = (value: unknown) => {
  const parsed = noteDocSchema.safeParse(value);
  return parsed.success ? null : toFieldIssues(parsed.error).map((i) => i.message);
};

// Issue 10 (step 1): what a case note's text may be. The core takes nothing else.
describe('[no database] a case note document', () => {
  it('takes paragraphs, headings 2 and 3, lists, line breaks, bold and italic', () => {
    const note = doc(
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Gespräch' }] },
      p('Mutter berichtet über ', [{ type: 'bold' }]),
      { type: 'paragraph', content: [{ type: 'text', text: 'Zeile 1' }, { type: 'hardBreak' }, { type: 'text', text: 'Zeile 2', marks: [{ type: 'italic' }] }] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [p('Kita-Platz'), { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p('Antrag')] }] }] }] },
      { type: 'paragraph' },
    );
    expect(refused(note)).toBeNull();
    expect(noteText(noteDocSchema.parse(note) as NoteDoc)).toBe('Gespräch\nMutter berichtet über \nZeile 1\nZeile 2\nKita-Platz\nAntrag');
  });

  it('refuses what the editor cannot make: HTML-ish attributes, links, other heading levels, unknown nodes', () => {
    expect(refused({ ...doc(p('x')), extra: 1 })).not.toBeNull();
    expect(refused(doc({ type: 'paragraph', attrs: { onclick: 'alert(1)' }, content: [{ type: 'text', text: 'x' }] }))).not.toBeNull();
    expect(refused(doc({ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }))).not.toBeNull();
    expect(refused(doc({ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'x' }] }))).not.toBeNull();
    expect(refused(doc({ type: 'image', attrs: { src: 'http://x' } }))).not.toBeNull();
    expect(refused('<p>html</p>')).not.toBeNull();
    expect(refused(doc())).not.toBeNull();
  });

  it('refuses a document nested too deep or too large with its own message, without overflowing', () => {
    let item: unknown = p('innen');
    for (let i = 0; i < 300; i += 1) item = { type: 'bulletList', content: [{ type: 'listItem', content: [item] }] };
    expect(refused(doc(item))).toEqual(['validation:note_too_deep']);
    let ok: unknown = p('innen');
    for (let i = 0; i < NOTE_MAX_DEPTH; i += 1) ok = { type: 'bulletList', content: [{ type: 'listItem', content: [ok] }] };
    expect(refused(doc(ok))).toBeNull();
    expect(refused(doc({ type: 'bulletList', content: [{ type: 'listItem', content: [ok] }] }))).toEqual(['validation:note_too_deep']);
    const big = doc(...Array.from({ length: 20 }, () => p('x'.repeat(15_000))));
    expect(refused(big)).toEqual(['validation:note_too_large']);
  });
});
