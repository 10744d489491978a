// Parsing the inside of an Obsidian wikilink: `Target#Heading|text`, `Target#Heading#Subheading`
// (a heading chain), `Target#^block`, `#Heading`, and the `\|` that tables need for the pipe.

export interface Wikilink {
  /** Page or file name as written (empty for same-page links `[[#Heading]]`). */
  target: string;
  /** The heading part after `#`, as written (a chain keeps its `#`s: `Section#Subsection`). */
  heading: string | undefined;
  /** The heading chain, outermost first: `Section#Subsection` → ['Section', 'Subsection']. */
  headingPath: string[];
  /** Block id after `#^`, if any (without `#^`). */
  blockId: string | undefined;
  /** Text after `|`, if any: display text for links, size for image embeds. */
  alias: string | undefined;
  /** True for `![[...]]`. */
  embed: boolean;
}

export function parseWikilink(inner: string, embed = false): Wikilink {
  // Inside tables Obsidian writes the alias pipe escaped as `\|`.
  const unescaped = inner.replace(/\\\|/g, '|');
  const pipe = unescaped.indexOf('|');
  const ref = (pipe === -1 ? unescaped : unescaped.slice(0, pipe)).trim();
  const alias = pipe === -1 ? undefined : unescaped.slice(pipe + 1).trim() || undefined;
  const hash = ref.indexOf('#');
  const target = (hash === -1 ? ref : ref.slice(0, hash)).trim();
  const fragment = hash === -1 ? undefined : ref.slice(hash + 1).trim();
  const isBlock = fragment?.startsWith('^') ?? false;
  const headingPath = fragment && !isBlock ? fragment.split('#').map((h) => h.trim()).filter(Boolean) : [];
  return {
    target,
    heading: headingPath.length ? headingPath.join('#') : undefined,
    headingPath,
    blockId: fragment && isBlock ? fragment.slice(1).trim() || undefined : undefined,
    alias,
    embed,
  };
}

/** The text a reader sees for a link: the alias, else the target (plus heading), else the heading. */
export function displayText(link: Wikilink): string {
  if (link.alias) return link.alias;
  const fragment = link.headingPath.length ? link.headingPath.join(' › ') : link.blockId ? `^${link.blockId}` : undefined;
  if (!link.target) return fragment ?? '';
  return fragment ? `${link.target} › ${fragment}` : link.target;
}

/** The link as an author would write it, for messages: `[[Target#Heading]]`, `![[Image.png]]`. */
export function writtenForm(link: Pick<Wikilink, 'target' | 'heading' | 'blockId' | 'embed'>): string {
  // A heading that starts with ^ was written after an empty one (`##^…`): `#^…` is a block id.
  const fragment = link.heading !== undefined ? `${link.heading.startsWith('^') ? '##' : '#'}${link.heading}` : link.blockId !== undefined ? `#^${link.blockId}` : '';
  return `${link.embed ? '!' : ''}[[${link.target}${fragment}]]`;
}
