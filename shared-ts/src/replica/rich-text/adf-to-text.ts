/**
 * Plain text for the ADF that `htmlToAdf` builds (only the node types it writes). Paragraphs are
 * separated by a blank line, list items start with `- ` or `1. `, quotes with `> `, table cells
 * are joined with ` | `, and a link whose text is not its address is followed by it in brackets.
 */
import type { AdfDoc, AdfNode } from './adf';

/** The text of a document built by `htmlToAdf`. */
export function adfDocToText(doc: AdfDoc): string {
  return trimLineFeeds(blocksText(doc.content, '\n\n'));
}

/** The text without line feeds at its start and end (a pattern for this backtracks: quadratic). */
function trimLineFeeds(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 10) start++;
  while (end > start && text.charCodeAt(end - 1) === 10) end--;
  return text.slice(start, end);
}

function blocksText(nodes: readonly AdfNode[], separator: string): string {
  return nodes.map(blockText).join(separator);
}

function blockText(node: AdfNode): string {
  const content = node.content ?? [];
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return inlineText(content);
    case 'codeBlock':
      return content.map((text) => text.text ?? '').join('');
    case 'bulletList':
      return listText(content, () => '- ');
    case 'orderedList': {
      const start = typeof node.attrs?.order === 'number' ? node.attrs.order : 1;
      return listText(content, (index) => `${start + index}. `);
    }
    case 'blockquote':
      return blocksText(content, '\n\n')
        .split('\n')
        .map((line) => (line === '' ? '>' : `> ${line}`))
        .join('\n');
    case 'table':
      return content
        .map((row) =>
          (row.content ?? [])
            .map((cell) => blocksText(cell.content ?? [], ' ').replace(/\n+/g, ' '))
            .join(' | '),
        )
        .join('\n');
    default:
      return blocksText(content, '\n\n');
  }
}

function listText(items: readonly AdfNode[], marker: (index: number) => string): string {
  return items
    .map((item, index) => {
      const prefix = marker(index);
      const pad = ' '.repeat(prefix.length);
      return blocksText(item.content ?? [], '\n')
        .split('\n')
        .map((line, lineIndex) => (lineIndex === 0 ? prefix + line : line === '' ? line : pad + line))
        .join('\n');
    })
    .join('\n');
}

function inlineText(nodes: readonly AdfNode[]): string {
  let out = '';
  let link: { href: string; text: string } | null = null;
  const endLink = (): void => {
    if (link !== null && !sameAddress(link.text.trim(), link.href)) out += ` (${link.href})`;
    link = null;
  };
  for (const node of nodes) {
    const href = node.marks?.find((mark) => mark.type === 'link')?.attrs?.href;
    const linkHref = typeof href === 'string' ? href : null;
    if (link !== null && link.href !== linkHref) endLink();
    if (node.type === 'hardBreak') {
      out += '\n';
      continue;
    }
    const text = node.text ?? '';
    if (linkHref !== null) {
      link ??= { href: linkHref, text: '' };
      link.text += text;
    }
    out += text;
  }
  endLink();
  return out;
}

function sameAddress(text: string, href: string): boolean {
  return text === href || `mailto:${text}` === href || `tel:${text}` === href;
}
