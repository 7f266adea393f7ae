/**
 * A small seeded PRNG (mulberry32) so that two fresh seeds build the same data: same
 * customers, amounts, usage curve and card details. Not for secrets — the API key and the
 * webhook signing secret come from `node:crypto`.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** `length` characters of lower-case base32 (the alphabet of public ids). */
  token(length: number): string {
    const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
}

/** The demo's fixed seed: change it and every generated detail changes with it. */
export const DEMO_SEED = 0x9e3779b9;
