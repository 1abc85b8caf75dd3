import { Editor, getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { noteDocSchema } from '../../src/shared/domain/note-doc';
import { parseTypedDate } from '../../src/renderer/src/forms/DateField';
import { NOTE_EXTENSIONS } from '../../src/renderer/src/features/casework/NoteBodyEditor';

describe('the note editor and the core\u2019s document schema', () => {
  it('the editor makes exactly the nodes and marks the core accepts', () => {
    const schema = getSchema(NOTE_EXTENSIONS);
    expect(Object.keys(schema.nodes).sort()).toEqual(['bulletList', 'doc', 'hardBreak', 'heading', 'listItem', 'orderedList', 'paragraph', 'text']);
    expect(Object.keys(schema.marks).sort()).toEqual(['bold', 'italic']);
  });

  it('what the editor saves after headings, lists, marks and line breaks passes the core\u2019s check; a pasted link stays text', () => {
    const editor = new Editor({ extensions: NOTE_EXTENSIONS, content: '<p>Start</p>' });
    try {
      editor.commands.setContent(
        '<h2>Gespräch</h2><p><strong>fett</strong> und <em>kursiv</em><br>neue Zeile</p><ul><li><p>eins</p><ul><li><p>tief</p></li></ul></li></ul><ol start="3"><li><p>drei</p></li></ol><h1>zu groß</h1><p><a href="javascript:alert(1)">https://example.org</a></p><script>x</script>',
      );
      const doc = editor.getJSON();
      const parsed = noteDocSchema.safeParse(doc);
      expect(parsed.success).toBe(true);
      const text = JSON.stringify(doc);
      expect(text).toContain('https://example.org');
      expect(text).not.toContain('javascript:');
      expect(text).not.toContain('"level":1');
    } finally {
      editor.destroy();
    }
  });

  it('refuses what the editor never makes: an unknown attribute, a level-1 heading, a link mark', () => {
    const p = (extra: object) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }], ...extra }] });
    expect(noteDocSchema.safeParse(p({ attrs: { onclick: 'x' } })).success).toBe(false);
    expect(noteDocSchema.safeParse({ type: 'doc', content: [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'x' }] }] }).success).toBe(false);
    expect(noteDocSchema.safeParse({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'x' } }] }] }] }).success).toBe(false);
  });
});

describe('typed dates in date fields', () => {
  it('reads German, ISO and English dates and refuses what is no date', () => {
    expect(parseTypedDate('23.11.2026')).toBe('2026-11-23');
    expect(parseTypedDate('3.1.26')).toBe('2026-01-03');
    expect(parseTypedDate('2026-02-28')).toBe('2026-02-28');
    expect(parseTypedDate('23 Nov 2026')).toBe('2026-11-23');
    expect(parseTypedDate('31.02.2026')).toBeNull();
    expect(parseTypedDate('morgen')).toBeNull();
    expect(parseTypedDate('12')).toBeNull();
    // A two-digit year past the next ten is the last century's (a birth date).
    expect(parseTypedDate('12.03.85')).toBe('1985-03-12');
    expect(parseTypedDate('May 5')).toBeNull();
    expect(parseTypedDate('5 May 2027')).toBe('2027-05-05');
  });
});
