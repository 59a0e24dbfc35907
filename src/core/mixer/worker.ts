// A worker thread of planMixerOffThread: plans the one mixer it is given and hands the plan back.
import { parentPort, workerData } from 'node:worker_threads';
import { planMixer } from './plan.js';
import type { OffThreadRequest, OffThreadAnswer } from './off-thread.js';

const { problem, seed, timeLimitMs, maxIterations } = workerData as OffThreadRequest;
let answer: OffThreadAnswer;
try {
  answer = { plan: planMixer(problem, { seed, timeLimitMs, maxIterations, clock: () => performance.now() }) };
} catch (error) {
  answer = { error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) } };
}
parentPort?.postMessage(answer);
