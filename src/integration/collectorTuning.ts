// How the static build asks V8's garbage collector to treat short-lived buffers.
//
// Astro writes each page through a few ArrayBuffers (the response stream's chunks, then the body
// copied out for the file), and the build reads every note into a Buffer. V8 keeps those buffers'
// bytes outside its heap ("external memory") and, by default, starts a full mark-compact of the
// whole heap each time about 64 MB of it has been allocated since the last one, however much room
// the heap has left. So a build collected its whole heap every couple of thousand pages, and each
// collection costs in proportion to the site model's size: the total grew with the square of the
// vault. Measured with --trace-gc, main thread, while Astro wrote the pages: 20,000 pages, 10
// mark-compacts (6.5 s of marking); 50,000 pages, 23 of them (40 s); a 100,000-page build spent
// about a third of its page rendering in them.
//
// V8 can count external memory within the heap's ordinary allocation limit instead, which grows
// with the heap; then a collection comes when the heap, buffers included, has outgrown what the
// last collection left, as for any other allocation. The flag is V8's own, and process-wide: the
// build's worker threads get it too. Set only for `astro build` (the dev server renders a page at a
// time and is left as Node starts it).
import { setFlagsFromString } from 'node:v8';

export const COLLECTOR_FLAGS = ['--external-memory-accounted-in-global-limit'] as const;

/** Applies COLLECTOR_FLAGS to this process. */
export function tuneCollectorForBuild(): void {
  for (const flag of COLLECTOR_FLAGS) setFlagsFromString(flag);
}
