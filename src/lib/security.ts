// The Content-Security-Policy every page carries (as a <meta> tag, so it holds on any static host,
// and as a header in dist/_headers where the host supports it). The only inline script is the tiny
// theme initialiser that must run before first paint; it is allowed by its hash, nothing else is.
// The CSP is the second wall: content is sanitized before it is output (src/pipeline/sanitize.ts).
import { createHash } from 'node:crypto';

/** Sets the saved theme before the page paints, so there is no flash of the wrong theme. */
export const THEME_INIT_SCRIPT =
  "try{var t=localStorage.getItem('atlas-theme');if(t==='dark'||t==='light')document.documentElement.dataset.theme=t}catch(e){}";

const themeHash = `'sha256-${createHash('sha256').update(THEME_INIT_SCRIPT).digest('base64')}'`;

/**
 * The policy, with the external image origins the site configuration allows.
 * wasm-unsafe-eval: pagefind (search, every page) and tfjs (demos) compile WebAssembly; no eval.
 * style-src 'unsafe-inline': sigma, uPlot and Mermaid set element styles; content cannot (the
 * sanitizer removes style attributes and elements).
 */
export function contentSecurityPolicy(imageOrigins: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${themeHash} 'wasm-unsafe-eval'`,
    "style-src 'self' 'unsafe-inline'",
    ['img-src', "'self'", 'data:', 'blob:', ...imageOrigins].join(' '),
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}
