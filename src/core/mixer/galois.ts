/**
 * Finite fields GF(q), q = p^m a prime power, over the elements 0..q-1 (an element's base-p
 * digits are its polynomial's coefficients, lowest first; products are reduced modulo the first
 * irreducible polynomial of degree m).
 */
export interface GaloisField {
  readonly q: number;
  readonly p: number;
  add(x: number, y: number): number;
  subtract(x: number, y: number): number;
  multiply(x: number, y: number): number;
}

/** The largest field built (constructions beyond it would not fit a room anyway). */
export const MAX_FIELD = 1024;

/** p and m when q = p^m for a prime p, else null. */
export function primePower(q: number): { p: number; m: number } | null {
  if (!Number.isSafeInteger(q) || q < 2) return null;
  let p = 2;
  while (p * p <= q && q % p !== 0) p++;
  if (q % p !== 0) p = q;
  let m = 0;
  let rest = q;
  while (rest % p === 0) {
    rest /= p;
    m++;
  }
  return rest === 1 ? { p, m } : null;
}

function digits(x: number, p: number, m: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    out.push(x % p);
    x = Math.floor(x / p);
  }
  return out;
}

function fromDigits(coefficients: readonly number[], p: number): number {
  let x = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) x = x * p + coefficients[i]!;
  return x;
}

/** Coefficients (lowest first) of a times b, reduced modulo the monic polynomial `modulus` of degree m. */
function multiplyPolynomials(a: readonly number[], b: readonly number[], modulus: readonly number[], p: number): number[] {
  const m = modulus.length - 1;
  const product = new Array<number>(a.length + b.length - 1).fill(0);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) product[i + j] = (product[i + j]! + a[i]! * b[j]!) % p;
  for (let degree = product.length - 1; degree >= m; degree--) {
    const lead = product[degree]!;
    if (lead === 0) continue;
    for (let i = 0; i <= m; i++) product[degree - m + i] = (((product[degree - m + i]! - lead * modulus[i]!) % p) + p) % p;
  }
  return product.slice(0, m).concat(new Array<number>(Math.max(0, m - product.length)).fill(0));
}

/** Whether the monic polynomial has no factor of degree 1..m/2 (found by trying them all). */
function irreducible(polynomial: readonly number[], p: number): boolean {
  const m = polynomial.length - 1;
  for (let degree = 1; degree * 2 <= m; degree++) {
    const count = p ** degree;
    for (let low = 0; low < count; low++) {
      const divisor = [...digits(low, p, degree), 1];
      if (remainderIsZero(polynomial, divisor, p)) return false;
    }
  }
  return true;
}

function remainderIsZero(dividend: readonly number[], divisor: readonly number[], p: number): boolean {
  const rest = dividend.slice();
  const d = divisor.length - 1;
  for (let degree = rest.length - 1; degree >= d; degree--) {
    const lead = rest[degree]!;
    if (lead === 0) continue;
    for (let i = 0; i <= d; i++) rest[degree - d + i] = (((rest[degree - d + i]! - lead * divisor[i]!) % p) + p) % p;
  }
  return rest.slice(0, d).every((c) => c === 0);
}

const fields = new Map<number, GaloisField>();

/** GF(q), or null when q is not a prime power or is above MAX_FIELD. */
export function galoisField(q: number): GaloisField | null {
  const cached = fields.get(q);
  if (cached) return cached;
  const power = primePower(q);
  if (!power || q > MAX_FIELD) return null;
  const { p, m } = power;
  let modulus: number[] = [0, 1];
  if (m > 1) {
    for (let low = 0; low < p ** m; low++) {
      const candidate = [...digits(low, p, m), 1];
      if (candidate[0] !== 0 && irreducible(candidate, p)) {
        modulus = candidate;
        break;
      }
    }
  }
  // Constructions make a few thousand products: computed when asked, from cached digits.
  const all = Array.from({ length: q }, (_, x) => digits(x, p, m));
  const field: GaloisField = {
    q,
    p,
    add: (x, y) => (m === 1 ? (x + y) % p : fromDigits(all[x]!.map((c, i) => (c + all[y]![i]!) % p), p)),
    subtract: (x, y) => (m === 1 ? (x - y + p) % p : fromDigits(all[x]!.map((c, i) => (c - all[y]![i]! + p) % p), p)),
    multiply: (x, y) => (m === 1 ? (x * y) % p : fromDigits(multiplyPolynomials(all[x]!, all[y]!, modulus, p), p)),
  };
  fields.set(q, field);
  return field;
}
