/**
 * A seeded pseudo-random generator (xoshiro128**), so that code in
 * core/ can be random and still repeatable: the same seed always gives the same sequence.
 * Not for secrets.
 */
export interface Random {
  /** A number in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** `count` items at distinct positions of `items`, in random order. */
  sample<T>(items: readonly T[], count: number): T[];
  /** A shuffled copy; `items` is left as it is. */
  shuffle<T>(items: readonly T[]): T[];
  /** True with probability `probability`. */
  chance(probability: number): boolean;
}

const TWO_TO_32 = 4294967296;

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/** MurmurHash3's finalizer: a bijection on 32-bit integers that spreads every bit. */
function scramble(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The low and high 32 bits of a seed read as an integer; NaN and infinities count as 0. */
function seedWords(seed: number): [number, number] {
  const whole = Number.isFinite(seed) ? Math.trunc(seed) : 0;
  return [whole >>> 0, Math.floor(whole / TWO_TO_32) >>> 0];
}

/**
 * A seed for one of many independent streams of `seed` (stream 0, 1, 2, … — say one per
 * generated person), so that an item does not change when more items are generated after it.
 * Distinct streams of one seed give distinct seeds for streams below 2^32.
 */
export function deriveSeed(seed: number, stream: number): number {
  const [low, high] = seedWords(seed);
  const [streamLow, streamHigh] = seedWords(stream);
  const mixedLow = scramble(low ^ scramble(streamLow + 0x9e3779b9));
  const mixedHigh = scramble(high ^ scramble(streamLow ^ 0x27d4eb2f) ^ scramble(streamHigh ^ 0x165667b1)) & 0x1fffff;
  return mixedHigh * TWO_TO_32 + mixedLow;
}

/**
 * `seed` is read as an integer (fractions are dropped); different safe integers give
 * different sequences.
 */
export function createRandom(seed: number): Random {
  return new Xoshiro128StarStar(seed);
}

/** A class rather than closures: generators are made by the thousand (one per synthetic person). */
class Xoshiro128StarStar implements Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    const [low, high] = seedWords(seed);
    // (s0, s1) is a bijection of (low, high): distinct seeds start from distinct states, and s2
    // is never 0 when s0 and s1 both are.
    this.s0 = scramble(low);
    this.s1 = scramble(high ^ scramble(low ^ 0x9e3779b9));
    this.s2 = scramble(this.s1 ^ low ^ 0x7f4a7c15);
    this.s3 = scramble(this.s0 ^ this.s1 ^ high ^ 0x6a09e667);
    for (let i = 0; i < 4; i++) this.next();
  }

  next(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const shifted = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= shifted;
    this.s3 = rotateLeft(this.s3, 11);
    return result / TWO_TO_32;
  }

  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
      throw new RangeError(`int(${min}, ${max}) needs integers with min ≤ max`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick() from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  sample<T>(items: readonly T[], count: number): T[] {
    if (!Number.isSafeInteger(count) || count < 0 || count > items.length) {
      throw new RangeError(`sample() of ${count} from ${items.length} items`);
    }
    // Few from many: draw positions and redraw repeats, rather than copying the whole list.
    if (count * 4 < items.length) {
      const taken = new Set<number>();
      const result: T[] = [];
      while (result.length < count) {
        const index = Math.floor(this.next() * items.length);
        if (taken.has(index)) continue;
        taken.add(index);
        result.push(items[index] as T);
      }
      return result;
    }
    const copy = items.slice();
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const chosen = copy[j] as T;
      copy[j] = copy[i] as T;
      copy[i] = chosen;
    }
    copy.length = count;
    return copy;
  }

  shuffle<T>(items: readonly T[]): T[] {
    return this.sample(items, items.length);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}
