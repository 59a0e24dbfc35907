/**
 * A force-directed layout of the who-met-whom picture, fast and readable for a few hundred
 * people: each group of people linked by encounters is laid out on its own (springs along links,
 * repulsion from near neighbours found on a grid, a pull to the group's middle), overlaps are
 * then pushed apart, the groups are packed in rows, biggest first, and the people who met nobody
 * are set in a block underneath rather than flung to the edges. Pure and seeded: the same input
 * and seed always give the same positions.
 */
import { createRandom, deriveSeed, type Random } from '../synthetic/random.js';

export interface LayoutLink {
  a: number;
  b: number;
  /** How strongly the two pull together, from 1 (met once); default 1. */
  weight?: number;
}

export interface LayoutOptions {
  seed: number;
  /** Steps of the force simulation per group; default 300. */
  iterations?: number;
  /** The least space between two circles; default 6. */
  gap?: number;
  /** Room above the block of people who met nobody, for its caption; default 0. */
  captionRoom?: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PictureLayout {
  /** Centres; every circle (centre ± radius) lies within [0, width] × [0, height]. */
  x: number[];
  y: number[];
  width: number;
  height: number;
  /** The block of people who met nobody (its caption room included), or null when there are none. */
  loners: Box | null;
}

export const DEFAULT_ITERATIONS = 200;
const OVERLAP_PASSES = 60;

/** Groups of people linked by encounters, each in index order, ordered by their first person. */
export function groupsOf(count: number, links: readonly LayoutLink[]): number[][] {
  const parent = Array.from({ length: count }, (_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[i] !== root) {
      const next = parent[i]!;
      parent[i] = root;
      i = next;
    }
    return root;
  };
  for (const { a, b } of links) {
    if (!isIndex(a, count) || !isIndex(b, count) || a === b) continue;
    const [x, y] = [find(a), find(b)];
    if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  }
  return [...groups.values()];
}

function isIndex(value: number, count: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < count;
}

/**
 * Calls `visit(i, j)` once for each pair i < j of points in the same or neighbouring cells of a
 * grid of side `cell`: every pair closer than `cell` is among them. The cells are a counting sort
 * into flat arrays, remade at each call (points move between calls).
 */
function forEachNearPair(cell: number, x: Float64Array, y: Float64Array, visit: (i: number, j: number) => void) {
  const count = x.length;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < count; i++) {
    minX = Math.min(minX, x[i]!);
    maxX = Math.max(maxX, x[i]!);
    minY = Math.min(minY, y[i]!);
    maxY = Math.max(maxY, y[i]!);
  }
  // Far-flung points would make too many cells: coarser cells then, which only visit more pairs.
  let side = cell;
  while (((maxX - minX) / side + 1) * ((maxY - minY) / side + 1) > 4 * count + 64) side *= 2;
  const columns = Math.floor((maxX - minX) / side) + 1;
  const rows = Math.floor((maxY - minY) / side) + 1;
  const cellOf = new Int32Array(count);
  const starts = new Int32Array(columns * rows + 1);
  for (let i = 0; i < count; i++) {
    const c = Math.floor((x[i]! - minX) / side) * rows + Math.floor((y[i]! - minY) / side);
    cellOf[i] = c;
    starts[c + 1]!++;
  }
  for (let c = 0; c < columns * rows; c++) starts[c + 1]! += starts[c]!;
  const members = new Int32Array(count);
  const filled = starts.slice(0, columns * rows);
  for (let i = 0; i < count; i++) members[filled[cellOf[i]!]!++] = i;
  for (let column = 0; column < columns; column++) {
    for (let row = 0; row < rows; row++) {
      const c = column * rows + row;
      const [from, to] = [starts[c]!, starts[c + 1]!];
      if (from === to) continue;
      for (let s = from; s < to; s++) for (let t = s + 1; t < to; t++) visit(members[s]!, members[t]!);
      // Half of the neighbours, so that each pair of cells is visited once.
      for (let k = 0; k < 4; k++) {
        const otherColumn = column + (k === 3 ? 0 : 1);
        const otherRow = row + (k === 0 ? -1 : k === 1 ? 0 : 1);
        if (otherColumn >= columns || otherRow < 0 || otherRow >= rows) continue;
        const o = otherColumn * rows + otherRow;
        for (let s = from; s < to; s++) for (let t = starts[o]!; t < starts[o + 1]!; t++) visit(members[s]!, members[t]!);
      }
    }
  }
}

/** Lays out one group (local indices 0..m-1); returns centres around the origin. */
function layOutGroup(
  radii: Float64Array,
  links: readonly { a: number; b: number; weight: number }[],
  random: Random,
  iterations: number,
  gap: number,
): { x: Float64Array; y: Float64Array } {
  const m = radii.length;
  const x = new Float64Array(m);
  const y = new Float64Array(m);
  let meanRadius = 0;
  for (const r of radii) meanRadius += r / m;
  const ideal = 2 * meanRadius + 5 * gap;
  const spread = ideal * Math.sqrt(m) * 0.6;
  for (let i = 0; i < m; i++) {
    const angle = random.next() * 2 * Math.PI;
    const distance = spread * Math.sqrt(random.next());
    x[i] = Math.cos(angle) * distance;
    y[i] = Math.sin(angle) * distance;
  }
  if (m === 1) return { x, y };
  const dx = new Float64Array(m);
  const dy = new Float64Array(m);
  const cutoff = 2 * ideal;
  const gravity = 0.05;
  const start = spread * 0.5;
  const end = ideal * 0.02;
  for (let step = 0; step < iterations; step++) {
    dx.fill(0);
    dy.fill(0);
    forEachNearPair(cutoff, x, y, (i, j) => {
      let ex = x[i]! - x[j]!;
      let ey = y[i]! - y[j]!;
      let d = Math.sqrt(ex * ex + ey * ey);
      if (d >= cutoff) return;
      if (d < 1e-6) {
        const angle = random.next() * 2 * Math.PI;
        ex = Math.cos(angle);
        ey = Math.sin(angle);
        d = 1e-6;
      } else {
        ex /= d;
        ey /= d;
      }
      const touching = radii[i]! + radii[j]! + gap;
      let force = (ideal * ideal) / Math.max(d, 1);
      if (d < touching) force += (touching - d) * 4;
      dx[i]! += ex * force;
      dy[i]! += ey * force;
      dx[j]! -= ex * force;
      dy[j]! -= ey * force;
    });
    for (const { a, b, weight } of links) {
      const ex = x[a]! - x[b]!;
      const ey = y[a]! - y[b]!;
      const d = Math.sqrt(ex * ex + ey * ey);
      if (d < 1e-9) continue;
      const force = ((d * d) / ideal) * weight;
      dx[a]! -= (ex / d) * force;
      dy[a]! -= (ey / d) * force;
      dx[b]! += (ex / d) * force;
      dy[b]! += (ey / d) * force;
    }
    const temperature = start * Math.pow(end / start, step / Math.max(1, iterations - 1));
    for (let i = 0; i < m; i++) {
      const fx = dx[i]! - gravity * x[i]!;
      const fy = dy[i]! - gravity * y[i]!;
      const length = Math.sqrt(fx * fx + fy * fy);
      if (length < 1e-9) continue;
      const move = Math.min(length, temperature);
      x[i]! += (fx / length) * move;
      y[i]! += (fy / length) * move;
    }
  }
  pushApart(radii, x, y, gap, random);
  return { x, y };
}

/** Moves overlapping circles apart until none overlaps (or enough passes were made). */
function pushApart(radii: Float64Array, x: Float64Array, y: Float64Array, gap: number, random: Random) {
  let largest = 0;
  for (const r of radii) largest = Math.max(largest, r);
  for (let pass = 0; pass < OVERLAP_PASSES; pass++) {
    let moved = false;
    forEachNearPair(2 * largest + gap, x, y, (i, j) => {
      const need = radii[i]! + radii[j]! + gap * 0.5;
      let ex = x[i]! - x[j]!;
      let ey = y[i]! - y[j]!;
      let d = Math.sqrt(ex * ex + ey * ey);
      if (d >= need) return;
      if (d < 1e-6) {
        const angle = random.next() * 2 * Math.PI;
        ex = Math.cos(angle);
        ey = Math.sin(angle);
        d = 0;
      } else {
        ex /= d;
        ey /= d;
      }
      const half = (need - d) / 2 + 0.01;
      x[i]! += ex * half;
      y[i]! += ey * half;
      x[j]! -= ex * half;
      y[j]! -= ey * half;
      moved = true;
    });
    if (!moved) return;
  }
}

/**
 * Positions for people of the given radii, linked as given. Links naming an index out of range,
 * or a person with themselves, are ignored; radii that are not positive finite numbers count as 1.
 */
export function layOutPicture(radiiIn: readonly number[], linksIn: readonly LayoutLink[], options: LayoutOptions): PictureLayout {
  const count = radiiIn.length;
  const radii = Float64Array.from(radiiIn, (r) => (Number.isFinite(r) && r > 0 ? r : 1));
  const gap = options.gap !== undefined && Number.isFinite(options.gap) && options.gap >= 0 ? options.gap : 6;
  const iterations = Math.max(0, Math.min(5000, Math.floor(options.iterations ?? DEFAULT_ITERATIONS)));
  const captionRoom = Math.max(0, options.captionRoom ?? 0);
  const links = linksIn.filter((l) => isIndex(l.a, count) && isIndex(l.b, count) && l.a !== l.b);
  const x = new Array<number>(count).fill(0);
  const y = new Array<number>(count).fill(0);

  const groups = groupsOf(count, links);
  const linked = groups.filter((g) => g.length > 1);
  const loners = groups.filter((g) => g.length === 1).map((g) => g[0]!);
  const groupOf = new Int32Array(count);
  const localIndex = new Int32Array(count);
  linked.forEach((group, g) => group.forEach((person, i) => ((groupOf[person] = g), (localIndex[person] = i))));
  const linksOf = linked.map(() => [] as { a: number; b: number; weight: number }[]);
  const degree = new Int32Array(count);
  for (const link of links) {
    degree[link.a]!++;
    degree[link.b]!++;
  }
  for (const link of links) {
    // Well-connected people pull less per link, so that a crowd of them does not collapse.
    const hub = Math.sqrt(Math.max(degree[link.a]!, degree[link.b]!));
    const weight = (1 + 0.5 * Math.log2(Math.max(1, Number.isFinite(link.weight) ? link.weight! : 1))) / hub;
    linksOf[groupOf[link.a]!]!.push({ a: localIndex[link.a]!, b: localIndex[link.b]!, weight });
  }

  // Each group laid out, then framed by its bounding box with half a gap around.
  const boxes = linked.map((group, g) => {
    const local = Float64Array.from(group, (person) => radii[person]!);
    const placed = layOutGroup(local, linksOf[g]!, createRandom(deriveSeed(options.seed, g)), iterations, gap);
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    group.forEach((_, i) => {
      minX = Math.min(minX, placed.x[i]! - local[i]!);
      maxX = Math.max(maxX, placed.x[i]! + local[i]!);
      minY = Math.min(minY, placed.y[i]! - local[i]!);
      maxY = Math.max(maxY, placed.y[i]! + local[i]!);
    });
    return { group, placed, minX, minY, width: maxX - minX + gap, height: maxY - minY + gap };
  });

  // Shelves: biggest groups first, rows about as wide as the whole is tall.
  const order = boxes.map((_, g) => g).sort((p, q) => boxes[q]!.width * boxes[q]!.height - boxes[p]!.width * boxes[p]!.height || p - q);
  const area = boxes.reduce((sum, box) => sum + box.width * box.height, 0);
  const widest = boxes.reduce((most, box) => Math.max(most, box.width), 0);
  const rowWidth = Math.max(widest, Math.sqrt(area) * 1.3);
  let [cursorX, cursorY, rowHeight, usedWidth] = [0, 0, 0, 0];
  for (const g of order) {
    const box = boxes[g]!;
    if (cursorX > 0 && cursorX + box.width > rowWidth) {
      cursorY += rowHeight;
      cursorX = 0;
      rowHeight = 0;
    }
    box.group.forEach((person, i) => {
      x[person] = cursorX + gap / 2 + (box.placed.x[i]! - box.minX);
      y[person] = cursorY + gap / 2 + (box.placed.y[i]! - box.minY);
    });
    cursorX += box.width;
    usedWidth = Math.max(usedWidth, cursorX);
    rowHeight = Math.max(rowHeight, box.height);
  }
  const linkedHeight = cursorY + rowHeight;

  let lonerBox: Box | null = null;
  let width = usedWidth;
  let height = linkedHeight;
  if (loners.length > 0) {
    const largest = loners.reduce((most, person) => Math.max(most, radii[person]!), 0);
    const cell = 2 * largest + gap;
    const columns = Math.max(1, usedWidth > 0 ? Math.floor(usedWidth / cell) : Math.ceil(Math.sqrt(loners.length * 2)));
    const top = linkedHeight + (linkedHeight > 0 ? gap * 2 : 0);
    loners.forEach((person, i) => {
      x[person] = (i % columns) * cell + cell / 2;
      y[person] = top + captionRoom + Math.floor(i / columns) * cell + cell / 2;
    });
    const rows = Math.ceil(loners.length / columns);
    lonerBox = { x: 0, y: top, width: Math.min(columns, loners.length) * cell, height: captionRoom + rows * cell };
    width = Math.max(width, lonerBox.width);
    height = top + lonerBox.height;
  }
  return { x, y, width: Math.max(width, 1), height: Math.max(height, 1), loners: lonerBox };
}

/** A layout seed from a text (an event's id, say), so that the same event is always drawn the same way. */
export function seedFrom(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
