import { startWorker } from '../worker-thread.js';
import { planMixer } from './plan.js';
import { MixerProblemError, type MixerPlan, type MixerProblem } from './problem.js';

/** Below this many people a plan is quick enough to make in place (and a thread costs more to start). */
const WORTH_A_THREAD = 60;

export interface OffThreadRequest {
  problem: MixerProblem;
  seed: number;
  timeLimitMs: number;
  maxIterations?: number | undefined;
}

export type OffThreadAnswer = { plan: MixerPlan } | { error: { name: string; message: string } };

/**
 * `planMixer` on a worker thread, so that a server stays responsive while a big mixer is
 * planned (the search uses its whole time budget when there is common ground to gain). The
 * same plan as `planMixer` for the same problem, seed and iteration count; small problems are
 * planned in place.
 */
export async function planMixerOffThread(request: OffThreadRequest): Promise<MixerPlan> {
  const { problem, seed, timeLimitMs, maxIterations } = request;
  if (problem.people.length < WORTH_A_THREAD) return planMixer(problem, { seed, timeLimitMs, maxIterations, clock: () => performance.now() });
  const worker = startWorker(import.meta.url, 'worker', request);
  try {
    const answer = await new Promise<OffThreadAnswer>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The mixer planner stopped (code ${code}) before it answered.`)));
    });
    if ('plan' in answer) return answer.plan;
    // Errors cross threads as plain data: a problem no plan can satisfy stays one.
    if (answer.error.name === 'MixerProblemError') throw new MixerProblemError(answer.error.message);
    throw new Error(answer.error.message);
  } finally {
    await worker.terminate();
  }
}
