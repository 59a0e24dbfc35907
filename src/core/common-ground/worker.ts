// A worker thread of rankEveryoneInParallel: scores the viewers it is sent, one piece at a time.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerResult, WorkerSetup, WorkerTask } from './parallel.js';
import { matchRange } from './recommend.js';

const { tables, exclusions, top } = workerData as WorkerSetup;
parentPort?.on('message', ({ from, to }: WorkerTask) => {
  const { people, scores } = matchRange(tables, exclusions, top, from, to);
  const result: WorkerResult = { from, to, people, scores };
  parentPort?.postMessage(result, [people.buffer as ArrayBuffer, scores.buffer as ArrayBuffer]);
});
