/**
 * Seatings without a repeat that come from finite geometry rather than from search. Each design
 * seats u·s points at u tables of s, round after round, no two points together twice:
 *
 * - transversal (affine plane) — g a prime power, s ≤ g: points (x, y) with x among s columns
 *   and y in GF(g); in the round of slope m, (x, y) sits at table y − m·x. Two points of different
 *   columns meet in exactly one slope, two of one column never. g rounds, and one more (tables
 *   are the columns) when s = g.
 * - subspaces — GF(q)^m with tables the cosets of one d-dimensional subspace per round: two
 *   points meet in the round of W when their difference lies in W, so subspaces meeting only in
 *   0 never repeat a pair. d = 1 gives the affine geometry AG(m, q), all (q^m − 1)/(q − 1)
 *   directions; d = 2 a partial spread of lines found by a short exhaustive search.
 * - Kirkman's schoolgirls — the 35 lines of PG(3, 2) (triples a, b, a⊕b of the 15 non-zero
 *   vectors of GF(2)^4) fall into 7 classes of 5 disjoint lines: 15 people, tables of 3, 7 rounds.
 *
 * Fewer people than points: people are removed who never share a table in the rounds used (one
 * column of the transversal design, or a set found by search), so every table loses at most
 * one and sizes still differ by at most one.
 */
import { galoisField, primePower } from './galois.js';

export interface Design {
  /** For people to read, e.g. "affine plane of order 5". */
  name: string;
  /** rounds[r][person]: the table, 0..tables-1; no pair shares a table twice. */
  rounds: Int32Array[];
  tables: number;
}

/** A design before removal: seats of `points` points. */
interface RawDesign {
  name: string;
  points: number;
  rounds: Int32Array[];
  /** Points to remove first when there are fewer people (pairwise never together), if known. */
  removable?: number[];
}

const SEARCH_NODES = 200_000;

/**
 * The best design for n people at tables of at most k: u = ceil(n / k) tables of s = ceil(n / u)
 * (the sizes any plan has), as many repeat-free rounds as known up to `wanted`. Null when no
 * construction applies, or when it would give fewer than 2 rounds.
 */
export function findDesign(n: number, k: number, wanted: number): Design | null {
  if (n < 4 || k < 2 || wanted < 1) return null;
  const tables = Math.ceil(n / k);
  if (tables < 2) return null;
  const size = Math.ceil(n / tables);
  const candidates = [transversal(tables, size, wanted), subspaces(tables, size, wanted), kirkman15(tables, size)];
  let best: Design | null = null;
  for (const raw of candidates) {
    if (!raw || raw.rounds.length < 2) continue;
    // Removing people may need fewer rounds (in the last ones the removable may share a table).
    for (let rounds = Math.min(wanted, raw.rounds.length), tries = 0; rounds >= 2 && tries < 3; rounds--, tries++) {
      if (best && rounds <= best.rounds.length) break;
      const design = removePoints(raw, raw.rounds.slice(0, rounds), raw.points - n, tables);
      if (design) {
        best = design;
        break;
      }
    }
  }
  return best;
}

/** Seats after removing `remove` points that never share a table in `used`, renumbered 0..n-1; null if no such set is found. */
function removePoints(raw: RawDesign, used: Int32Array[], remove: number, tables: number): Design | null {
  if (remove === 0) return { name: raw.name, rounds: used, tables };
  const removed = independentPoints(raw, used, remove);
  if (!removed) return null;
  const gone = new Uint8Array(raw.points);
  for (const point of removed) gone[point] = 1;
  const rounds = used.map((seats) => {
    const kept = new Int32Array(raw.points - remove);
    let i = 0;
    for (let point = 0; point < raw.points; point++) if (!gone[point]) kept[i++] = seats[point]!;
    return kept;
  });
  return { name: `${raw.name}, ${remove} seat${remove === 1 ? '' : 's'} left empty`, rounds, tables };
}

/** `count` points no two of which share a table in `rounds`: the known ones, else a bounded search. */
function independentPoints(raw: RawDesign, rounds: Int32Array[], count: number): number[] | null {
  const together = (a: number, b: number) => rounds.some((seats) => seats[a] === seats[b]);
  if (raw.removable && raw.removable.length >= count) {
    const chosen = raw.removable.slice(0, count);
    if (chosen.every((a, i) => chosen.every((b, j) => i === j || !together(a, b)))) return chosen;
  }
  const chosen: number[] = [];
  let nodes = 0;
  const extend = (from: number): boolean => {
    if (chosen.length === count) return true;
    if (++nodes > SEARCH_NODES) return false;
    for (let point = from; point < raw.points && raw.points - point >= count - chosen.length; point++) {
      if (chosen.some((other) => together(point, other))) continue;
      chosen.push(point);
      if (extend(point + 1)) return true;
      chosen.pop();
    }
    return false;
  };
  return extend(0) ? chosen : null;
}

/** The affine-plane design with g = tables (a prime power) and s ≤ g columns. */
function transversal(tables: number, size: number, wanted: number): RawDesign | null {
  const g = tables;
  if (size > g) return null;
  const field = galoisField(g);
  if (!field) return null;
  const points = size * g;
  // Point j is (x = floor(j / g), y = j mod g): the last column is removed from the top first.
  const rounds: Int32Array[] = [];
  const slopes = Math.min(g, wanted);
  for (let m = 0; m < slopes; m++) {
    const seats = new Int32Array(points);
    for (let j = 0; j < points; j++) seats[j] = field.subtract(j % g, field.multiply(m, Math.floor(j / g)));
    rounds.push(seats);
  }
  if (size === g && wanted > g) {
    const seats = new Int32Array(points);
    for (let j = 0; j < points; j++) seats[j] = Math.floor(j / g);
    rounds.push(seats);
  }
  const removable = Array.from({ length: g - 1 }, (_, i) => points - 1 - i);
  return { name: `affine plane of order ${g}`, points, rounds, removable };
}

/** Cosets of subspaces of GF(q)^m: tables = q^(m−d), size = q^d, d = 1 or 2. */
function subspaces(tables: number, size: number, wanted: number): RawDesign | null {
  const power = primePower(size);
  if (!power) return null;
  for (const d of [1, 2]) {
    const q = Math.round(size ** (1 / d));
    if (q ** d !== size || !primePower(q)) continue;
    const field = galoisField(q);
    if (!field) continue;
    // tables = q^(m − d)
    let m = d;
    let cosets = 1;
    while (cosets < tables) {
      cosets *= q;
      m++;
    }
    if (cosets !== tables || m < 3) continue;
    const points = q ** m;
    if (d === 2 && points > 256) continue;
    const vectors = Array.from({ length: points }, (_, x) => {
      const out: number[] = [];
      for (let i = 0; i < m; i++) {
        out.push(x % q);
        x = Math.floor(x / q);
      }
      return out;
    });
    const index = (v: readonly number[]) => v.reduceRight((sum, c) => sum * q + c, 0);
    const scale = (c: number, v: readonly number[]) => v.map((x) => field.multiply(c, x));
    const plus = (u: readonly number[], v: readonly number[]) => u.map((x, i) => field.add(x, v[i]!));
    /** The non-zero vectors of span(basis), as indices. */
    const span = (basis: number[][]): number[] => {
      let all: number[][] = [new Array<number>(m).fill(0)];
      for (const b of basis) {
        const next: number[][] = [];
        for (const v of all) for (let c = 0; c < q; c++) next.push(plus(v, scale(c, b)));
        all = next;
      }
      return [...new Set(all.map(index))].filter((x) => x !== 0).sort((x, y) => x - y);
    };
    const chosen: number[][] = [];
    if (d === 1) {
      // Every direction once: the first non-zero coordinate of a representative is 1.
      for (let x = 1; x < points && chosen.length < wanted; x++) {
        const v = vectors[x]!;
        const lead = v.findIndex((c) => c !== 0);
        if (v[lead] === 1) chosen.push(span([v]));
      }
    } else {
      const lines = new Map<string, number[]>();
      for (let a = 1; a < points; a++) {
        for (let b = a + 1; b < points; b++) {
          const line = span([vectors[a]!, vectors[b]!]);
          if (line.length === size - 1) lines.set(line.join(','), line);
        }
      }
      const found = largestSpread([...lines.values()], points, wanted);
      chosen.push(...found);
    }
    if (chosen.length < 2) continue;
    const rounds = chosen.map((subspace) => {
      const seats = new Int32Array(points).fill(-1);
      let table = 0;
      for (let x = 0; x < points; x++) {
        if (seats[x]! >= 0) continue;
        seats[x] = table;
        for (const w of subspace) seats[index(plus(vectors[x]!, vectors[w]!))] = table;
        table++;
      }
      return seats;
    });
    const name = d === 1 ? `affine geometry AG(${m}, ${q})` : `partial spread of lines in PG(${m - 1}, ${q})`;
    return { name, points, rounds };
  }
  return null;
}

/** The most pairwise disjoint lines (up to `wanted`) a bounded depth-first search finds. */
function largestSpread(lines: number[][], points: number, wanted: number): number[][] {
  const used = new Uint8Array(points);
  const chosen: number[][] = [];
  let best: number[][] = [];
  let nodes = 0;
  const lineSize = lines[0]?.length ?? 1;
  let free = points - 1;
  const extend = (from: number) => {
    if (chosen.length > best.length) best = chosen.slice();
    if (best.length >= wanted || ++nodes > SEARCH_NODES) return;
    if (chosen.length + Math.floor(free / lineSize) <= best.length) return;
    for (let i = from; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.some((x) => used[x])) continue;
      for (const x of line) used[x] = 1;
      free -= lineSize;
      chosen.push(line);
      extend(i + 1);
      chosen.pop();
      free += lineSize;
      for (const x of line) used[x] = 0;
      if (best.length >= wanted || nodes > SEARCH_NODES) return;
    }
  };
  extend(0);
  return best;
}

/** Kirkman's 15 schoolgirls: a resolution of PG(3, 2)'s lines into 7 parallel classes, found by search. */
function kirkman15(tables: number, size: number): RawDesign | null {
  if (tables !== 5 || size !== 3) return null;
  const lines: number[][] = [];
  for (let a = 1; a < 16; a++) for (let b = a + 1; b < 16; b++) if ((a ^ b) > b) lines.push([a, b, a ^ b]);
  const lineUsed = new Uint8Array(lines.length);
  const classes: number[][][] = [];
  let current: number[][] = [];
  const covered = new Uint8Array(16);
  let nodes = 0;
  const extend = (): boolean => {
    if (++nodes > SEARCH_NODES) return false;
    if (current.length === 5) {
      classes.push(current);
      const saved = current;
      current = [];
      covered.fill(0);
      if (classes.length === 7 || extend()) return true;
      classes.pop();
      current = saved;
      covered.fill(0);
      for (const line of current) for (const x of line) covered[x] = 1;
      return false;
    }
    let first = 1;
    while (covered[first]) first++;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (lineUsed[i] || line[0] !== first || covered[line[1]!] || covered[line[2]!]) continue;
      lineUsed[i] = 1;
      for (const x of line) covered[x] = 1;
      current.push(line);
      if (extend()) return true;
      current.pop();
      for (const x of line) covered[x] = 0;
      lineUsed[i] = 0;
    }
    return false;
  };
  if (!extend()) return null;
  const rounds = classes.map((lineClass) => {
    const seats = new Int32Array(15);
    lineClass.forEach((line, table) => {
      for (const x of line) seats[x - 1] = table;
    });
    return seats;
  });
  return { name: 'Kirkman triple system of order 15', points: 15, rounds };
}
