import { List, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { NoteDoc } from '../../../../shared/domain/note-doc';

type Block = NoteDoc['content'][number];
type Inline = { type: 'text'; text: string; marks?: { type: 'bold' | 'italic' }[] } | { type: 'hardBreak' };

function inline(nodes: readonly Inline[] | undefined): ReactNode[] {
  return (nodes ?? []).map((n, i) => {
    if (n.type === 'hardBreak') return <br key={i} />;
    let out: ReactNode = n.text;
    if (n.marks?.some((m) => m.type === 'italic')) out = <em>{out}</em>;
    if (n.marks?.some((m) => m.type === 'bold')) out = <strong>{out}</strong>;
    return <span key={i}>{out}</span>;
  });
}

function block(node: Block, key: number): ReactNode {
  switch (node.type) {
    case 'paragraph':
      return (
        <Text key={key} size="sm" mb={4}>
          {inline(node.content as Inline[] | undefined)}
        </Text>
      );
    case 'heading':
      return (
        <Title key={key} order={node.attrs.level === 2 ? 3 : 4} size={node.attrs.level === 2 ? 'h5' : 'h6'} mb={4}>
          {inline(node.content as Inline[] | undefined)}
        </Title>
      );
    case 'bulletList':
    case 'orderedList':
      return (
        <List key={key} type={node.type === 'orderedList' ? 'ordered' : 'unordered'} size="sm" mb={4} withPadding>
          {node.content.map((item, i) => (
            <List.Item key={i}>{item.content.map((child, j) => block(child as Block, j))}</List.Item>
          ))}
        </List>
      );
    default:
      return null;
  }
}

/**
 * A note's body as the editor saved it, shown read-only: only the nodes and
 * marks the core allows exist, and text is always text (never HTML).
 */
export function NoteText({ body }: { body: unknown }) {
  const doc = body as NoteDoc | null;
  if (!doc) return null;
  return <div>{doc.content.map((node, i) => block(node, i))}</div>;
}
