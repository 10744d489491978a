// Obsidian highlights: `==marked text==` becomes <mark>. Markers are found in the text nodes of one
// parent, so a highlight may wrap emphasis or links (`==**bold** and [[link]]==`) but never
// crosses a paragraph. As in Obsidian, an opening `==` is not followed by a space and a closing one
// is not preceded by one, so "a == b" in prose is left alone; code is never text, so it is never
// touched.
import type { Parent, PhrasingContent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';

interface Marker {
  child: number;
  offset: number;
}

export function transformHighlights(tree: Root): void {
  visit(tree, (node) => {
    if (!('children' in node)) return;
    const parent = node as Parent;
    if (!parent.children.some((c) => c.type === 'text' && c.value.includes('=='))) return;
    wrapHighlights(parent);
  });
}

function wrapHighlights(parent: Parent): void {
  for (let guard = 0; guard < 1000; guard++) {
    const pair = findPair(parent.children as PhrasingContent[]);
    if (!pair) return;
    const [open, close] = pair;
    const children = parent.children as PhrasingContent[];
    // Split the closing text node first so the opening node's indexes stay valid.
    const closeNode = children[close.child] as Text;
    const afterClose: Text = { type: 'text', value: closeNode.value.slice(close.offset + 2) };
    const beforeCloseValue = closeNode.value.slice(0, close.offset);
    const openNode = children[open.child] as Text;
    const beforeOpen: Text = { type: 'text', value: openNode.value.slice(0, open.offset) };
    let inner: PhrasingContent[];
    if (open.child === close.child) {
      inner = [{ type: 'text', value: openNode.value.slice(open.offset + 2, close.offset) }];
    } else {
      inner = [
        { type: 'text', value: openNode.value.slice(open.offset + 2) },
        ...children.slice(open.child + 1, close.child),
        { type: 'text', value: beforeCloseValue },
      ];
    }
    const mark = { type: 'highlight', children: inner.filter((c) => c.type !== 'text' || c.value !== ''), data: { hName: 'mark' } } as unknown as PhrasingContent;
    const replacement = [beforeOpen, mark, afterClose].filter((c) => c.type !== 'text' || (c as Text).value !== '');
    children.splice(open.child, close.child - open.child + 1, ...replacement);
  }
}

/** The first opening marker and the closing marker that pairs with it, in text nodes of `children`. */
function findPair(children: PhrasingContent[]): [Marker, Marker] | undefined {
  let open: Marker | undefined;
  for (let c = 0; c < children.length; c++) {
    const node = children[c]!;
    if (node.type !== 'text') continue;
    const value = node.value;
    for (let i = value.indexOf('=='); i !== -1; i = value.indexOf('==', i + 1)) {
      // A run of three or more `=` is not a marker (e.g. "===" in prose or a setext underline).
      if (value[i - 1] === '=' || value[i + 2] === '=') continue;
      const before = value[i - 1];
      const after = value[i + 2];
      if (open === undefined) {
        const nextIsSpace = after === undefined ? isSpaceStart(children[c + 1]) : /\s/.test(after);
        if (!nextIsSpace && !(after === undefined && c === children.length - 1)) open = { child: c, offset: i };
      } else {
        const prevIsSpace = before === undefined ? c === open.child || isSpaceEnd(children[c - 1]) : /\s/.test(before);
        const empty = c === open.child && i === open.offset + 2;
        if (!prevIsSpace && !empty) return [open, { child: c, offset: i }];
      }
    }
  }
  return undefined;
}

function isSpaceStart(node: PhrasingContent | undefined): boolean {
  return node === undefined || (node.type === 'text' && /^\s/.test(node.value));
}

function isSpaceEnd(node: PhrasingContent | undefined): boolean {
  return node === undefined || (node.type === 'text' && /\s$/.test(node.value));
}
