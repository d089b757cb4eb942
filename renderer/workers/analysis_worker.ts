/**
 * The analysis worker (a module worker): runs accessibility analyses and siting optimisations off the
 * UI thread, posting progress and the result. It keeps the prepared walking network between runs.
 */
import { isInputError } from '../../shared/errors';
import { analysisTransferables, runAnalysisTask } from './analysis_task';
import { WorkerMemory } from './worker_memory';
import { runOptimizeTask } from './optimize_task';
import { toWorkerError, type RunMessage, type WorkerMessage } from './worker_protocol';

/** The parts of DedicatedWorkerGlobalScope used here (the renderer's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: WorkerMessage, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<RunMessage>) => void) | null;
}
const scope = self as unknown as WorkerScope;

/** Progress is posted at most every PROGRESS_MS or per whole percent, whichever comes later. */
const PROGRESS_MS = 80;

const memory = new WorkerMemory();

function progressReporter(id: number): (fraction: number) => void {
  let lastAt = 0;
  let lastFraction = -1;
  return (fraction) => {
    const at = performance.now();
    if (fraction < 1 && (at - lastAt < PROGRESS_MS || fraction - lastFraction < 0.01)) return;
    lastAt = at;
    lastFraction = fraction;
    scope.postMessage({ type: 'progress', id, fraction });
  };
}

async function run(message: RunMessage): Promise<void> {
  const { id } = message;
  const control = { onProgress: progressReporter(id) };
  try {
    if (message.task === 'analysis') {
      const result = runAnalysisTask(message.input, memory, control);
      scope.postMessage({ type: 'result', id, result }, analysisTransferables(result));
    } else {
      const result = await runOptimizeTask(message.input, memory, control);
      scope.postMessage({ type: 'result', id, result });
    }
  } catch (error) {
    if (!isInputError(error)) console.error(error);
    scope.postMessage({ type: 'error', id, error: toWorkerError(error) });
  }
}

scope.onmessage = (event) => {
  void run(event.data);
};
