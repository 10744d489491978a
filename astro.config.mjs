// Astro configuration: wiring only. Where the site is built and served comes from ATLAS_*
// environment variables (src/config/deployConfig.ts); what the site is comes from the vault's own
// atlas.yaml (src/config/siteConfig.ts), read with the content. See README "Configuration".
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { readDeployConfig } from './src/config/deployConfig.ts';
import { atlas } from './src/integration/atlas.ts';
import { writeHeadersFile } from './src/integration/headers.ts';
import { writeNotFoundPage } from './src/integration/notFound.ts';
import { writeRedirectPages } from './src/integration/redirects.ts';
import { writeLocalGraphs } from './src/integration/localGraphs.ts';

let deploy;
try {
  deploy = readDeployConfig();
} catch (error) {
  // A mistyped variable is the deployer's to fix: say which, without a stack trace.
  console.error(`Configuration error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

export default defineConfig({
  site: deploy.site,
  base: deploy.base,
  trailingSlash: 'always',
  outDir: deploy.outDir,
  // Several pages in flight: writing a page waits on the disk more than rendering it takes.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 8 },
  devToolbar: { enabled: false },
  server: { host: '127.0.0.1', port: 4321 },
  // Scripts always ship as files: the Content-Security-Policy allows no inline script but the
  // hashed theme initialiser, and Astro inlines small scripts unless this limit is 0.
  vite: {
    // The integration clears the output folder itself, keeping the pages a warm build need not
    // write again (src/lib/pagePlan.ts).
    build: { assetsInlineLimit: 0, emptyOutDir: false },
    // Test and bench builds write thousands of files there; the dev server need not watch them.
    server: { watch: { ignored: ['**/tests/.out/**', '**/bench/.out/**', '**/dist/**', '**/scratch/**'] } },
  },
  integrations: [mdx(), atlas({ deploy, afterBuild: [writeNotFoundPage, writeRedirectPages, writeLocalGraphs, writeHeadersFile] })],
});
