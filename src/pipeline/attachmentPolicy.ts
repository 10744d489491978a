// Which vault files are published as attachments. Every attachment is served from the site's own
// origin, so a file that a browser opens as a document runs as part of the site: an HTML or XML
// file with a script, an SVG with a script or an event handler, or a JavaScript file that such a
// document (or any page) may load, since the Content-Security-Policy trusts the site's own
// scripts ('self') — and a host that sends no headers gives such a document no CSP at all. Those
// files are left out with a warning. SVG images, which are everyday diagrams, are published when
// they only draw; what they may contain is said positively below.
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { find, svg } from 'property-information';
import { EXIT, visit } from 'unist-util-visit';
import { isHttpUrl } from '../urlPolicy.ts';

/** Files a browser runs or renders as a document of the site. */
const ACTIVE = /\.(html?|xhtml?|xht|shtml|mht|mhtml|xml|xsl|xslt|js|mjs|cjs|svgz)$/i;

/** References an SVG may hold: to its own parts, to raster images inside it, and links to web pages. */
function referenceAllowed(tag: string, value: string): boolean {
  return value.startsWith('#') || /^data:image\/(png|jpeg|gif|webp);base64,/i.test(value) || (tag === 'a' && isHttpUrl(value));
}

/** Elements that run code or embed other documents, whatever the SVG is used for. */
const NOT_DRAWING = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'handler', 'listener', 'html', 'body']);

export interface AttachmentProblem {
  line: number;
  message: string;
}

/** Why the vault file at `path` is not published, or undefined when it is; `read` gives its text. */
export function attachmentProblem(path: string, read: () => string): AttachmentProblem | undefined {
  const extension = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase();
  if (ACTIVE.test(path)) {
    return { line: 1, message: `not published: a browser would open a .${extension} file as part of this site and run what is in it — publish it somewhere else and link to it` };
  }
  if (extension === 'svg') return svgProblem(read());
  return undefined;
}

/** What in an SVG file could do more than draw, with its line, or undefined. */
export function svgProblem(text: string): AttachmentProblem | undefined {
  let found: { line: number; what: string } | undefined;
  visit(fromHtml(text, { fragment: true }), 'element', (node: Element) => {
    const line = node.position?.start.line ?? 1;
    const tag = node.tagName.toLowerCase();
    if (NOT_DRAWING.has(tag)) found = { line, what: `a <${node.tagName}> element` };
    for (const [key, value] of Object.entries(node.properties)) {
      const attribute = find(svg, key).attribute.toLowerCase();
      if (attribute.startsWith('on')) found = { line, what: `an event handler (${attribute})` };
      else if ((attribute === 'href' || attribute === 'xlink:href' || attribute === 'src') && !referenceAllowed(tag, String(value))) found = { line, what: `a reference to "${String(value).slice(0, 60)}"` };
      else if ((tag === 'set' || tag.startsWith('animate')) && attribute === 'attributename' && /href$/i.test(String(value))) found = { line, what: `an animation of ${String(value)}` };
    }
    return found ? EXIT : undefined;
  });
  return found && { line: found.line, message: `not published: the SVG has ${found.what}, which could run code or load other files when the SVG is opened — keep only the drawing` };
}
