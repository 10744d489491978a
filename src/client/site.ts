// Site-wide behaviour every page gets: the theme toggle and hover previews of internal links.
// Kept small on purpose (it ships on every page); heavier islands load on demand.
import { setupPreviews } from './previews.ts';
import { setupThemeToggle } from './theme.ts';

setupThemeToggle(document);
setupPreviews(document, document.documentElement.dataset['base'] ?? '/');
