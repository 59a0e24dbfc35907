import { describe, expect, it } from 'vitest';
import { greedyMixerPlan, greedyMixerPlanOffThread, MixerProblemError, planMixer, planMixerOffThread, type MixerProblem } from '../../../src/core/mixer/index.js';

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

  it('gives the greedy baseline greedyMixerPlan gives, on a thread for a big problem and in place for a small one', async () => {
    for (const count of [90, 12]) {
      const problem: MixerProblem = { people: people(count), rounds: 4, tableSize: 4, apart: [[0, 1]], commonGround: [{ a: 2, b: 3, weight: 1 }] };
      const away = await greedyMixerPlanOffThread(problem, 5);
      const here = greedyMixerPlan(problem, 5);
      expect(away.seats).toEqual(here.seats);
      expect(away.figures).toEqual(here.figures);
      expect(away.method).toBe('round-by-round greedy');
    }
    await expect(greedyMixerPlanOffThread({ people: people(70), rounds: 2, tableSize: 4, tables: 10 }, 1)).rejects.toThrow(MixerProblemError);
  });

  it('an impossible problem is still a MixerProblemError, with its message', async () => {
    const problem: MixerProblem = { people: people(70), rounds: 2, tableSize: 4, tables: 10 };
    await expect(planMixerOffThread({ problem, seed: 1, timeLimitMs: 1000 })).rejects.toThrow(MixerProblemError);
    await expect(planMixerOffThread({ problem, seed: 1, timeLimitMs: 1000 })).rejects.toThrow(/70 people.*need 18 tables.*there are 10/);
  });
});
