// The demo worker: one module worker shared by every demo on the site, so the browser caches a
// single tfjs bundle. It switches tfjs to the requested backend (falling back with a note), runs the
// demo's model code and streams progress; the page stays responsive because none of this runs on
// the main thread. Cancelling is done by the page terminating the worker.
import { useBackend } from './shared/backend.ts';
import type { Progress, RunRequest, WorkerMessage, WorkerRequest } from './shared/protocol.ts';
import type { DemoName } from './names.ts';
import { runDistillation } from './distillation/model.ts';
import { runEarlyStopping } from './early-stopping/model.ts';
import { runFairness } from './fairness/model.ts';
import { runPrecisionRecall } from './precision-recall/model.ts';
import { runPruning } from './pruning/model.ts';
import { runQuantization } from './quantization/model.ts';
import { runTradeoff } from './tradeoff/model.ts';
import { runBatchSize } from './batch-size/model.ts';
import { runEarlyExit } from './early-exit/model.ts';
import { runLowRank } from './low-rank/model.ts';

type Runner = (settings: never, progress: Progress) => Promise<unknown>;

/** Settings arrive as structured-clone data from our own widget, typed by the demo's ui module. */
const RUNNERS: Record<DemoName, Runner> = {
  pruning: runPruning,
  quantization: runQuantization,
  distillation: runDistillation,
  'early-stopping': runEarlyStopping,
  'precision-recall': runPrecisionRecall,
  fairness: runFairness,
  tradeoff: runTradeoff,
  'batch-size': runBatchSize,
  'early-exit': runEarlyExit,
  'low-rank': runLowRank,
};

const scope = self as unknown as { postMessage(message: WorkerMessage): void; onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null };

let queue: Promise<void> = Promise.resolve();

async function run(request: RunRequest): Promise<void> {
  const { runId } = request;
  try {
    const runner = RUNNERS[request.demo];
    const backend = await useBackend(request.backend);
    scope.postMessage({ type: 'backend', runId, backend });
    const started = performance.now();
    const result = await runner(request.settings as never, (fraction, message, partial) => {
      scope.postMessage({ type: 'progress', runId, fraction, message, ...(partial === undefined ? {} : { partial }) });
    });
    scope.postMessage({ type: 'done', runId, result, elapsedMs: performance.now() - started });
  } catch (error) {
    scope.postMessage({ type: 'error', runId, message: error instanceof Error ? error.message : String(error) });
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'run') queue = queue.then(() => run(request));
};
