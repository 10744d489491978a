// `npm run new "Title" [-- --folder techniques]`: scaffolds a page with the frontmatter a page of
// the wiki has (summary, category, aliases, tags, typed relations, facts, FAQ, references), in the
// content folder (ATLAS_CONTENT, default content/), named after the title. Never overwrites.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { readDeployConfig } from '../src/config/deployConfig.ts';
import { readSiteConfig } from '../src/config/readSiteConfig.ts';
import { RELATION_TYPES } from '../graph/relations.ts';

const args = process.argv.slice(2);
const folderAt = args.indexOf('--folder');
const folder = folderAt === -1 ? '' : (args[folderAt + 1] ?? '');
const title = args.filter((_, i) => folderAt === -1 || (i !== folderAt && i !== folderAt + 1)).join(' ').trim();
if (!title || /[\\/:*?"<>|#^[\]]/.test(title)) {
  console.error('Usage: npm run new "Page title" [-- --folder some/folder]\nA title may not contain \\ / : * ? " < > | # ^ [ ] (they cannot be in a file name or a wikilink).');
  process.exit(1);
}
const deploy = readDeployConfig();
const site = readSiteConfig(deploy.contentDir, (rel) => rel);
const file = join(deploy.contentDir, folder, `${title.toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '')}.md`);
if (existsSync(file)) {
  console.error(`${relative(process.cwd(), file)} already exists — pick another title, or edit that file.`);
  process.exit(1);
}
const yamlString = (s: string) => JSON.stringify(s);
const categories = site.config.categories;
const frontmatter = [
  '---',
  `title: ${yamlString(title)}`,
  'summary: One sentence a reader sees under the title, in previews and in search results.',
  categories?.length ? `category: ${categories[0]}  # one of: ${categories.join(', ')}` : 'category:  # what kind of topic this is',
  'aliases: []',
  'tags: []',
  `relations:  # typed links by title or alias: ${[...RELATION_TYPES, ...Object.keys(site.config.relations)].join(', ')}`,
  '  related: []',
  'facts: {}  # infobox rows, in this order, e.g.',
  '#  Introduced: "2017 (Author et al.)"',
  'faq: []  # questions readers ask, e.g.',
  '#  - q: A question a reader would ask?',
  '#    a: The answer; [[wikilinks]] work here.',
  'references: []  # primary sources, e.g.',
  '#  - title: Title of the paper',
  '#    authors: Surname, I.; Surname, I.',
  '#    year: 2024',
  '#    venue: Conference or journal',
  '#    url: https://doi.org/…',
  '---',
  '',
  `**${title}** is … Write the opening sentence here, then sections with ## headings. Link other pages`,
  'by their title in double square brackets.',
  '',
];
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, frontmatter.join('\n'), { flag: 'wx' });
console.log(`Created ${relative(process.cwd(), file)} — fill in the frontmatter and the text, then run npm run check.`);
