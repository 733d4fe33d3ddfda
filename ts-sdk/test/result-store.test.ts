// The compact store behind captureMany's results: every result comes back exactly as the org answered it
// (key order included), whatever order the results arrive in, the read-only array behaves like an array,
// and a result costs a few dozen bytes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inspect } from "node:util";
import { readonlyResults, ResultStore } from "../src/result-store.js";
import type { CallResult } from "../src/types.js";
import { realOrgResult as realResult } from "./org-results.js";

const realOrgResult = (index: number) => realResult(`backfill-${index}`, index, index);

function stored(results: CallResult[]): { store: ResultStore; view: readonly CallResult[] } {
  const store = new ResultStore();
  for (const result of results) store.set(result);
  return { store, view: readonlyResults(store) };
}

describe("the result store", () => {
  it("gives back every value exactly, key order, nulls, absent members and any text included", () => {
    const unusual = {
      callId: "odd-1",
      index: 1,
      outcome: "none", // before status: key order is kept
      status: "failed",
      leadId: null,
      warnings: [{ code: "FIELD_TRUNCATED", message: "naïve 🙂 \ud800 lone surrogate\nsecond line" }],
      errors: [
        {
          errorCode: "PROCESSING_FAILED",
          message: "x".repeat(300),
          retryable: false,
          extra: [0, -7, 1.5, 2 ** 53 + 2, 1e-7, true, null, [[]], {}]
        }
      ],
      intelligence: { urgency: null, budget: { amount: 10000.5, min: 8000, max: 12000, currency: "USD" } },
      "": "an empty key",
      "unknown member": { nested: { deeper: ["é", "日本"] } }
    } as unknown as CallResult;
    const results = [realOrgResult(0), unusual, { ...realOrgResult(2), index: 7 }];
    const { view } = stored(results);
    for (const [position, result] of [results[0]!, unusual].entries()) {
      assert.deepStrictEqual(view[position], result);
      assert.deepStrictEqual(Object.keys(view[position]!), Object.keys(result), "same key order");
    }
    assert.equal(view[1]!.warnings![0]!.message, "naïve 🙂 \ud800 lone surrogate\nsecond line");
    assert.equal(view[7]!.index, 7);
    assert.equal(view.length, 8);
    assert.equal(view[3], undefined, "a position without a result");
  });

  it("keeps results that arrive out of order, across full and filling blocks, and replaces one in a full block", () => {
    const count = 1_000;
    const order = Array.from({ length: count }, (_, index) => index).sort(
      (a, b) => ((a * 7919) % count) - ((b * 7919) % count)
    );
    const store = new ResultStore();
    for (const index of order) store.set(realOrgResult(index));
    const view = readonlyResults(store);
    assert.equal(view.length, count);
    for (const index of [0, 255, 256, 511, 999, 3, 900, 4]) {
      assert.deepStrictEqual(view[index], realOrgResult(index), `result ${index}`);
    }
    store.set({ ...realOrgResult(300), status: "updated" });
    assert.equal(view[300]!.status, "updated");
    assert.deepStrictEqual(view[301], realOrgResult(301), "its neighbours are untouched");
    assert.deepStrictEqual(
      view.map((result) => result.callId),
      Array.from({ length: count }, (_, index) => `backfill-${index}`)
    );
  });

  it("reads like a read-only array of fresh objects", () => {
    const results = Array.from({ length: 5 }, (_, index) => realOrgResult(index));
    const { view } = stored(results);
    assert.ok(Array.isArray(view));
    assert.equal(view.length, 5);
    assert.deepStrictEqual([...view], results);
    assert.deepStrictEqual(view, results);
    assert.equal(JSON.stringify(view), JSON.stringify(results));
    assert.deepStrictEqual(
      view.map((result) => result.callId),
      results.map((result) => result.callId)
    );
    assert.equal(view.filter((result) => result.index % 2 === 0).length, 3);
    assert.deepStrictEqual(view.at(-1), results[4]);
    assert.deepStrictEqual(Object.keys(view), ["0", "1", "2", "3", "4"]);
    assert.ok(2 in view && !(5 in view));
    assert.notEqual(view[0], view[0], "each read is a new object");
    view[0]!.status = "failed";
    assert.equal(view[0]!.status, "created", "changing a result read changes nothing stored");
    assert.throws(() => ((view as CallResult[])[0] = results[1]!), TypeError);
    assert.throws(() => (view as CallResult[]).push(results[1]!), TypeError);
    assert.throws(() => (view as CallResult[]).sort(), TypeError);
    assert.match(inspect(view), /callId: 'backfill-4'/, "console.log shows the results, not an empty array");
    assert.match(inspect(view, { maxArrayLength: 2 }), /backfill-1'[\s\S]*… 3 more result\(s\)$/);
  });

  it("holds a real org's result in a fraction of its JSON, and the smallest result in a few bytes", () => {
    const count = 20_480; // 80 full blocks
    const real = new ResultStore();
    const small = new ResultStore();
    let json = 0;
    for (let index = 0; index < count; index += 1) {
      json += JSON.stringify(realOrgResult(index)).length;
      real.set(realOrgResult(index));
      small.set({
        callId: `memory-${index}`,
        index,
        status: "created",
        outcome: "lead_created",
        warnings: [],
        errors: []
      });
    }
    const perResult = (store: ResultStore) => store.bytes / count;
    // Held as objects these cost about 870 and 200 bytes of heap each (docs/sdk-benchmark.md).
    assert.ok(perResult(real) < json / count / 4, `${perResult(real)} bytes per real result`);
    assert.ok(perResult(real) < 160, `${perResult(real)} bytes per real result`);
    assert.ok(perResult(small) < 20, `${perResult(small)} bytes per small result`);
    assert.deepStrictEqual(readonlyResults(real)[count - 1], realOrgResult(count - 1));
  });
});
