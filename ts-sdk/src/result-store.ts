// The results captureMany returns, held compactly. Held as objects, a result costs about 170 bytes of heap
// (a real org's, with record ids and intelligence, about 600), and the garbage collector lets the heap grow
// to a multiple of what it holds: a million of them took 786 MB. Here each result is kept as its JSON
// text, BLOCK results to a block, and a block is compressed (deflate, node:zlib) as soon as all its results
// are in. The results of one send repeat the same keys, codes and record id prefixes, so a block shrinks to
// a few dozen bytes per result (docs/sdk-benchmark.md measures it). A read parses a fresh object from the
// text, so what a caller reads is exactly what the org (or the SDK) answered; the last block read is kept
// inflated, so reading in order inflates each block once.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { CallResult } from "./types.js";

/** Results per compressed block: big enough for deflate to find the repeats, small enough to inflate fast. */
const BLOCK = 256;
/** Between the results of a block. JSON.stringify escapes a line break inside a string, so it cannot clash. */
const SEPARATOR = "\n";

/** Results by input position. `set` stores (or replaces) the result at its `index`; `get` parses a copy. */
export class ResultStore {
  private size = 0;
  /** Full blocks, compressed, by block number (position / BLOCK). */
  private readonly packed: (Buffer | undefined)[] = [];
  /** Blocks still filling (results arrive out of order across concurrent requests): the JSON per slot. */
  private readonly filling = new Map<number, { texts: (string | undefined)[]; count: number }>();
  /** The last full block read, inflated. */
  private inflated: { block: number; texts: string[] } | undefined;

  /** Positions 0 … length-1 (one past the highest position stored). */
  get length(): number {
    return this.size;
  }

  /** Stores a result at the position its `index` names, replacing what was there. */
  set(result: CallResult): void {
    const position = result.index;
    if (!Number.isSafeInteger(position) || position < 0) throw new RangeError(`bad result index ${position}`);
    const text = JSON.stringify(result);
    const block = Math.floor(position / BLOCK);
    const slot = position % BLOCK;
    this.size = Math.max(this.size, position + 1);
    if (this.packed[block]) {
      // A result replaced in a full block (a queued call's final outcome): the block is packed again.
      const texts = this.texts(block);
      texts[slot] = text;
      this.packed[block] = pack(texts);
      return;
    }
    let filling = this.filling.get(block);
    if (!filling) {
      filling = { texts: new Array<string | undefined>(BLOCK), count: 0 };
      this.filling.set(block, filling);
    }
    if (filling.texts[slot] === undefined) filling.count += 1;
    filling.texts[slot] = text;
    if (filling.count === BLOCK) {
      this.packed[block] = pack(filling.texts as string[]);
      this.filling.delete(block);
    }
  }

  /** The result at a position, as a new object, or undefined when none was stored there. */
  get(position: number): CallResult | undefined {
    if (position >= this.size) return undefined;
    const block = Math.floor(position / BLOCK);
    const texts = this.packed[block] ? this.texts(block) : this.filling.get(block)?.texts;
    const text = texts?.[position % BLOCK];
    return text === undefined ? undefined : (JSON.parse(text) as CallResult);
  }

  /** Bytes held for the results: compressed blocks and the text of blocks still filling (benchmark, tests). */
  get bytes(): number {
    let bytes = 0;
    for (const block of this.packed) bytes += block?.length ?? 0;
    for (const { texts } of this.filling.values()) for (const text of texts) bytes += text?.length ?? 0;
    return bytes;
  }

  private texts(block: number): string[] {
    if (this.inflated?.block !== block) {
      const text = inflateRawSync(this.packed[block]!).toString("utf8");
      this.inflated = { block, texts: text.split(SEPARATOR) };
    }
    return this.inflated.texts;
  }
}

/**
 * A block's results compressed, in a buffer of their own size (zlib hands back a view of its 16 KiB output
 * buffer, which would keep the whole of it alive per block). Level 1: most of the gain at the least CPU.
 */
function pack(texts: string[]): Buffer {
  return Buffer.concat([deflateRawSync(texts.join(SEPARATOR), { level: 1 })]);
}

/**
 * The store seen as a read-only array of results: `results[i]`, `length`, iteration, `map`, `filter`,
 * `JSON.stringify` and `Array.isArray` behave as for an array, and each read parses a fresh result
 * object (so a result read twice is two equal objects, and changing one changes nothing stored).
 */
export function readonlyResults(store: ResultStore): readonly CallResult[] {
  const target: CallResult[] = [];
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
