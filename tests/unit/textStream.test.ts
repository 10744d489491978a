import { describe, expect, test } from 'vitest';
import { CHUNK_CHARS, textStream } from '../../src/lib/textStream.ts';

/** The body as a reader (Astro, writing an endpoint's file) gets it. */
async function read(stream: ReadableStream<Uint8Array>): Promise<{ text: string }> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
}

describe('textStream', () => {
  test('gives the parts joined, as UTF-8, in chunks rather than one piece', async () => {
    const parts = Array.from({ length: 20_000 }, (_, i) => `<node id="${i}" label="Gödel ${i} 数学 🧮"/>\n`);
    const chunks: Uint8Array[] = [];
    for await (const chunk of textStream(parts)) chunks.push(chunk);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
    expect(text).toBe(parts.join(''));
    expect(chunks.length).toBeGreaterThan(parts.join('').length / CHUNK_CHARS - 1);
    expect(chunks.length).toBeLessThan(parts.length / 100);
  });

  test('keeps a surrogate pair whole when a chunk would end between its halves', async () => {
    const emoji = '🧮';
    const parts = ['a'.repeat(CHUNK_CHARS - 1) + emoji[0], emoji[1] + 'b', 'c'.repeat(CHUNK_CHARS), emoji];
    const { text } = await read(textStream(parts));
    expect(text).toBe(parts.join(''));
    expect(text).not.toContain('\uFFFD');
  });

  test('an empty list of parts is an empty body', async () => {
    expect((await read(textStream([]))).text).toBe('');
  });

  test('asks the parts for more only as the reader reads', async () => {
    let made = 0;
    function* parts() {
      for (let i = 0; i < 1000; i++) {
        made++;
        yield 'x'.repeat(1000);
      }
    }
    const reader = textStream(parts()).getReader();
    await reader.read();
    expect(made).toBeLessThan(200);
    await reader.cancel();
  });
});
