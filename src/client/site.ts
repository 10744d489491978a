// Site-wide behaviour every page gets: the theme toggle and hover previews of internal links.
// Kept small on purpose (it ships on every page); heavier islands load on demand.
import { setupPreviews } from './previews.ts';
import { setupThemeToggle } from './theme.ts';

setupThemeToggle(document);
const { base = '/', previewShards = '1' } = document.documentElement.dataset;
setupPreviews(document, base, Number(previewShards) || 1);

// On narrow screens the contents sit above the article: start them folded so the text comes first.
const contents = document.querySelector<HTMLDetailsElement>('.toc details');
if (contents && matchMedia('(max-width: 63.99rem)').matches) contents.open = false;
