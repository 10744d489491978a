// Which vault files are published as attachments (src/pipeline/attachmentPolicy.ts): everything
// but what a browser would run as part of the site; SVGs only when they only draw.
import { describe, expect, test } from 'vitest';
import { attachmentProblem, svgProblem } from '../../src/pipeline/attachmentPolicy.ts';

const svg = (inner: string, attributes = '') => `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"${attributes}>\n${inner}\n</svg>`;

describe('files by kind', () => {
  test.each(['notes/page.html', 'a.HTM', 'x.xhtml', 'feed.xml', 'style.xsl', 'app.js', 'mod.mjs', 'drawing.svgz'])('%s is not published', (path) => {
    expect(attachmentProblem(path, () => '')?.message).toMatch(/^not published: a browser would open a \.\w+ file as part of this site and run what is in it/);
  });
  test.each(['diagram.png', 'report.pdf', 'clip.mp3', 'data.csv', 'notes.txt', 'archive.zip', 'LICENSE', 'photo.JPG'])('%s is published', (path) => {
    expect(attachmentProblem(path, () => '')).toBeUndefined();
  });
});

describe('SVG', () => {
  test.each([
    ['a drawing', svg('<rect width="1" height="1"/>')],
    ['gradients, styles and references to its own parts', svg('<defs><linearGradient id="g"/></defs><style>rect{fill:red}</style><rect id="r" fill="url(#g)"/><use xlink:href="#r"/><use href="#r"/>')],
    ['an embedded raster image', svg('<image href="data:image/png;base64,iVBORw0KGgo="/>')],
    ['a link to a web page', svg('<a href="https://example.org/"><text>x</text></a>')],
  ])('%s is published', (_what, text) => {
    expect(svgProblem(text)).toBeUndefined();
  });

  test.each([
    ['a script', svg('<script>alert(1)</script>'), 3, 'a <script> element'],
    ['an event handler', svg('<rect/>', ' onload="alert(1)"'), 2, 'an event handler (onload)'],
    ['a handler in another case', svg('<rect ONCLICK="alert(1)"/>'), 3, 'an event handler (onclick)'],
    ['embedded HTML', svg('<foreignObject><div>x</div></foreignObject>'), 3, 'a <foreignObject> element'],
    ['a javascript: link', svg('<a xlink:href="javascript:alert(1)"><rect/></a>'), 3, 'a reference to "javascript:alert(1)"'],
    ['an image from elsewhere', svg('<image href="https://evil.example/x.png"/>'), 3, 'a reference to "https://evil.example/x.png"'],
    ['a use of another file', svg('<use href="other.svg#x"/>'), 3, 'a reference to "other.svg#x"'],
    ['a data: SVG', svg('<image href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;"/>'), 3, 'a reference to "data:image/svg+xml,<svg onload=alert(1)>"'],
    ['an animation of href', svg('<a><set attributeName="href" to="javascript:alert(1)"/></a>'), 3, 'an animation of href'],
  ])('%s is not published, named with its line', (_what, text, line, what) => {
    expect(svgProblem(text)).toEqual({ line, message: `not published: the SVG has ${what}, which could run code or load other files when the SVG is opened — keep only the drawing` });
  });
});
