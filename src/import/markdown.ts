/**
 * Imported text becomes Markdown, the format case fields are written in: the HTML that
 * mammoth makes of a Word file (or an .html file as it is) is turned back into paragraphs,
 * emphasis, links, lists, block quotes and tables. Scripts, styles and other non-text are
 * left out; images cannot travel into a YAML field and become their alt text.
 */
import type { ChildNode, Element } from 'domhandler';

export const isElement = (node: ChildNode): node is Element => node.type === 'tag' || node.type === 'script' || node.type === 'style';

const SKIP = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'svg', 'math', 'head', 'title', 'select', 'textarea', 'button']);
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'blockquote', 'ul', 'ol', 'li', 'pre', 'table', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'body', 'html']);

/** The text of a node as a person reads it (no markup), whitespace collapsed. */
export function plainText(node: ChildNode | ChildNode[]): string {
  const parts: string[] = [];
  const walk = (n: ChildNode) => {
    if (n.type === 'text') parts.push(n.data);
    else if (isElement(n) && !SKIP.has(n.name)) {
      if (n.name === 'br') parts.push(' ');
      n.children.forEach(walk);
      if (BLOCK.has(n.name)) parts.push(' ');
    }
  };
  (Array.isArray(node) ? node : [node]).forEach(walk);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Characters that would start Markdown syntax where the text means them literally. */
function escapeText(text: string): string {
  return text.replace(/([\\`*_[\]<>])/g, '\\$1');
}

/** Inline Markdown of a run of nodes. */
export function inlineMarkdown(nodes: ChildNode[]): string {
  const out: string[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      out.push(escapeText(node.data.replace(/\s+/g, ' ')));
      continue;
    }
    if (!isElement(node) || SKIP.has(node.name)) continue;
    const inner = () => inlineMarkdown(node.children);
    switch (node.name) {
      case 'strong':
      case 'b':
        out.push(wrap(inner(), '**'));
        break;
      case 'em':
      case 'i':
      case 'cite':
        out.push(wrap(inner(), '*'));
        break;
      case 's':
      case 'del':
      case 'strike':
        out.push(wrap(inner(), '~~'));
        break;
      case 'code':
      case 'kbd':
        out.push(node.children.length ? `\`${plainText(node.children).replace(/`/g, "'")}\`` : '');
        break;
      case 'br':
        out.push('\\\n');
        break;
      case 'img':
        if (node.attribs.alt) out.push(escapeText(node.attribs.alt));
        break;
      case 'a': {
        const href = node.attribs.href ?? '';
        const text = inner();
        // Links within the source document (a contents list, a bookmark) mean nothing in a case file.
        out.push(/^(https?:|mailto:|tel:)/i.test(href) && text.trim() !== '' ? `[${text}](${href.replace(/[()\s]/g, encodeURIComponent)})` : text);
        break;
      }
      default:
        out.push(inner());
    }
  }
  return out.join('');
}

/** `**text**` with the spaces at the edges kept outside, as Markdown needs. */
function wrap(text: string, mark: string): string {
  const match = /^(\s*)(.*?)(\s*)$/s.exec(text)!;
  return match[2] === '' ? text : `${match[1]}${mark}${match[2]}${mark}${match[3]}`;
}

/** Block Markdown of a list of nodes: paragraphs separated by blank lines. */
export function blockMarkdown(nodes: ChildNode[], indent = ''): string {
  const blocks: string[] = [];
  let loose: ChildNode[] = [];
  const flush = () => {
    const text = inlineMarkdown(loose).trim();
    if (text) blocks.push(text);
    loose = [];
  };
  for (const node of nodes) {
    if (!isElement(node) || !BLOCK.has(node.name)) {
      if (!(isElement(node) && SKIP.has(node.name))) loose.push(node);
      continue;
    }
    flush();
    const text = blockOf(node);
    if (text.trim()) blocks.push(text);
  }
  flush();
  return blocks.join('\n\n').split('\n').map((line) => (line ? indent + line : line)).join('\n');
}

function blockOf(node: Element): string {
  switch (node.name) {
    case 'p':
    case 'figcaption':
    case 'dt':
    case 'dd':
      return inlineMarkdown(node.children).trim();
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6':
      return `### ${plainText(node)}`;
    case 'blockquote':
      return blockMarkdown(node.children).split('\n').map((line) => (line ? `> ${line}` : '>')).join('\n');
    case 'ul':
    case 'ol':
      return listMarkdown(node);
    case 'pre':
      return `\`\`\`\n${plainText(node.children).replace(/```/g, "'''")}\n\`\`\``;
    case 'hr':
      return '---';
    case 'table':
      return tableMarkdown(node);
    default:
      return blockMarkdown(node.children);
  }
}

/** The items of a list, each as its Markdown (nested lists indented under it). */
export function listItems(list: Element): ChildNode[][] {
  return list.children.filter((c): c is Element => isElement(c) && c.name === 'li').map((li) => li.children);
}

function listMarkdown(list: Element): string {
  const ordered = list.name === 'ol';
  return listItems(list)
    .map((children, i) => {
      const marker = ordered ? `${i + 1}. ` : '- ';
      const body = blockMarkdown(children, ' '.repeat(marker.length)).trimStart();
      return `${marker}${body}`;
    })
    .join('\n');
}

/** The rows of a table, each a list of cells (header rows included). */
export function tableRows(table: Element): Element[][] {
  const rows: Element[][] = [];
  const walk = (el: Element) => {
    for (const child of el.children) {
      if (!isElement(child)) continue;
      if (child.name === 'tr') rows.push(child.children.filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th')));
      else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') walk(child);
    }
  };
  walk(table);
  return rows;
}

function tableMarkdown(table: Element): string {
  const rows = tableRows(table).map((cells) => cells.map((cell) => blockMarkdown(cell.children).replace(/\n+/g, ' ').replace(/\|/g, '\\|')));
  if (rows.length === 0) return '';
  const width = Math.max(...rows.map((r) => r.length));
  const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  return [line(rows[0]!), line(Array.from({ length: width }, () => '---')), ...rows.slice(1).map(line)].join('\n');
}
