// Backend selection inside the demo worker: wasm (SIMD, single-threaded, binaries served from our
// own build) by default, webgl and cpu on request. A backend that fails to start is remembered and
// the next one in FALLBACK_ORDER is used, with a note the widget shows to the reader.
// Importing this module registers the three tfjs backends and the gradients the training loops need.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
// Vite emits the binaries as hashed assets next to the bundle and gives us their URLs (base included).
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import { BACKEND_NAMES, type BackendName, type BackendRequest } from './protocol.ts';

/** Tried in this order after the requested backend fails. */
const FALLBACK_ORDER: readonly BackendName[] = ['wasm', 'webgl', 'cpu'];

/** A backend that always fails to initialise, so the fallback path can be exercised on purpose. */
export const BROKEN_BACKEND = 'broken';

let configured = false;
const failures = new Map<string, string>();

function configure(): void {
  if (configured) return;
  configured = true;
  // The threaded build reconstructs its worker from Function.toString(), which minification breaks,
  // and it needs cross-origin isolation a static wiki cannot promise.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const absolute = (url: string): string => new URL(url, self.location.href).href;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': absolute(wasmPlainUrl),
    'tfjs-backend-wasm-simd.wasm': absolute(wasmSimdUrl),
    // Never fetched with multithreading off; the map must still name it.
    'tfjs-backend-wasm-threaded-simd.wasm': absolute(wasmSimdUrl),
  });
  tf.registerBackend(BROKEN_BACKEND, () => {
    throw new Error('this backend is broken on purpose (demo-backend=broken)');
  });
}

export interface ActiveBackend {
  readonly name: BackendName;
  /** e.g. "wasm (SIMD)" */
  readonly label: string;
  /** Set when the requested backend could not start. */
  readonly fallbackNote?: string;
}

async function tryBackend(name: string): Promise<string | null> {
  const previous = failures.get(name);
  if (previous !== undefined) return previous;
  try {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error('initialisation failed');
    await tf.ready();
    // A backend can initialise and still fail on first use (lost WebGL context, blocked wasm).
    tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)).dataSync());
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    failures.set(name, reason);
    return reason;
  }
}

function describe(name: BackendName): string {
  if (name === 'wasm') return tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'wasm (SIMD)' : 'wasm (no SIMD)';
  return name;
}

/** Switches tfjs to the requested backend, or the first working fallback. */
export async function useBackend(request: BackendRequest): Promise<ActiveBackend> {
  configure();
  const reason = await tryBackend(request);
  if (reason === null && request !== BROKEN_BACKEND) {
    const name = request as BackendName;
    return { name, label: describe(name) };
  }
  for (const name of FALLBACK_ORDER) {
    if (name === request) continue;
    if ((await tryBackend(name)) === null) {
      return {
        name,
        label: describe(name),
        fallbackNote: `The ${request} backend could not start here (${reason ?? 'unknown error'}); this run used ${describe(name)} instead.`,
      };
    }
  }
  throw new Error(`no tfjs backend could start (tried ${[request, ...BACKEND_NAMES].join(', ')})`);
}
