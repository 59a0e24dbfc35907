import { describe, expect, it } from 'vitest';
import { MixerProblemError, planMixer, planMixerOffThread, type MixerProblem } from '../../../src/core/mixer/index.js';

const people = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `p${i}` }));

describe('planning on a worker thread', () => {
  it('gives the plan planMixer gives for the same problem, seed and steps', async () => {
    const commonGround = [];
    for (let a = 0; a < 90; a++) for (let b = a + 1; b < 90; b += 7) commonGround.push({ a, b, weight: ((a * 31 + b * 17) % 10) / 10 });
    const problem: MixerProblem = { people: people(90), rounds: 6, tableSize: 5, commonGround, apart: [[0, 1]] };
    const request = { problem, seed: 7, timeLimitMs: 60_000, maxIterations: 3000 };
    const away = await planMixerOffThread(request);
    const here = planMixer(problem, { ...request, clock: () => performance.now() });
    expect(away.seats).toEqual(here.seats);
    expect(away.figures).toEqual(here.figures);
  });

  it('an impossible problem is still a MixerProblemError, with its message', async () => {
    const problem: MixerProblem = { people: people(70), rounds: 2, tableSize: 4, tables: 10 };
    await expect(planMixerOffThread({ problem, seed: 1, timeLimitMs: 1000 })).rejects.toThrow(MixerProblemError);
    await expect(planMixerOffThread({ problem, seed: 1, timeLimitMs: 1000 })).rejects.toThrow(/70 people.*need 18 tables.*there are 10/);
  });
});
