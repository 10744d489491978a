// Main-thread side of the demo worker: starts it on first use, sends one run at a time and turns its
// messages into a promise plus progress callbacks. Cancelling a run terminates the worker outright (a
// training step cannot be interrupted from outside), and the next run starts a fresh one; an idle
// worker is kept, with tfjs and its wasm compiled, until the widget is disposed.
import type { DemoName } from '../names.ts';
import type { BackendInfo, BackendRequest, RunRequest, WorkerMessage } from './protocol.ts';

export class RunCancelled extends Error {
  constructor() {
    super('run cancelled');
    this.name = 'RunCancelled';
  }
}

export interface RunCallbacks {
  onBackend?(backend: BackendInfo): void;
  onProgress?(fraction: number, message: string, partial: unknown): void;
}

export interface RunOutcome<R> {
  readonly result: R;
  readonly backend: BackendInfo;
  readonly elapsedMs: number;
}

interface Pending {
  readonly runId: number;
  readonly callbacks: RunCallbacks;
  backend?: BackendInfo;
  resolve(outcome: RunOutcome<unknown>): void;
  reject(error: Error): void;
}

export class DemoWorkerClient {
  #worker: Worker | null = null;
  #pending: Pending | null = null;
  #nextRunId = 1;

  #start(): Worker {
    // Vite bundles the worker (and tfjs with it) into its own file from this literal URL.
    const worker = new Worker(new URL('../worker.ts', import.meta.url), { type: 'module', name: 'atlas-demo' });
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => this.#receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.#stop(new Error(`the demo worker failed: ${event.message || 'could not load'}`));
    };
    return worker;
  }

  #receive(message: WorkerMessage): void {
    const pending = this.#pending;
    if (!pending || message.runId !== pending.runId) return;
    switch (message.type) {
      case 'backend':
        pending.backend = message.backend;
        pending.callbacks.onBackend?.(message.backend);
        break;
      case 'progress':
        pending.callbacks.onProgress?.(message.fraction, message.message, message.partial);
        break;
      case 'done':
        this.#pending = null;
        if (!pending.backend) return pending.reject(new Error('worker: finished without reporting a backend'));
        pending.resolve({ result: message.result, backend: pending.backend, elapsedMs: message.elapsedMs });
        break;
      case 'error':
        this.#pending = null;
        pending.reject(new Error(message.message));
        break;
    }
  }

  /** Terminates the worker and rejects the pending run, if any, with `error`. */
  #stop(error: Error): void {
    const pending = this.#pending;
    this.#pending = null;
    this.#worker?.terminate();
    this.#worker = null;
    pending?.reject(error);
  }

  get running(): boolean {
    return this.#pending !== null;
  }

  run<R>(demo: DemoName, backend: BackendRequest, settings: unknown, callbacks: RunCallbacks = {}): Promise<RunOutcome<R>> {
    if (this.#pending) return Promise.reject(new Error('a run is already in progress'));
    this.#worker ??= this.#start();
    const runId = this.#nextRunId++;
    const request: RunRequest = { type: 'run', runId, demo, backend, settings };
    return new Promise<RunOutcome<R>>((resolve, reject) => {
      this.#pending = { runId, callbacks, resolve: resolve as (o: RunOutcome<unknown>) => void, reject };
      this.#worker!.postMessage(request);
    });
  }

  /** Whether a worker is alive (idle or running). */
  get started(): boolean {
    return this.#worker !== null;
  }

  /** Stops the current run at once; the promise it returned rejects with RunCancelled. Idle: nothing to do. */
  cancel(): void {
    if (this.#pending) this.#stop(new RunCancelled());
  }

  /** Ends any run and terminates the worker, idle or not. */
  dispose(): void {
    this.#stop(new RunCancelled());
  }
}
