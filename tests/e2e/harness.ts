// End-to-end test harness: build a site from a content folder (once per test run, cached on disk),
// serve the built files on 127.0.0.1 under their base path, and launch Debian's Chromium through
// playwright-core. Every e2e test file uses these three and nothing else to reach a browser.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, 'tests/.out');
/** Set by scripts/test.mjs so builds are shared by all test files of one run but never reused across runs. */
const RUN_ID = process.env['ATLAS_TEST_RUN'] ?? String(process.pid);

export interface BuildOptions {
  /** Cache key and output folder name. */
  name: string;
  /** Content folder, relative to the repository root. */
  content: string;
  base?: string;
  links?: 'error' | 'warn';
  env?: Record<string, string>;
}

export interface BuildResult {
  dist: string;
  base: string;
  code: number;
  output: string;
}

/**
 * The environment a build runs in: the user's, without what vitest adds to process.env (DEV=1,
 * MODE=test, BASE_URL…), which Astro would take for its own and build a development site.
 */
export function buildEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(DEV|PROD|MODE|SSR|BASE_URL|TEST|VITEST.*)$/.test(key)) continue;
    env[key] = value;
  }
  // vitest sets NODE_ENV=test, which would make Astro build a development bundle.
  return { ...env, NODE_ENV: 'production', ASTRO_TELEMETRY_DISABLED: '1', ...extra };
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const dir = join(OUT, options.name);
  const dist = join(dir, 'dist');
  const marker = join(dir, 'build.json');
  const base = options.base ?? '/';
  if (existsSync(marker)) {
    const cached = JSON.parse(readFileSync(marker, 'utf8')) as BuildResult & { run: string };
    if (cached.run === RUN_ID) return cached;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = buildEnv({
    ATLAS_CONTENT: join(ROOT, options.content),
    ATLAS_BASE: base,
    ATLAS_LINKS: options.links ?? 'error',
    ATLAS_OUT: dist,
    // Every test build is cold unless a test asks for the build cache (tests/e2e/incremental.test.ts).
    ATLAS_CACHE: 'off',
    ...options.env,
  });
  const { code, output } = await run(process.execPath, [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], env);
  const result: BuildResult = { dist, base, code, output };
  writeFileSync(marker, JSON.stringify({ ...result, run: RUN_ID }));
  return result;
}

/** Builds and fails loudly (with the build output) if the build did not succeed. */
export async function buildSiteOrThrow(options: BuildOptions): Promise<BuildResult> {
  const result = await buildSite(options);
  if (result.code !== 0) throw new Error(`build "${options.name}" failed (exit ${result.code}):\n${result.output.slice(-4000)}`);
  return result;
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolvePromise({ code: code ?? 1, output }));
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
  '.gexf': 'application/xml',
  '.jsonld': 'application/ld+json',
  '.woff2': 'font/woff2',
};

export interface Served {
  /** Origin plus base path, e.g. http://127.0.0.1:43121/wiki/ */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** Serves a built site the way a static host does: directories → index.html, unknown paths → 404.html. */
export async function serve(build: Pick<BuildResult, 'dist' | 'base'>, headers: Record<string, string> = {}): Promise<Served> {
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send = (status: number, file: string) => {
      res.writeHead(status, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers });
      res.end(readFileSync(file));
    };
    const notFound = join(build.dist, '404.html');
    if (!pathname.startsWith(build.base)) return existsSync(notFound) ? send(404, notFound) : (res.writeHead(404), res.end());
    const rel = pathname.slice(build.base.length);
    let file = resolve(build.dist, rel);
    if (!file.startsWith(build.dist)) return res.writeHead(403), res.end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (existsSync(file)) return send(200, file);
    return existsSync(notFound) ? send(404, notFound) : (res.writeHead(404), res.end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return { url: `${origin}${build.base}`, origin, close: () => new Promise((r) => server.close(() => r())) };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const candidates = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found) throw new Error('Chromium not found: run `npm test` (it installs Debian chromium) or set CHROMIUM_PATH');
  return found;
}

export interface LaunchChromiumOptions {
  /** false launches with WebGL disabled, for fallback tests. */
  webgl?: boolean;
  extraArgs?: string[];
}

export function launchChromium(options: LaunchChromiumOptions = {}): Promise<Browser> {
  const args = [...CHROMIUM_ARGS, ...(options.webgl === false ? ['--disable-webgl', '--disable-3d-apis'] : []), ...(options.extraArgs ?? [])];
  const launch: LaunchOptions = { executablePath: chromiumPath(), args, timeout: 30_000 };
  return chromium.launch(launch);
}
