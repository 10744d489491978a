// sax ships no types. It is here through astro → svgo; the GEXF test and the payload e2e test use its strict mode as an
// independent XML well-formedness check. Only what the test uses is declared.
declare module 'sax' {
  interface Tag {
    name: string;
    attributes: Record<string, string>;
  }
  interface SAXParser {
    onerror: (error: Error) => void;
    onopentag: (tag: Tag) => void;
    ontext: (text: string) => void;
    write(xml: string): SAXParser;
    close(): SAXParser;
  }
  const sax: { parser(strict: boolean): SAXParser };
  export default sax;
}
