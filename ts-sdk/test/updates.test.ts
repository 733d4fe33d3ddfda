// Calls the org queues (stored, processed asynchronously) and calls reported in several updates, on the
// loopback: queued counts as delivered, the SDK can wait for final outcomes, and successive updates of
// a callId are merged so that a vendor's webhooks per call cost about one request.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  auth,
  CallCaptureClient,
  mergeCallUpdates,
  type Call,
  type CallCaptureClientOptions,
  type CallResult,
  type CaptureProgress
} from "../src/index.js";
import { makeCalls, startFakeOrg, type FakeOrg } from "./fake-org.js";

describe("queued calls and progressive updates", () => {
  let org: FakeOrg;
  let sleeps: number[];
  const newClient = (options: Partial<CallCaptureClientOptions> = {}) =>
    new CallCaptureClient({
      instanceUrl: org.url,
      allowHttpLoopback: true,
      auth: auth.accessToken("static-token"),
      sleep: async (ms) => void sleeps.push(ms),
      ...options
    });

  before(async () => {
    org = await startFakeOrg();
  });
  after(() => org.close());
  beforeEach(() => {
    org.reset();
    sleeps = [];
  });

  it("a batch answered partly queued is delivered; waiting gives every call its final outcome", async () => {
    org.queue = { every: 3, polls: 2 };
    const calls = makeCalls(10, "partly-queued");
    const progress: CaptureProgress[] = [];
    const failures: unknown[] = [];
    const delivered = await newClient().captureMany(calls, {
      onProgress: (step) => progress.push(step),
      onFailure: (call) => failures.push(call)
    });
    assert.deepEqual(
      delivered.map((result) => result.status),
      [
        "queued",
        "created",
        "created",
        "queued",
        "created",
        "created",
        "queued",
        "created",
        "created",
        "queued"
      ]
    );
    assert.equal(failures.length, 0, "a queued call is delivered: nothing to resend");
    assert.deepEqual(progress.at(-1), {
      done: 10,
      total: 10,
      delivered: 10,
      queued: 4,
      failed: 0,
      requests: 1
    });

    org.queue = { every: 3, polls: 2 };
    const waited = await newClient().captureMany(makeCalls(10, "waited"), {
      waitForOutcomes: { firstDelayMs: 100, maxDelayMs: 400 }
    });
    assert.ok(
      waited.every((result) => result.status === "created"),
      waited.map((result) => result.status).join()
    );
    assert.deepEqual(
      waited.map((result) => result.index),
      [...Array(10).keys()],
      "final outcomes keep their input positions"
    );
    for (const index of [0, 3, 6, 9])
      assert.equal(org.reads.get(`waited-${index}`), 3, "two queued answers, then the outcome");
    // Backoff: waits double (with jitter, never below half) from firstDelayMs up to maxDelayMs.
    assert.ok(
      sleeps.every((ms) => ms >= 50 && ms <= 400),
      sleeps.join()
    );
  });

  it("a single queued call is answered 202, delivered, and can be waited for", async () => {
    org.queue = { every: 1, polls: 1 };
    const client = newClient();
    const [first, second] = makeCalls(2, "single-queued");
    assert.equal((await client.capture(first!)).status, "queued");
    const final = await client.capture(second!, { waitForOutcome: { firstDelayMs: 10 } });
    assert.equal(final.status, "created");
    assert.equal((await client.waitForOutcome(first!.callId, { firstDelayMs: 10 }))?.status, "created");
  });

  it("waiting stops at its deadline and returns the call still queued", async () => {
    org.queue = { every: 1, polls: 1_000 };
    let now = 0;
    const client = newClient({ now: () => now, sleep: async (ms) => void (now += ms) });
    await client.capture(makeCalls(1, "slow-queue")[0]!);
    const result = await client.waitForOutcome("slow-queue-0", { timeoutMs: 10_000, firstDelayMs: 1_000 });
    assert.equal(result?.status, "queued");
    assert.ok(now <= 10_000, `waited ${now} ms`);
    assert.ok(
      (org.reads.get("slow-queue-0") ?? 0) <= 6,
      "doubling waits: a handful of polls, not one a second"
    );
  });

  it("coalesces a vendor's three webhooks per call: ≤ 1.2 requests per phone call", async () => {
    // The quiet window is 80 times the pause between updates, so a loaded machine's late timers still fall inside it.
    const client = newClient({ coalesce: { quietMs: 400, maxWaitMs: 2_000 } });
    const phoneCalls = 40;
    // Like Twilio's status, recording and transcription callbacks: each arrives a little after the last,
    // and the calls' webhooks interleave.
    const updates = (index: number): Call[] => [
      { callId: `progressive-${index}`, from: "+15551230000", disposition: "answered", durationSeconds: 95 },
      {
        callId: `progressive-${index}`,
        from: "+15551230000",
        recordingUrl: `https://r.example.com/${index}.mp3`
      },
      {
        callId: `progressive-${index}`,
        from: "+15551230000",
        transcript: `Caller: call ${index}, my heater is out.`
      }
    ];
    const answers: Promise<CallResult>[] = [];
    for (let step = 0; step < 3; step += 1) {
      for (let index = 0; index < phoneCalls; index += 1) answers.push(client.capture(updates(index)[step]!));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const results = await Promise.all(answers);
    const requestsPerCall = org.posts.length / phoneCalls;
    assert.ok(requestsPerCall <= 1.2, `${requestsPerCall} requests per phone call`);
    for (let index = 0; index < phoneCalls; index += 1) {
      const stored = org.received.get(`progressive-${index}`)!;
      assert.equal(stored.disposition, "answered", "the first update's fields are kept");
      assert.equal(stored.recordingUrl, `https://r.example.com/${index}.mp3`);
      assert.match(String(stored.transcript), /heater is out/);
      const mine = results.filter((result) => result.callId === `progressive-${index}`);
      assert.equal(mine.length, 3, "each update is answered");
      assert.equal(new Set(mine.map((result) => result.callRecordId)).size, 1, "with the one call's result");
    }
  });

  it("a call still being updated past maxWaitMs is sent, and its later updates follow in order; flush sends the rest now", async () => {
    // Updates every 100 ms never leave the call quiet for 400 ms, even with a loaded machine's late timers; a send
    // is due 300 ms after each group's first update, so the 9 updates over about 800 ms go out in a few requests.
    const client = newClient({ coalesce: { quietMs: 400, maxWaitMs: 300 } });
    org.faults.push({ kind: "slow", ms: 80 });
    const answers: Promise<CallResult>[] = [];
    for (let step = 0; step < 8; step += 1) {
      answers.push(client.capture({ callId: "chatty", from: "+15551230001", summary: `update ${step}` }));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    answers.push(client.capture({ callId: "chatty", from: "+15551230001", summary: "last update" }));
    await client.flush();
    await Promise.all(answers);
    assert.ok(org.posts.length >= 2 && org.posts.length <= 4, `${org.posts.length} requests for 9 updates`);
    assert.equal(org.received.get("chatty")?.summary, "last update", "the org received the updates in order");
  });

  it("captureMany merges repeated callIds: one result per input, one place in the request", async () => {
    const inputs: Call[] = [
      { callId: "twice", from: "+15551230002", disposition: "answered" },
      { callId: "once", from: "+15551230003" },
      { callId: "twice", from: "+15551230002", transcript: "Caller: I smell gas." }
    ];
    const results = await newClient().captureMany(inputs);
    assert.deepEqual(
      results.map((result) => `${result.index} ${result.callId} ${result.status}`),
      ["0 twice created", "1 once created", "2 twice created"]
    );
    assert.deepEqual(
      org.posts.map((post) => post.calls),
      [2]
    );
    assert.deepEqual(org.received.get("twice"), mergeCallUpdates(inputs[0]!, inputs[2]!));
  });

  it("with batches in flight together, a later update of a call never overtakes an earlier one", async () => {
    org.faults.push({ kind: "slow", ms: 150 });
    await newClient({ batch: { maxCalls: 1 } }).captureMany(
      [
        { callId: "ordered", from: "+15551230004", summary: "first" },
        { callId: "other", from: "+15551230005" },
        { callId: "ordered", from: "+15551230004", summary: "second" }
      ],
      { concurrency: 4 }
    );
    assert.equal(org.received.get("ordered")?.summary, "second");
  });
});

describe("mergeCallUpdates", () => {
  it("lets a later update add and replace fields, never remove them", () => {
    const merged = mergeCallUpdates(
      {
        callId: "m",
        from: "+15551234567",
        caller: { firstName: "Ana", city: "Austin" },
        intelligence: { urgency: 3, budget: { min: 1, max: 5 } },
        custom: { a: 1 },
        transcript: "first"
      },
      {
        callId: "m",
        caller: { lastName: "Ruiz", city: undefined },
        intelligence: { budget: { amount: 4 } },
        custom: { b: 2 },
        transcript: [{ speaker: "caller", role: "caller", text: "second" }]
      } as Call
    );
    assert.deepEqual(merged, {
      callId: "m",
      from: "+15551234567",
      caller: { firstName: "Ana", city: "Austin", lastName: "Ruiz" },
      intelligence: { urgency: 3, budget: { amount: 4 } },
      custom: { a: 1, b: 2 },
      transcript: [{ speaker: "caller", role: "caller", text: "second" }]
    });
  });
});
