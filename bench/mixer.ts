// The mixer planner's figures: for sizes from 15 to 1,000 people, repeat pairs of the plan at the
// CLI's default time limit (1 s) and at 10 s, against the bound floor((N − 1)/(k − 1)) on rounds
// free of repeats and against the greedy baseline measured in the same run. Pure repeats: no
// weights, everyone present, no pins. Then a re-plan in the middle of a mixer, with no-shows and
// late arrivals, at the app's 2 s limit, from scratch and from the previous plan.
//
// BENCH_MIXER_SEEDS (3) sets how many seeds each figure is the median of; BENCH_MIXER_LIMITS
// ("1,10") the time limits in seconds. The 10 s column takes minutes: 9 sizes × 3 seeds × 10 s.
import { greedyMixerPlan, planMixer, repeatFreeBound, type MixerPerson, type MixerPlan, type MixerProblem } from '../src/core/mixer/index.js';
import { createRandom } from '../src/core/synthetic/random.js';
import type { BenchRow } from './recommendations.js';

const SEEDS = Array.from({ length: Math.max(1, Number(process.env.BENCH_MIXER_SEEDS ?? 3)) }, (_, i) => i + 1);
const LIMITS_SECONDS = (process.env.BENCH_MIXER_LIMITS ?? '1,10').split(',').map(Number).filter((value) => value > 0);
const SIZES: ReadonlyArray<readonly [people: number, tableSize: number, rounds: number]> = [
  [15, 3, 7],
  [20, 4, 5],
  [32, 4, 8],
  [32, 4, 10],
  [60, 6, 8],
  [100, 5, 10],
  [200, 8, 6],
  [300, 6, 10],
  [1000, 10, 8],
];
/** What the app gives a re-plan during a mixer. */
const REPLAN_LIMIT_MS = 2000;

const log = (text: string) => process.stderr.write(`${text}\n`);
const clock = () => performance.now();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const secondsText = (millis: number) => `${(millis / 1000).toFixed(3)} s`;
const ofSeeds = `median of ${SEEDS.length} ${SEEDS.length === 1 ? 'seed' : 'seeds'}`;

function timed(run: () => MixerPlan): { plan: MixerPlan; millis: number } {
  const started = performance.now();
  const plan = run();
  return { plan, millis: performance.now() - started };
}

function everyone(count: number): MixerPerson[] {
  return Array.from({ length: count }, (_, p) => ({ id: `p${p}` }));
}

/** The methods of several runs, each once, in the order met. */
const methodsOf = (plans: readonly MixerPlan[]) => [...new Set(plans.map((plan) => plan.method))].join(' / ');

function benchSize(people: number, tableSize: number, rounds: number, rows: BenchRow[]): void {
  const problem: MixerProblem = { people: everyone(people), rounds, tableSize };
  const bound = repeatFreeBound(people, tableSize);
  const label = `mixer: ${people.toLocaleString('en')} people, tables of ${tableSize}, ${rounds} rounds (bound ${bound})`;
  const greedy = SEEDS.map((seed) => timed(() => greedyMixerPlan(problem, seed)));
  const greedyText =
    `greedy ${median(greedy.map(({ plan }) => plan.figures.repeatPairs))} repeats ` +
    `in ${secondsText(median(greedy.map(({ millis }) => millis)))}`;
  for (const limit of LIMITS_SECONDS) {
    log(`${label}, ${limit} s…`);
    const runs = SEEDS.map((seed) => timed(() => planMixer(problem, { seed, timeLimitMs: limit * 1000, clock })));
    const repeats = runs.map(({ plan }) => plan.figures.repeatPairs);
    rows.push({
      measure: `${label}, ${limit} s limit`,
      engine: 'core',
      value: `${median(repeats)} repeats`,
      note:
        `${secondsText(median(runs.map(({ millis }) => millis)))} (${ofSeeds}; repeats ${repeats.join(', ')}; ` +
        `max repeat ${Math.max(...runs.map(({ plan }) => plan.figures.maxRepeat))}); ${greedyText}; ${methodsOf(runs.map(({ plan }) => plan))}`,
    });
  }
}

/**
 * 300 people at tables of 6 for 10 rounds, planned at the start; after round 4, 10 people have
 * left and 5 have arrived: the rounds still to come are planned again around the 4 played ones,
 * from scratch (`fixedRounds` alone) and from the previous plan (`startFrom`, which keeps people at
 * their tables where they still fit and repairs only conflicts).
 */
function benchReplan(rows: BenchRow[]): void {
  const people = 300;
  const tableSize = 6;
  const rounds = 10;
  const played = 4;
  const late = 5;
  const label = `mixer: re-plan ${people} people, ${rounds} rounds, after round ${played}, 10 no-shows + ${late} arrivals`;
  const stay = Array.from({ length: rounds }, (_, r) => r < played);
  const arrive = stay.map((there) => !there);
  const noOne = Array.from({ length: late }, () => -1);
  const problems = SEEDS.map((seed) => {
    const first = planMixer({ people: everyone(people), rounds, tableSize }, { seed, timeLimitMs: 1000, clock });
    const leaving = new Set(createRandom(seed).sample(Array.from({ length: people }, (_, p) => p), 10));
    const problem: MixerProblem = {
      people: [
        ...everyone(people).map((person, p) => (leaving.has(p) ? { ...person, present: stay } : person)),
        ...Array.from({ length: late }, (_, i) => ({ id: `late${i}`, present: arrive })),
      ],
      rounds,
      tableSize,
      fixedRounds: first.seats.slice(0, played).map((round) => [...round, ...noOne]),
    };
    return { seed, problem, previous: first.seats.map((round) => [...round, ...noOne]) };
  });
  for (const warm of [false, true]) {
    log(`${label}${warm ? ', from the previous plan' : ''}…`);
    const runs = problems.map(({ seed, problem, previous }) => {
      const run = timed(() => planMixer(warm ? { ...problem, startFrom: previous } : problem, { seed, timeLimitMs: REPLAN_LIMIT_MS, clock }));
      // People who are there before and after but at another table in a round still to come.
      let moved = 0;
      for (let r = played; r < rounds; r++) {
        for (let p = 0; p < people; p++) if (previous[r]![p]! >= 0 && run.plan.seats[r]![p]! >= 0 && run.plan.seats[r]![p] !== previous[r]![p]) moved++;
      }
      return { ...run, moved };
    });
    const repeats = runs.map(({ plan }) => plan.figures.repeatPairs);
    rows.push({
      measure: `${label}, ${warm ? 'from the previous plan' : 'from scratch'}, ${REPLAN_LIMIT_MS / 1000} s limit`,
      engine: 'core',
      value: secondsText(median(runs.map(({ millis }) => millis))),
      note:
        `${ofSeeds}; ${median(repeats)} repeats (${repeats.join(', ')}); ` +
        `${median(runs.map(({ moved }) => moved))} seats of the ${rounds - played} rounds to come changed; ${methodsOf(runs.map(({ plan }) => plan))}`,
    });
  }
}

export function benchMixer(rows: BenchRow[]): void {
  // Compiled before anything is timed, so the first row does not carry the JIT's warm-up.
  const warmUp: MixerProblem = { people: everyone(40), rounds: 6, tableSize: 4, commonGround: [{ a: 0, b: 1, weight: 1 }] };
  greedyMixerPlan(warmUp, 1);
  planMixer(warmUp, { seed: 1, timeLimitMs: 200, clock });
  for (const [people, tableSize, rounds] of SIZES) benchSize(people, tableSize, rounds, rows);
  benchReplan(rows);
}
