import { z } from 'zod';

/**
 * A case note's text as the editor (tiptap/ProseMirror) writes it: a JSON
 * document, never HTML. The core accepts only these nodes and marks —
 * paragraphs, headings (levels 2 and 3), bullet and ordered lists, line
 * breaks, bold and italic; URLs stay plain text (no link mark, so nothing to
 * click or navigate to). Unknown nodes, marks or attributes are refused, not
 * dropped. Design: docs/design/casework.md §3.
 */

/** Lists within lists, at most: deep nesting would make the recursive schema throw; twelve is plenty. */
export const NOTE_MAX_DEPTH = 12;
/** In JSON a list level is four levels (the list, its items, an item, its blocks); doc and a paragraph's text add six. */
const MAX_JSON_DEPTH = 4 * NOTE_MAX_DEPTH + 6;
/** The size of a note's JSON; like a draft, far more than any note, far less than a flood. */
export const NOTE_MAX_BYTES = 256 * 1024;

const mark = z.discriminatedUnion('type', [z.object({ type: z.literal('bold') }).strict(), z.object({ type: z.literal('italic') }).strict()]);
const text = z.object({ type: z.literal('text'), text: z.string().min(1).max(20_000), marks: z.array(mark).max(2).optional() }).strict();
const hardBreak = z.object({ type: z.literal('hardBreak') }).strict();
const inline = z.union([text, hardBreak]);
const paragraph = z.object({ type: z.literal('paragraph'), content: z.array(inline).max(2_000).optional() }).strict();
const heading = z
  .object({
    type: z.literal('heading'),
    attrs: z.object({ level: z.union([z.literal(2), z.literal(3)]) }).strict(),
    content: z.array(inline).max(200).optional(),
  })
  .strict();

interface ListItem {
  type: 'listItem';
  content: (z.infer<typeof paragraph> | BulletList | OrderedList)[];
}
interface BulletList {
  type: 'bulletList';
  content: ListItem[];
}
interface OrderedList {
  type: 'orderedList';
  attrs?: { start: number; type?: null };
  content: ListItem[];
}

const listItem: z.ZodType<ListItem> = z.lazy(() =>
  z
    .object({
      type: z.literal('listItem'),
      content: z.array(z.union([paragraph, bulletList, orderedList])).min(1).max(200),
    })
    .strict(),
);
const bulletList: z.ZodType<BulletList> = z.lazy(() => z.object({ type: z.literal('bulletList'), content: z.array(listItem).min(1).max(500) }).strict());
const orderedList: z.ZodType<OrderedList> = z.lazy(() =>
  z
    .object({
      type: z.literal('orderedList'),
      attrs: z
        .object({ start: z.number().int().min(1).max(10_000), type: z.null().optional() })
        .strict()
        .optional(),
      content: z.array(listItem).min(1).max(500),
    })
    .strict(),
);

const docShape = z
  .object({
    type: z.literal('doc'),
    content: z.array(z.union([paragraph, heading, bulletList, orderedList])).min(1).max(5_000),
  })
  .strict();
export type NoteDoc = z.infer<typeof docShape>;

/** How deep objects and arrays nest in a JSON value (counted without recursion, so it cannot overflow). */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    deepest = Math.max(deepest, d);
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

function jsonBytes(value: unknown): number {
  try {
    return new TextEncoder().encode(JSON.stringify(value)).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** A note document as the core accepts it (size and depth first, so a hostile document is refused cheaply). */
export const noteDocSchema = z
  .unknown()
  .refine((v) => jsonBytes(v) <= NOTE_MAX_BYTES, { message: 'validation:note_too_large', abort: true })
  .refine((v) => jsonDepth(v) <= MAX_JSON_DEPTH, { message: 'validation:note_too_deep', abort: true })
  .pipe(docShape);

type Block = NoteDoc['content'][number] | ListItem;
type Inline = z.infer<typeof inline>;

function inlineText(content: readonly Inline[] | undefined): string {
  return (content ?? []).map((node) => (node.type === 'text' ? node.text : '\n')).join('');
}

/**
 * The note as plain text, for search and for a preview: each block and list
 * item a line, a line break a newline. (tiptap's own generateText puts runs of
 * empty lines between list items.)
 */
export function noteText(doc: NoteDoc): string {
  const lines: string[] = [];
  const walk = (blocks: readonly Block[]) => {
    for (const block of blocks) {
      if (block.type === 'paragraph' || block.type === 'heading') lines.push(inlineText(block.content));
      else walk(block.content as readonly Block[]);
    }
  };
  walk(doc.content);
  return lines.join('\n').trim();
}
