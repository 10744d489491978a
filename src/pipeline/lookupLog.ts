// What a note's transform asked about the rest of the vault, and what it was told. Transforming a
// note reads only its own tree and these answers (which topic a link names, a heading's anchor, a
// title, an attachment's path…), so if every question gets the same answer in a later build, the
// transform's output is the same too — that is how the build cache (src/pipeline/buildCache.ts)
// knows a cached transform is still good without re-parsing the note.
// Everything else a transform reads (severity, allowed image origins, routes, the demo names)
// comes from the configuration and the generator, which key the whole cache.
import { createHash } from 'node:crypto';
import type { TopicSlug } from '../../graph/types.ts';
import type { SiteLookup } from './transformNote.ts';

/** One question per entry: `[question, digest of the answer]`. */
export type LookupLog = Array<[question: string, answer: string]>;

/** Sets and Maps compare by content (a heading's block ids are a Set). */
const replacer = (_key: string, value: unknown) => (value instanceof Set ? [...value] : value instanceof Map ? [...value] : value);

function answerDigest(value: unknown): string {
  const text = value === undefined ? 'undefined' : JSON.stringify(value, replacer);
  // Short answers are kept as they are; long ones (a page's anchors) by digest.
  return text.length <= 64 ? text : createHash('sha1').update(text).digest('base64');
}

type Asker = (lookup: SiteLookup, args: readonly unknown[]) => unknown;

/** The questions a transform can ask, by name. */
const QUESTIONS: Record<string, Asker> = {
  resolve: (l, a) => l.index.resolve(a[0] as string, (a[1] ?? undefined) as string | undefined),
  suggest: (l, a) => l.index.suggest(a[0] as string),
  unpublished: (l, a) => l.unpublished.resolve(a[0] as string, (a[1] ?? undefined) as string | undefined),
  attachment: (l, a) => l.attachments.find(a[0] as string, a[1] as string),
  anchorsOf: (l, a) => l.anchorsOf(a[0] as TopicSlug),
  titleOf: (l, a) => l.titleOf(a[0] as TopicSlug),
  urlOf: (l, a) => l.urlOf(a[0] as TopicSlug),
  topicAt: (l, a) => l.topicAt(a[0] as string),
  isDemoName: (l, a) => l.isDemoName(a[0] as string),
};

/**
 * The same lookup, writing every question and its answer to `log`. Questions repeat (a page links
 * to one topic many times): each is logged once.
 */
export function recordingLookup(lookup: SiteLookup, log: LookupLog): SiteLookup {
  const seen = new Set<string>();
  const ask = (name: string, ...args: unknown[]) => {
    const answer = QUESTIONS[name]!(lookup, args);
    const question = `${name}\u0000${JSON.stringify(args)}`;
    if (!seen.has(question)) {
      seen.add(question);
      log.push([question, answerDigest(answer)]);
    }
    return answer;
  };
  return {
    ...lookup,
    index: { resolve: (target: string, from?: string) => ask('resolve', target, from), suggest: (target: string) => ask('suggest', target) } as unknown as SiteLookup['index'],
    unpublished: { resolve: (target: string, from?: string) => ask('unpublished', target, from) } as unknown as SiteLookup['unpublished'],
    attachments: { find: (target: string, folder: string) => ask('attachment', target, folder) } as unknown as SiteLookup['attachments'],
    anchorsOf: (slug) => ask('anchorsOf', slug) as ReturnType<SiteLookup['anchorsOf']>,
    titleOf: (slug) => ask('titleOf', slug) as string,
    urlOf: (slug) => ask('urlOf', slug) as string,
    topicAt: (path) => ask('topicAt', path) as TopicSlug | undefined,
    isDemoName: (name) => ask('isDemoName', name) as boolean,
  };
}

/** True when `lookup` answers every question of a log (as JSON text) as it was answered when the log was written. */
export function sameAnswers(lookup: SiteLookup, logText: string): boolean {
  for (const [question, answer] of JSON.parse(logText) as LookupLog) {
    const split = question.indexOf('\u0000');
    const asker = QUESTIONS[question.slice(0, split)];
    if (!asker) return false;
    const args = JSON.parse(question.slice(split + 1)) as unknown[];
    if (answerDigest(asker(lookup, args)) !== answer) return false;
  }
  return true;
}
