import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker-thread.js';
import type { PreparedEvent, ScoringTables } from './prepare.js';
import { hiddenTables, matchRange, type HiddenTables, type MatchTable } from './recommend.js';
import type { Exclusions } from './types.js';

/** Below this many people one thread is faster than starting workers. */
const WORTH_THREADS = 3000;
/** Work is handed out in this many pieces per thread, so that a slow piece does not hold up the end. */
const PIECES_PER_THREAD = 8;

export interface WorkerSetup {
  readonly tables: ScoringTables;
  readonly exclusions: HiddenTables;
  readonly top: number;
}

export interface WorkerTask {
  readonly from: number;
  readonly to: number;
}

export interface WorkerResult extends WorkerTask {
  readonly people: Int32Array;
  readonly scores: Float64Array;
}

/**
 * Everyone's best `top` matches, computed on every core: the same result as `rankEveryone`, in
 * the same order. Each worker gets a copy of the scoring tables and takes pieces of the viewers.
 */
export async function rankEveryoneInParallel(
  event: PreparedEvent,
  options: { top: number; exclusions?: Exclusions; threads?: number },
): Promise<MatchTable> {
  const { top } = options;
  const people = event.ids.length;
  const exclusions = hiddenTables(event, options.exclusions);
  const threads = Math.max(1, Math.min(options.threads ?? os.availableParallelism(), Math.ceil(people / 500)));
  if (threads === 1 || people < WORTH_THREADS) return matchRange(event.tables, exclusions, top, 0, people);

  const result: MatchTable = {
    top,
    people: new Int32Array(people * top).fill(-1),
    scores: new Float64Array(people * top),
  };
  const pieceSize = Math.ceil(people / (threads * PIECES_PER_THREAD));
  const pieces: WorkerTask[] = [];
  for (let from = 0; from < people; from += pieceSize) pieces.push({ from, to: Math.min(people, from + pieceSize) });

  const setup: WorkerSetup = { tables: event.tables, exclusions, top };
  const workers: Worker[] = [];
  try {
    for (let i = 0; i < threads; i++) workers.push(startWorker(import.meta.url, 'worker', setup));
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            let busy = false;
            const next = () => {
              const piece = pieces.shift();
              busy = piece !== undefined;
              if (piece) worker.postMessage(piece);
              else resolve();
            };
            worker.on('message', (done: WorkerResult) => {
              result.people.set(done.people, done.from * top);
              result.scores.set(done.scores, done.from * top);
              next();
            });
            worker.once('error', reject);
            worker.once('messageerror', reject);
            worker.once('exit', (code) => {
              // Only before its last answer: terminate() below ends every worker with code 1.
              if (busy) reject(new Error(`A recommendation worker stopped (code ${code}) before it finished.`));
            });
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return result;
}
