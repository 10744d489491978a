// `[[…]]` and `![[…]]` as Markdown syntax (a micromark extension), so a wikilink is recognised
// while the text is tokenized, before emphasis or escapes can take it apart: `[[__init__]]` and
// `[[*args]]` stay links, `\[\[escaped\]\]` stays text (the backslash escape claims the bracket
// first), and nothing inside code spans or fenced code is ever a link. The result is a `wikiLink`
// mdast node carrying the inner text as written and its exact source position.
import type { Extension as FromMarkdownExtension, CompileContext, Token as MdastToken } from 'mdast-util-from-markdown';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import type { Processor } from 'unified';
import { displayText, parseWikilink } from '../wikilink.ts';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    wikiLink: 'wikiLink';
    wikiLinkMarker: 'wikiLinkMarker';
    wikiLinkValue: 'wikiLinkValue';
  }
}

/** A wikilink as parsed: `inner` is everything between the brackets, exactly as written. */
export interface WikiLink {
  type: 'wikiLink';
  inner: string;
  embed: boolean;
  /** The text a reader sees, so headings and plain-text views never show the raw `[[…|…]]`. */
  value: string;
  position?: import('unist').Position;
  data?: Record<string, unknown>;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    wikiLink: WikiLink;
  }
  interface RootContentMap {
    wikiLink: WikiLink;
  }
}

const EXCLAMATION = 33;
const LEFT_BRACKET = 91;
const RIGHT_BRACKET = 93;

const wikiLinkConstruct: Construct = { name: 'wikiLink', tokenize: tokenizeWikiLink };

/** The micromark syntax extension. */
export function wikiLinkSyntax(): Extension {
  // Added before the built-in constructs for `[` and `!` (link and image labels).
  return { text: { [LEFT_BRACKET]: wikiLinkConstruct, [EXCLAMATION]: wikiLinkConstruct } };
}

function tokenizeWikiLink(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let size = 0;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('wikiLink');
    effects.enter('wikiLinkMarker');
    if (code === EXCLAMATION) {
      effects.consume(code);
      return firstBracket;
    }
    return firstBracket(code);
  }

  function firstBracket(code: Code): State | undefined {
    if (code !== LEFT_BRACKET) return nok(code);
    effects.consume(code);
    return secondBracket;
  }

  function secondBracket(code: Code): State | undefined {
    if (code !== LEFT_BRACKET) return nok(code);
    effects.consume(code);
    effects.exit('wikiLinkMarker');
    effects.enter('wikiLinkValue');
    return inside;
  }

  function inside(code: Code): State | undefined {
    // A wikilink never spans lines and its target never contains `]` (Obsidian forbids it).
    if (code === null || code === -5 || code === -4 || code === -3) return nok(code);
    if (code === RIGHT_BRACKET) {
      if (size === 0) return nok(code);
      effects.exit('wikiLinkValue');
      effects.enter('wikiLinkMarker');
      effects.consume(code);
      return closing;
    }
    size++;
    effects.consume(code);
    return code === LEFT_BRACKET ? afterLeftBracket : inside;
  }

  // `[[` inside a wikilink starts another one: `[[a [[b]]` links to b, as in Obsidian. Stopping
  // there also keeps tokenizing linear: each attempt reads on to the next `[[` at most, where a
  // line of unclosed `[[` used to be read to its end from every one of them (50,000 brackets took
  // 26 s to parse).
  function afterLeftBracket(code: Code): State | undefined {
    return code === LEFT_BRACKET ? nok(code) : inside(code);
  }

  function closing(code: Code): State | undefined {
    if (code !== RIGHT_BRACKET) return nok(code);
    effects.consume(code);
    effects.exit('wikiLinkMarker');
    effects.exit('wikiLink');
    return ok;
  }
}

/** The mdast-util-from-markdown extension that turns the tokens into `wikiLink` nodes. */
export function wikiLinkFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      wikiLink(this: CompileContext, token: MdastToken) {
        const embed = this.sliceSerialize(token).startsWith('!');
        this.enter({ type: 'wikiLink', inner: '', embed, value: '' } as never, token);
      },
    },
    exit: {
      wikiLinkValue(this: CompileContext, token: MdastToken) {
        const node = this.stack[this.stack.length - 1] as unknown as WikiLink;
        node.inner = this.sliceSerialize(token);
        node.value = displayText(parseWikilink(node.inner, node.embed));
      },
      wikiLink(this: CompileContext, token: MdastToken) {
        this.exit(token);
      },
    },
  };
}

/** The remark plugin: registers both extensions with remark-parse. */
export function remarkWikiLinks(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: Extension[]; fromMarkdownExtensions?: FromMarkdownExtension[] };
  (data.micromarkExtensions ??= []).push(wikiLinkSyntax());
  (data.fromMarkdownExtensions ??= []).push(wikiLinkFromMarkdown());
}
