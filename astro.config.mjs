// Site configuration. Everything an author or deployer sets comes from ATLAS_* environment
// variables (see README "Configuration"); this file only wires them into Astro.
import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { readConfig } from './src/config.ts';
import { atlas } from './src/integration/atlas.ts';

const config = readConfig();

export default defineConfig({
  site: config.site,
  base: config.base,
  trailingSlash: 'always',
  outDir: process.env.ATLAS_OUT ?? './dist',
  build: { format: 'directory', inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  server: { host: '127.0.0.1', port: 4321 },
  integrations: [mdx(), atlas({ config })],
});
