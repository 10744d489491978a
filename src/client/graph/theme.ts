// Canvas colours and fonts from the page's CSS custom properties (src/styles/global.css), so the
// graph follows the light/dark theme; watch() re-reads them when the theme changes.
import type { GraphTheme } from './reducers.ts';

export interface CanvasTheme extends GraphTheme {
  fg: string;
  bg: string;
  font: string;
}

export function readTheme(element: Element): CanvasTheme {
  const style = getComputedStyle(element);
  // The properties hold light-dark(…) pairs; a probe's computed colour is the resolved one.
  const probe = document.createElement('span');
  probe.hidden = true;
  element.append(probe);
  const value = (name: string, fallback: string) => {
    probe.style.color = `var(${name}, ${fallback})`;
    return getComputedStyle(probe).color || fallback;
  };
  const theme = {
    fg: value('--fg', '#1b1f24'),
    bg: value('--bg', '#ffffff'),
    dim: value('--border', '#d0d7de'),
    mention: value('--border', '#d0d7de'),
    relation: value('--fg-muted', '#57606a'),
    path: value('--focus', '#f5a524'),
    font: style.fontFamily || 'system-ui, sans-serif',
  };
  probe.remove();
  return theme;
}

/** Calls `onChange` when the theme toggle or the OS colour scheme changes; returns an unsubscribe. */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  const media = matchMedia('(prefers-color-scheme: dark)');
  media.addEventListener('change', onChange);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', onChange);
  };
}
