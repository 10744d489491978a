// A response body made from many strings without joining them into one: for the site's largest
// files (the GEXF export is over 300 MB at 100,000 topics), where one string would approach V8's
// limit on a string's length and hold the whole file twice, as text and as bytes.

/** Parts are gathered into chunks of at least this many characters (but the last) before they are encoded. */
export const CHUNK_CHARS = 1 << 16;

/** The parts, in order, as UTF-8; nothing is produced before the reader asks for it. */
export function textStream(parts: Iterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = parts[Symbol.iterator]();
  let carried = '';
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = carried;
      while (chunk.length < CHUNK_CHARS) {
        const next = iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      // A chunk ending in the first half of a surrogate pair keeps it for the next one: encoded
      // apart, each half would become U+FFFD.
      const last = chunk.charCodeAt(chunk.length - 1);
      carried = last >= 0xd800 && last <= 0xdbff ? chunk.slice(-1) : '';
      controller.enqueue(encoder.encode(carried ? chunk.slice(0, -1) : chunk));
    },
    cancel() {
      iterator.return?.();
    },
  });
}
