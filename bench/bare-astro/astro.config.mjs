// The baseline for bench/build.mjs: a bare Astro content-collection build of the same corpus
// (glob loader + one page per entry), with none of the wiki's pipeline.
import { defineConfig } from 'astro/config';

export default defineConfig({
  outDir: process.env.BARE_OUT ?? './dist',
  devToolbar: { enabled: false },
});
