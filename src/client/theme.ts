// Light/dark theme: follows the system until the reader chooses; the choice persists in
// localStorage and is applied before paint by the inline script in Base.astro.
const KEY = 'atlas-theme';

export function currentTheme(doc: Document): 'light' | 'dark' {
  const chosen = doc.documentElement.dataset['theme'];
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function setupThemeToggle(doc: Document): void {
  const button = doc.querySelector<HTMLButtonElement>('[data-theme-toggle]');
  if (!button) return;
  const render = () => {
    const dark = currentTheme(doc) === 'dark';
    button.setAttribute('aria-pressed', String(dark));
    button.title = dark ? 'Switch to light theme' : 'Switch to dark theme';
  };
  button.hidden = false;
  render();
  button.addEventListener('click', () => {
    const next = currentTheme(doc) === 'dark' ? 'light' : 'dark';
    doc.documentElement.dataset['theme'] = next;
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    render();
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', render);
}
