// Hover previews: hovering or focusing an internal topic link shows the target's title, category
// and summary in a popover. Data comes from the per-build preview index (src/routes.ts
// previewShard), fetched one small shard at a time, never the whole target page. Not shown on
// touch-only devices.
import { previewShard, type PreviewEntry } from '../lib/previewShard.ts';
import { pageKey, siteRoutes } from '../routes.ts';

const SHOW_DELAY_MS = 300;

export function setupPreviews(doc: Document, base: string, shardCount: number): void {
  const routes = siteRoutes(base);
  // A device that cannot hover (touch only) gets no previews; keyboard focus still counts elsewhere.
  if (!matchMedia('(any-hover: hover)').matches) return;
  const shards = new Map<number, Promise<Record<string, PreviewEntry>>>();
  const popover = doc.createElement('div');
  popover.className = 'link-preview';
  popover.setAttribute('role', 'tooltip');
  popover.id = 'link-preview';
  popover.hidden = true;
  doc.body.append(popover);
  let timer: number | undefined;
  let current: HTMLAnchorElement | undefined;

  const keyOf = (link: HTMLAnchorElement): string | undefined => {
    const url = new URL(link.href, location.href);
    return url.origin === location.origin ? pageKey(base, url.pathname) : undefined;
  };

  const load = (key: string) => {
    const shard = previewShard(key, shardCount);
    let promise = shards.get(shard);
    if (!promise) {
      promise = fetch(routes.previewShard(shard)).then((r) => (r.ok ? r.json() : {}), () => ({}));
      shards.set(shard, promise);
    }
    // The shard is a plain JSON object: only its own keys are entries (never `constructor`…).
    return promise.then((entries) => (Object.hasOwn(entries, key) ? entries[key] : undefined));
  };

  const hide = () => {
    window.clearTimeout(timer);
    popover.hidden = true;
    current?.removeAttribute('aria-describedby');
    current = undefined;
  };

  const show = async (link: HTMLAnchorElement) => {
    const key = keyOf(link);
    if (key === undefined) return;
    const entry = await load(key);
    if (!entry || current !== link) return;
    popover.replaceChildren();
    const title = doc.createElement('strong');
    title.textContent = entry.t;
    popover.append(title);
    if (entry.c) {
      const category = doc.createElement('span');
      category.className = 'badge';
      category.textContent = entry.c;
      popover.append(' ', category);
    }
    if (entry.s) {
      const summary = doc.createElement('p');
      summary.textContent = entry.s;
      popover.append(summary);
    }
    const box = link.getBoundingClientRect();
    popover.hidden = false;
    const width = popover.offsetWidth;
    popover.style.left = `${Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + innerWidth - width - 8))}px`;
    popover.style.top = `${window.scrollY + box.bottom + 6}px`;
    link.setAttribute('aria-describedby', popover.id);
  };

  const schedule = (event: Event) => {
    const link = (event.target as Element | null)?.closest?.('a.wikilink:not(.missing)') as HTMLAnchorElement | null;
    if (!link || link === current) return;
    hide();
    current = link;
    timer = window.setTimeout(() => void show(link), event.type === 'focusin' ? 0 : SHOW_DELAY_MS);
  };
  const leave = (event: Event) => {
    const link = (event.target as Element | null)?.closest?.('a.wikilink');
    if (link && link === current) hide();
  };

  doc.addEventListener('pointerover', (e) => {
    if ((e as PointerEvent).pointerType !== 'touch') schedule(e);
  });
  doc.addEventListener('pointerout', leave);
  doc.addEventListener('focusin', schedule);
  doc.addEventListener('focusout', leave);
  doc.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !popover.hidden) hide();
  });
}
