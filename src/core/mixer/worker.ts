// A worker thread of planMixerOffThread: plans the one mixer it is given and hands the plan back.
import { parentPort, workerData } from 'node:worker_threads';
import { planInPlace, type OffThreadAnswer, type OffThreadRequest } from './off-thread.js';

let answer: OffThreadAnswer;
try {
  answer = { plan: planInPlace(workerData as OffThreadRequest) };
} catch (error) {
  answer = { error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) } };
}
parentPort?.postMessage(answer);
