// End-to-end tests of the client against a loopback server playing the org, with injected faults.
// Assertions are made at the server: every call delivered, nothing processed twice, one token request.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { ApiError, auth, AuthError, CallCaptureClient, DEFAULT_RETRY } from "../src/index.js";
import { backoffDelay, seededRandom } from "../src/retry.js";
import { makeCalls, startFakeOrg, type FakeOrg } from "./fake-org.js";

describe("against a loopback org", () => {
  let org: FakeOrg;
  let delays: number[];
  const newClient = (options: Partial<ConstructorParameters<typeof CallCaptureClient>[0]> = {}) =>
    new CallCaptureClient({
      instanceUrl: org.url,
      allowHttpLoopback: true,
      auth: auth.clientCredentials({ clientId: "id", clientSecret: "secret", loginUrl: org.url }),
      random: seededRandom(2026),
      // Delays are recorded, then shortened so the suite stays fast; bounds are checked on the recorded values.
      sleep: (ms) => {
        delays.push(ms);
        return new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5)));
      },
      ...options
    });

  before(async () => {
    org = await startFakeOrg();
  });
  after(() => org.close());
  beforeEach(() => {
    org.reset();
    org.validTokens.clear();
    delays = [];
  });

  it("50 concurrent captures cause one token request and deliver every call once", async () => {
    const client = newClient();
    const calls = makeCalls(50, "concurrent");
    const results = await Promise.all(calls.map((call) => client.capture(call)));
    assert.equal(org.tokenRequests.length, 1);
    assert.deepEqual([...org.processed].sort(), calls.map((call) => call.callId).sort());
    assert.ok(results.every((result) => result.status === "created"));
    assert.deepEqual(client.apiUsage?.limit, 15000);
  });

  it("a response cut in transit is a network error and is retried, never taken as the result", async () => {
    const client = newClient();
    org.faults.push({ kind: "truncated" });
    const [call] = makeCalls(1, "cut");
    const result = await client.capture(call!);
    assert.equal(result.callId, call!.callId);
    assert.equal(result.status, "created");
    assert.deepEqual(
      org.processed.filter((id) => id === call!.callId),
      [call!.callId]
    );
    assert.equal(delays.length, 1, "one retry, after the cut response");
  });

  it("survives 503 bursts, resets, slow responses and lock errors without losing or doubling a call", async () => {
    const client = newClient({ retry: { attemptTimeoutMs: 300 } });
    org.faults.push(
      { kind: "status", status: 503, errorCode: "TEMPORARY_FAILURE" },
      { kind: "reset" },
      { kind: "slow", ms: 600 },
      { kind: "status", status: 500, errorCode: "INTERNAL_ERROR" }
    );
    const calls = makeCalls(3, "faulty");
    for (const call of calls) await client.capture(call);
    assert.deepEqual(
      org.processed
        .filter((id) => id.startsWith("faulty"))
        .slice(0, 3)
        .sort(),
      calls.map((call) => call.callId).sort()
    );
    // The slow attempt was aborted client-side but the server still processed it after its delay; any
    // repeat is bounded by the attempts made for that call.
    const counts = new Map<string, number>();
    for (const id of org.processed) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const [id, count] of counts)
      assert.ok(count <= DEFAULT_RETRY.maxAttempts, `${id} processed ${count} times`);
    assert.equal(delays.length, 4, "one delay before each retry");
    delays.forEach((delay, index) =>
      assert.ok(delay >= 0 && delay < DEFAULT_RETRY.maxDelayMs, `delay ${index}: ${delay}`)
    );
    // The same seed replays the same delays: the first retry's delay is reproducible.
    assert.equal(delays[0], backoffDelay(0, DEFAULT_RETRY, seededRandom(2026)));
  });

  it("an expired token is refreshed once and the request replayed once, for all waiting requests", async () => {
    const client = newClient();
    await client.capture(makeCalls(1, "warmup")[0]!);
    org.faults.push({ kind: "expire-token" });
    const calls = makeCalls(10, "expired");
    await Promise.all(calls.map((call) => client.capture(call)));
    assert.equal(org.tokenRequests.length, 2, "one initial token, one refresh");
    for (const call of calls) assert.equal(org.processed.filter((id) => id === call.callId).length, 1);
  });

  it("rate limits are retried; 400s are not", async () => {
    const client = newClient();
    org.faults.push({ kind: "status", status: 403, errorCode: "REQUEST_LIMIT_EXCEEDED" });
    await client.capture(makeCalls(1, "limited")[0]!);
    assert.deepEqual(org.processed, ["limited-0"]);
    org.faults.push({ kind: "status", status: 400, errorCode: "INVALID_FIELD" });
    const posts = org.posts.length;
    await assert.rejects(
      client.capture(makeCalls(1, "rejected")[0]!),
      (error: unknown) => error instanceof ApiError && error.status === 400
    );
    assert.equal(org.posts.length, posts, "the 400 came before processing and was not retried");
  });

  it("captureMany respects both caps and delivers every call once, in order, despite faults", async () => {
    const client = newClient({ batch: { maxCalls: 40, maxBytes: 20_000 } });
    const calls = makeCalls(230, "batch", 200);
    org.faults.push({ kind: "status", status: 503, errorCode: "TEMPORARY_FAILURE" }, { kind: "reset" });
    const results = await client.captureMany(calls);
    assert.deepEqual(
      results.map((result) => result.callId),
      calls.map((call) => call.callId)
    );
    assert.deepEqual([...new Set(org.processed)].length, 230);
    assert.equal(org.processed.length, 230, "nothing processed twice");
    for (const post of org.posts) {
      assert.ok(post.calls <= 40, `${post.calls} calls in one request`);
      assert.ok(post.bytes <= 20_000, `${post.bytes} bytes in one request`);
    }
    const perCall = org.posts.length / calls.length;
    assert.ok(perCall < 0.05, `${perCall} requests per call`);
  });

  it("loses no call under every fault: retryable per-call failures, 413s, resets and a batch that fails for good", async () => {
    const client = newClient({ batch: { maxCalls: 50 } });
    // 50 calls are ~9 KB: every first request is refused as too large and split in halves.
    org.maxBytes = 6_000;
    org.faults.push(
      { kind: "status", status: 503, errorCode: "TEMPORARY_FAILURE" },
      { kind: "reset" },
      { kind: "retryable-calls", every: 10 },
      // Five 500s in a row exhaust one batch's attempts: that batch fails for good, the others go on.
      ...Array.from(
        { length: 5 },
        () => ({ kind: "status", status: 500, errorCode: "INTERNAL_ERROR" }) as const
      )
    );
    const calls = makeCalls(400, "faults", 100);
    const failures: unknown[] = [];
    const results = await client.captureMany(calls, {
      onFailure: (call) => failures.push(call)
    });
    org.maxBytes = Number.MAX_SAFE_INTEGER;
    assert.equal(results.length, 400, "one result per input call");
    results.forEach((result, index) => assert.equal(result.callId, calls[index]!.callId));
    const failed = results.filter((result) => result.status === "failed");
    const delivered = new Set(org.processed);
    for (const result of results) {
      assert.ok(
        delivered.has(result.callId) || result.status === "failed",
        `${result.callId} neither delivered nor failed`
      );
    }
    assert.ok(failed.length > 0 && failed.length < 400, `${failed.length} failed`);
    assert.equal(failures.length, failed.length, "every failure is handed back for resending");
    assert.ok(failed.every((result) => result.errors?.[0]?.errorCode === "INTERNAL_ERROR"));
    // Resending just the failures delivers them: 0 calls lost.
    const again = await client.captureMany(failures as never);
    assert.ok(again.every((result) => result.status !== "failed"));
    for (const call of calls) assert.ok(new Set(org.processed).has(call.callId), `${call.callId} lost`);
    assert.ok(
      org.posts.some((post) => post.bytes > 8_000),
      "the org refused some batches as too large"
    );
    assert.ok(org.posts.every((post) => post.calls <= 50));
  });

  it("streams 30,000 calls with 10,000-character transcripts in bounded memory", async () => {
    const client = newClient();
    async function* source() {
      for (let index = 0; index < 30_000; index += 1) {
        yield { callId: `memory-${index}`, from: "+15551234567", transcript: "z".repeat(10_000) };
      }
    }
    org.processed.length = 0;
    // Bounded memory means it stops growing with the input: the peak RSS of the last 25,000 calls versus the peak
    // of calls 2,500 to 5,000 (the input is 300 MB; a client that held it, or its bodies, would grow by 250 MB or
    // more). Peak against peak: the garbage collector runs when it likes, so one sample taken just before it runs
    // once read 108 MB of garbage as growth.
    let settled = 0;
    let peak = 0;
    let count = 0;
    for await (const result of client.captureStream(source(), { concurrency: 4 })) {
      count += result.status === "failed" ? 0 : 1;
      if (count % 250 === 0) {
        const rss = process.memoryUsage().rss;
        if (count >= 2_500 && count <= 5_000) settled = Math.max(settled, rss);
        if (count > 5_000) peak = Math.max(peak, rss);
      }
      // The stand-in keeps every id it processed; drop them so only the client's memory is measured.
      if (org.processed.length > 5000) org.processed.length = 0;
      org.received.clear();
    }
    assert.equal(count, 30_000);
    assert.ok(
      peak - settled < 100_000_000,
      `peak RSS grew by ${Math.round((peak - settled) / 1e6)} MB after 5,000 calls`
    );
  });

  it("persists a rotated refresh token before using the new access token", async () => {
    org.refreshToken = "refresh-start";
    const persisted: string[] = [];
    const client = newClient({
      auth: auth.refreshToken({
        clientId: "id",
        refreshToken: "refresh-start",
        loginUrl: org.url,
        onRotate: (token) => void persisted.push(token)
      })
    });
    await client.capture(makeCalls(1, "rotate")[0]!);
    assert.deepEqual(persisted, [org.refreshToken]);
    org.faults.push({ kind: "expire-token" });
    await client.capture(makeCalls(1, "rotate-again")[0]!);
    assert.equal(persisted.length, 2);
    assert.equal(
      persisted[1],
      org.refreshToken,
      "the second refresh used the rotated token and persisted the next one"
    );
  });

  it("a revoked refresh token is one AuthError, never a loop", async () => {
    org.refreshToken = "current";
    const client = newClient({
      auth: auth.refreshToken({ clientId: "id", refreshToken: "revoked", loginUrl: org.url })
    });
    await assert.rejects(client.capture(makeCalls(1, "revoked")[0]!), AuthError);
    assert.equal(org.tokenRequests.length, 1);
    assert.equal(org.processed.length, 0);
  });

  it("reads a stored result and the health report", async () => {
    const client = newClient();
    await client.capture({ callId: "stored/1", from: "+15551234567" });
    assert.equal((await client.getCall("stored/1"))?.callId, "stored/1");
    assert.equal(await client.getCall("missing"), null);
    assert.equal((await client.health()).ok, true);
  });
});
