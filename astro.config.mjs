// Site configuration. Everything an author or deployer sets comes from ATLAS_* environment
// variables (see README "Configuration"); this file only wires them into Astro.
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { readConfig } from './src/config.ts';
import { atlas } from './src/integration/atlas.ts';
import { writeHeadersFile } from './src/integration/headers.ts';
import { searchIndexStep } from './src/integration/pagefind.ts';

const config = readConfig();

export default defineConfig({
  site: config.site,
  base: config.base,
  trailingSlash: 'always',
  outDir: process.env.ATLAS_OUT ?? './dist',
  build: { format: 'directory', inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  server: { host: '127.0.0.1', port: 4321 },
  // Scripts always ship as files: the Content-Security-Policy allows no inline script but the
  // hashed theme initialiser, and Astro inlines small scripts unless this limit is 0.
  vite: {
    build: { assetsInlineLimit: 0 },
    // Test and bench builds write thousands of files there; the dev server need not watch them.
    server: { watch: { ignored: ['**/tests/.out/**', '**/bench/.out/**', '**/dist/**'] } },
  },
  integrations: [
    mdx(),
    atlas({ config, afterBuild: [searchIndexStep, ({ dir }) => writeHeadersFile({ dir, base: config.base })] }),
  ],
});
