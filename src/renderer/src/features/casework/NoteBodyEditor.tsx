import '@mantine/tiptap/styles.css';
import { Input } from '@mantine/core';
import { RichTextEditor } from '@mantine/tiptap';
import { useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useId } from 'react';
import { useT } from '../../i18n/useT';

/**
 * Exactly the nodes and marks the core's schema allows (src/shared/domain/note-doc.ts):
 * paragraphs, headings 2–3, lists, hard breaks, bold, italic. No links: a URL stays text.
 */
export const NOTE_EXTENSIONS = [
  StarterKit.configure({
    blockquote: false,
    code: false,
    codeBlock: false,
    horizontalRule: false,
    strike: false,
    underline: false,
    link: false,
    dropcursor: false,
    gapcursor: false,
    trailingNode: false,
    heading: { levels: [2, 3] },
  }),
];

const EMPTY = { type: 'doc', content: [{ type: 'paragraph' }] };

/** The note's text in Mantine's tiptap editor; its value is the editor's JSON document, never HTML. */
export function NoteBodyEditor({ value, onChange, error, label }: { value: unknown; onChange: (doc: unknown) => void; error?: string | undefined; label: string }) {
  const { t } = useT();
  const id = useId();
  const editor = useEditor({
    extensions: NOTE_EXTENSIONS,
    content: (value as object | null) ?? EMPTY,
    editorProps: {
      attributes: {
        'aria-labelledby': `${id}-label`,
        role: 'textbox',
        'aria-multiline': 'true',
        ...(error ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-error` } : {}),
      },
    },
    onUpdate: ({ editor: e }) => onChange(e.getJSON()),
  });
  return (
    <Input.Wrapper label={label} labelProps={{ id: `${id}-label` }} errorProps={{ id: `${id}-error` }} error={error} labelElement="div">
      <RichTextEditor editor={editor} mih={220}>
        <RichTextEditor.Toolbar aria-label={t('casework:editor.toolbar')}>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Bold aria-label={t('casework:editor.bold')} title={t('casework:editor.bold')} />
            <RichTextEditor.Italic aria-label={t('casework:editor.italic')} title={t('casework:editor.italic')} />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.H2 aria-label={t('casework:editor.h2')} title={t('casework:editor.h2')} />
            <RichTextEditor.H3 aria-label={t('casework:editor.h3')} title={t('casework:editor.h3')} />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.BulletList aria-label={t('casework:editor.bullets')} title={t('casework:editor.bullets')} />
            <RichTextEditor.OrderedList aria-label={t('casework:editor.numbers')} title={t('casework:editor.numbers')} />
          </RichTextEditor.ControlsGroup>
        </RichTextEditor.Toolbar>
        <RichTextEditor.Content mih={180} />
      </RichTextEditor>
    </Input.Wrapper>
  );
}
