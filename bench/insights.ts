// The who-met-whom picture's layout for 100, 300 and 500 people: a synthetic evening (a mixer of
// tables of six for two rounds among 60% of the room, then one meeting or scan per person on
// average, 10% who met nobody), laid out as the server does (default steps, seeded), then drawn
// as SVG. Medians of RUNS after one warm-up; pure code, no database.
import { performance } from 'node:perf_hooks';
import { pictureSvg, placePicture } from '../src/core/insights/picture.js';
import { whoMetWhom, type InsightsEncounter, type InsightsMember } from '../src/core/insights/who-met-whom.js';
import { createRandom } from '../src/core/synthetic/random.js';
import type { BenchRow } from './recommendations.js';

const SIZES = [100, 300, 500];
const RUNS = 7;

const log = (text: string) => process.stderr.write(`${text}\n`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function syntheticEvening(size: number, seed: number) {
  const random = createRandom(seed);
  const members: InsightsMember[] = Array.from({ length: size }, (_, i) => ({
    id: `person-${String(i).padStart(5, '0')}`,
    name: `Person ${i + 1}`,
    role: i === 0 ? 'organizer' : 'attendee',
    named: random.chance(0.7),
    interests: [],
  }));
  const encounters: InsightsEncounter[] = [];
  const mixing = members.slice(0, Math.floor(size * 0.6));
  for (let round = 0; round < 2; round++) {
    const order = random.shuffle(mixing);
    for (let start = 0; start < order.length; start += 6) {
      const table = order.slice(start, start + 6);
      for (let i = 0; i < table.length; i++) for (let j = i + 1; j < table.length; j++) encounters.push({ a: table[i]!.id, b: table[j]!.id, way: 'mixer', metAt: round });
    }
  }
  const mingling = members.slice(0, Math.floor(size * 0.9));
  for (let i = 0; i < size; i++) {
    const [a, b] = [random.pick(mingling), random.pick(mingling)];
    if (a !== b) encounters.push({ a: a.id, b: b.id, way: random.chance(0.5) ? 'meeting' : 'scan', metAt: 5 });
  }
  return { members, encounters };
}

export function benchInsights(rows: BenchRow[]): void {
  for (const size of SIZES) {
    log(`insights picture, ${size} people…`);
    const { members, encounters } = syntheticEvening(size, size);
    const picture = whoMetWhom(members, encounters);
    const layout = () => placePicture(picture, { seed: 1 });
    layout();
    const layouts: number[] = [];
    const drawings: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const placed = layout();
      const laidOut = performance.now();
      pictureSvg(placed, { title: 'Bench' });
      drawings.push(performance.now() - laidOut);
      layouts.push(laidOut - started);
    }
    const note = `${picture.links.length} pairs, median of ${RUNS}`;
    rows.push({ measure: `insights picture layout, ${size} people`, engine: 'core', value: `${median(layouts).toFixed(0)} ms`, note });
    rows.push({ measure: `insights picture as SVG, ${size} people`, engine: 'core', value: `${median(drawings).toFixed(1)} ms`, note });
  }
}
