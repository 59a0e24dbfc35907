import { startWorker } from '../worker-thread.js';
import { greedyMixerPlan, planMixer } from './plan.js';
import { MixerProblemError, type MixerPlan, type MixerProblem } from './problem.js';

/** Below this many people a plan is quick enough to make in place (and a thread costs more to start). */
const WORTH_A_THREAD = 60;

export interface OffThreadRequest {
  problem: MixerProblem;
  seed: number;
  timeLimitMs: number;
  maxIterations?: number | undefined;
  /** The round-by-round greedy baseline (`greedyMixerPlan`) instead of the search. */
  greedy?: boolean | undefined;
}

export type OffThreadAnswer = { plan: MixerPlan } | { error: { name: string; message: string } };

/** What a worker of this file does with a request, on whichever thread it runs. */
export function planInPlace({ problem, seed, timeLimitMs, maxIterations, greedy }: OffThreadRequest): MixerPlan {
  if (greedy) return greedyMixerPlan(problem, seed);
  return planMixer(problem, { seed, timeLimitMs, maxIterations, clock: () => performance.now() });
}

/**
 * `planMixer` on a worker thread, so that a server stays responsive while a big mixer is
 * planned (the search uses its whole time budget when there is common ground to gain). The
 * same plan as `planMixer` for the same problem, seed and iteration count; small problems are
 * planned in place.
 */
export async function planMixerOffThread(request: OffThreadRequest): Promise<MixerPlan> {
  if (request.problem.people.length < WORTH_A_THREAD) return planInPlace(request);
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

/**
 * `greedyMixerPlan` on a worker thread for a big problem (for 2,000 people it takes a few hundred
 * milliseconds, which a server should not spend on its own thread); in place for a small one.
 */
export function greedyMixerPlanOffThread(problem: MixerProblem, seed: number): Promise<MixerPlan> {
  return planMixerOffThread({ problem, seed, timeLimitMs: 0, greedy: true });
}
