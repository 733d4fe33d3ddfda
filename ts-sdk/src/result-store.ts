// The results captureMany returns, held compactly. Held as objects, a result costs about 200 bytes of heap
// (a real org's, with record ids and intelligence, about 870), and the garbage collector lets the heap grow
// to a multiple of what it holds: a million of them took 786 MB. Here the results are kept in blocks of
// BLOCK positions; a block is written as one JSON text and compressed (deflate, node:zlib) as soon as all
// its results are in. The results of one send repeat the same keys, codes and record id prefixes, so a
// block shrinks to a few bytes per result (docs/sdk-benchmark.md measures it). A read gives a fresh copy, so
// what a caller reads is exactly what the org (or the SDK) answered; the last block read is kept inflated,
// so reading in order inflates each block once.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { CallResult } from "./types.js";

/** Results per compressed block: big enough for deflate to find the repeats, small enough to inflate fast. */
const BLOCK = 256;

/** Results by input position. `set` stores (or replaces) the result at its `index`; `get` gives a copy. */
export class ResultStore {
  private size = 0;
  /** Full blocks, compressed, by block number (position / BLOCK). */
  private readonly packed: (Buffer | undefined)[] = [];
  /** Blocks still filling (results arrive out of order across concurrent requests): the results so far. */
  private readonly filling = new Map<number, { results: (CallResult | undefined)[]; count: number }>();
  /** The last full block read, inflated and parsed. */
  private unpacked: { block: number; results: CallResult[] } | undefined;

  /** Positions 0 … length-1 (one past the highest position stored). */
  get length(): number {
    return this.size;
  }

  /**
   * Stores a result at the position its `index` names, replacing what was there. The store takes the
   * object: it is written out when its block is full, so it must not be changed after it is given.
   */
  set(result: CallResult): void {
    const position = result.index;
    if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`bad result index ${position}`);
    const block = Math.floor(position / BLOCK);
    const slot = position % BLOCK;
    this.size = Math.max(this.size, position + 1);
    if (this.packed[block]) {
      // A result replaced in a full block (a queued call's final outcome): the block is packed again.
      const results = this.results(block);
      results[slot] = result;
      this.packed[block] = pack(results);
      return;
    }
    let filling = this.filling.get(block);
    if (!filling) {
      filling = { results: new Array<CallResult | undefined>(BLOCK), count: 0 };
      this.filling.set(block, filling);
    }
    if (filling.results[slot] === undefined) filling.count += 1;
    filling.results[slot] = result;
    if (filling.count === BLOCK) {
      this.packed[block] = pack(filling.results as CallResult[]);
      this.filling.delete(block);
    }
  }

  /** The result at a position, as a new object, or undefined when none was stored there. */
  get(position: number): CallResult | undefined {
    if (position >= this.size) return undefined;
    const block = Math.floor(position / BLOCK);
    const results = this.packed[block] ? this.results(block) : this.filling.get(block)?.results;
    const result = results?.[position % BLOCK];
    return result === undefined ? undefined : structuredClone(result);
  }

  /** Bytes held for the full blocks, compressed (benchmark, tests). */
  get bytes(): number {
    let bytes = 0;
    for (const block of this.packed) bytes += block?.length ?? 0;
    return bytes;
  }

  private results(block: number): CallResult[] {
    if (this.unpacked?.block !== block) {
      const text = inflateRawSync(this.packed[block]!).toString("utf8");
      this.unpacked = { block, results: JSON.parse(text) as CallResult[] };
    }
    return this.unpacked.results;
  }
}

/**
 * A block's results as one JSON text, compressed, in a buffer of its own size (zlib hands back a view of
 * its 16 KiB output buffer, which would keep the whole of it alive per block). Level 1: most of the gain
 * at the least CPU. One JSON.stringify per block costs about half of one per result.
 */
function pack(results: CallResult[]): Buffer {
  return Buffer.concat([deflateRawSync(JSON.stringify(results), { level: 1 })]);
}

/**
 * The store seen as a read-only array of results: `results[i]`, `length`, iteration, `map`, `filter`,
 * `JSON.stringify` and `Array.isArray` behave as for an array, and each read parses a fresh result
 * object (so a result read twice is two equal objects, and changing one changes nothing stored).
 */
export function readonlyResults(store: ResultStore): readonly CallResult[] {
  const target: CallResult[] = [];
  // console.log and util.inspect look at a proxy's target, not through it: show them the results (the
  // first maxArrayLength of them, as for an array) rather than an empty array.
  Object.defineProperty(target, Symbol.for("nodejs.util.inspect.custom"), {
    value: (
      _depth: number,
      options: { maxArrayLength?: number | null },
      show: (value: unknown, options: unknown) => string
    ) => {
      const count = Math.min(store.length, options.maxArrayLength ?? store.length);
      const shown = Array.from({ length: count }, (_, index) => store.get(index));
      const more = store.length - count;
      return `${show(shown, options)}${more > 0 ? ` … ${more} more result(s)` : ""}`;
    }
  });
  const indexOf = (key: string | symbol): number | undefined => {
    if (typeof key !== "string") return undefined;
    const index = Number(key);
    return Number.isInteger(index) && index >= 0 && String(index) === key && index < store.length
      ? index
      : undefined;
  };
  const refuse = () => {
    throw new TypeError("captureMany's results are read-only");
  };
  return new Proxy(target, {
    get(array, key, receiver) {
      if (key === "length") return store.length;
      const index = indexOf(key);
      return index === undefined ? Reflect.get(array, key, receiver) : store.get(index);
    },
    has(array, key) {
      const index = indexOf(key);
      return index === undefined ? Reflect.has(array, key) : store.get(index) !== undefined;
    },
    ownKeys(array) {
      const keys: (string | symbol)[] = [];
      for (let index = 0; index < store.length; index += 1) keys.push(String(index));
      return [...keys, ...Reflect.ownKeys(array)];
    },
    getOwnPropertyDescriptor(array, key) {
      if (key === "length")
        return { value: store.length, writable: true, enumerable: false, configurable: false };
      const index = indexOf(key);
      if (index === undefined) return Reflect.getOwnPropertyDescriptor(array, key);
      const value = store.get(index);
      return value === undefined
        ? undefined
        : { value, writable: false, enumerable: true, configurable: true };
    },
    set: refuse,
    defineProperty: refuse,
    deleteProperty: refuse,
    setPrototypeOf: refuse
  });
}
