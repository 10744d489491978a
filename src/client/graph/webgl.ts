// WebGL detection before sigma is imported: sigma needs a WebGL context, and without one the views
// keep their HTML fallback instead of failing.

/** True when a canvas can give a WebGL 2 or WebGL 1 context. Never throws. */
export function hasWebGL(doc: Document = document): boolean {
  try {
    const canvas = doc.createElement('canvas');
    const context = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (context === null) return false;
    // Free the context now: browsers cap live WebGL contexts per page.
    context.getExtension('WEBGL_lose_context')?.loseContext();
    return true;
  } catch {
    return false;
  }
}
