// Messages between a demo widget (main thread) and the demo worker, and the shapes both sides share.
// Plain data only: everything crosses postMessage by structured clone.
import type { DemoName } from '../names.ts';

export const BACKEND_NAMES = ['wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
/** What a widget may ask for; `broken` always fails, to exercise the fallback. */
export type BackendRequest = BackendName | 'broken';

export function isBackendRequest(value: string): value is BackendRequest {
  return value === 'broken' || (BACKEND_NAMES as readonly string[]).includes(value);
}

/** The cost side of every result row, measured on the reader's device. */
export interface Cost {
  /** Weights and biases of the model as built. */
  readonly params: number;
  /** Parameters that are not exactly zero. */
  readonly nonzeroParams: number;
  /** Bytes to store the model in the format the row describes. */
  readonly bytes: number;
  /** Median wall time of one forward pass over LATENCY_BATCH inputs. */
  readonly latencyMs: number;
}

export interface BackendInfo {
  readonly name: BackendName;
  readonly label: string;
  readonly fallbackNote?: string;
}

export interface RunRequest {
  readonly type: 'run';
  readonly runId: number;
  readonly demo: DemoName;
  readonly backend: BackendRequest;
  readonly settings: unknown;
}

export type WorkerRequest = RunRequest;

export type WorkerMessage =
  | { readonly type: 'backend'; readonly runId: number; readonly backend: BackendInfo }
  | { readonly type: 'progress'; readonly runId: number; readonly fraction: number; readonly message: string; readonly partial?: unknown }
  | { readonly type: 'done'; readonly runId: number; readonly result: unknown; readonly elapsedMs: number }
  | { readonly type: 'error'; readonly runId: number; readonly message: string };

/** Progress callback handed to every demo model; `partial` lets a chart grow while training runs. */
export type Progress = (fraction: number, message: string, partial?: unknown) => void | Promise<void>;
