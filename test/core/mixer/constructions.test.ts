import { describe, expect, it } from 'vitest';
import { findDesign } from '../../../src/core/mixer/constructions.js';
import { galoisField, primePower } from '../../../src/core/mixer/galois.js';

/** What is wrong with a design, from its seats alone: every table used, sizes within one of each other, no pair twice. */
function designFaults(n: number, k: number, rounds: Int32Array[], tables: number): string[] {
  const faults: string[] = [];
  if (tables !== Math.ceil(n / k)) faults.push(`${tables} tables for ${n} at tables of ${k}`);
  const seen = new Set<number>();
  rounds.forEach((seats, r) => {
    if (seats.length !== n) faults.push(`round ${r} seats ${seats.length}`);
    const at: number[][] = Array.from({ length: tables }, () => []);
    for (let p = 0; p < n; p++) {
      if (!(seats[p]! >= 0 && seats[p]! < tables)) faults.push(`round ${r}: person ${p} at table ${seats[p]}`);
      else at[seats[p]!]!.push(p);
    }
    const sizes = at.map((people) => people.length);
    if (Math.max(...sizes) > k || Math.max(...sizes) - Math.min(...sizes) > 1) faults.push(`round ${r}: sizes ${sizes.join(',')}`);
    for (const people of at) {
      for (let i = 0; i < people.length; i++) {
        for (let j = i + 1; j < people.length; j++) {
          const key = people[i]! * n + people[j]!;
          if (seen.has(key)) faults.push(`round ${r}: ${people[i]} and ${people[j]} again`);
          seen.add(key);
        }
      }
    }
  });
  return faults;
}

function checkDesign(n: number, k: number, rounds: Int32Array[], tables: number) {
  expect(designFaults(n, k, rounds, tables)).toEqual([]);
}

describe('finite fields', () => {
  it('recognises prime powers', () => {
    expect([2, 3, 4, 5, 7, 8, 9, 16, 25, 27, 32, 49, 121, 128].map((q) => primePower(q) !== null)).toEqual(Array(14).fill(true));
    expect([1, 6, 10, 12, 15, 18, 20, 100].map((q) => primePower(q))).toEqual(Array(8).fill(null));
  });

  it.each([4, 8, 9, 16, 25, 27])('GF(%i) is a field: every non-zero element has an inverse, multiplication distributes', (q) => {
    const field = galoisField(q)!;
    for (let x = 1; x < q; x++) {
      let inverses = 0;
      for (let y = 1; y < q; y++) if (field.multiply(x, y) === 1) inverses++;
      expect(inverses).toBe(1);
    }
    for (let x = 0; x < q; x++) {
      for (let y = 0; y < q; y++) {
        expect(field.subtract(field.add(x, y), y)).toBe(x);
        const z = (x * 7 + y * 3) % q;
        expect(field.multiply(x, field.add(y, z))).toBe(field.add(field.multiply(x, y), field.multiply(x, z)));
      }
    }
  });
});

describe('constructions', () => {
  it.each([
    [15, 3, 7, 'Kirkman'],
    [20, 4, 5, 'affine plane of order 5'],
    [25, 5, 6, 'affine plane of order 5'],
    [27, 3, 13, 'AG(3, 3)'],
    [32, 4, 9, 'partial spread'],
    [32, 4, 8, 'affine plane of order 8'],
    [64, 8, 9, 'affine plane of order 8'],
    [200, 8, 6, 'affine plane of order 25'],
  ])('%i people at tables of %i: %i repeat-free rounds (%s)', (n, k, rounds, name) => {
    const design = findDesign(n, k, rounds)!;
    expect(design.name).toContain(name);
    expect(design.rounds.length).toBe(rounds);
    checkDesign(n, k, design.rounds, design.tables);
  });

  it('removes people so that tables stay balanced: 14 of Kirkman 15, 18 of 20 at tables of 4, 23 at 5 tables of 5', () => {
    for (const [n, k, rounds] of [
      [14, 3, 7],
      [18, 4, 5],
      [23, 5, 5],
      [29, 4, 8],
    ] as const) {
      const design = findDesign(n, k, rounds)!;
      expect(design.rounds.length).toBe(rounds);
      checkDesign(n, k, design.rounds, design.tables);
    }
  });

  it('every design it finds for 4–120 people at tables of 2–10 is valid', () => {
    let found = 0;
    for (let n = 4; n <= 120; n++) {
      for (let k = 2; k <= 10; k++) {
        const design = findDesign(n, k, 30);
        if (!design) continue;
        found++;
        checkDesign(n, k, design.rounds, design.tables);
      }
    }
    // Prime-power table counts alone give designs for a good share of these sizes.
    expect(found).toBeGreaterThan(300);
  });
});
