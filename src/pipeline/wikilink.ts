// Parsing the inside of an Obsidian wikilink: `Target#Heading|text`, `Target#^block`, `#Heading`.

export interface Wikilink {
  /** Page name as written (may be empty for same-page links `[[#Heading]]`). */
  target: string;
  /** Heading text after `#`, if any (without the `#`). */
  heading: string | undefined;
  /** Block id after `#^`, if any (without `#^`). */
  blockId: string | undefined;
  /** Text after `|`, if any: display text for links, size for image embeds. */
  alias: string | undefined;
  /** True for `![[...]]`. */
  embed: boolean;
}

/** Matches `[[...]]` and `![[...]]` in a text run; the inner part may not span lines or contain `]]`. */
export const WIKILINK_PATTERN = /(!?)\[\[([^\]\n]+?)\]\]/g;

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
  return {
    target,
    heading: fragment && !isBlock ? fragment : undefined,
    blockId: fragment && isBlock ? fragment.slice(1) : undefined,
    alias,
    embed,
  };
}

/** The text a reader sees for a link: the alias, else the target (plus heading), else the heading. */
export function displayText(link: Wikilink): string {
  if (link.alias) return link.alias;
  const fragment = link.heading ?? (link.blockId ? `^${link.blockId}` : undefined);
  if (!link.target) return fragment ?? '';
  return fragment ? `${link.target} › ${fragment}` : link.target;
}
