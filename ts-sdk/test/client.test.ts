// Unit tests of CallCaptureClient with an injected fetch: validation, retries, errors, batching, limits.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  ApiError,
  auth,
  AuthError,
  CallCaptureClient,
  DEFAULT_RETRY,
  NetworkError,
  RateLimitError,
  MAX_TRANSCRIPT_CHARS,
  ValidationError,
  type CallResult
} from "../src/index.js";
import { backoffDelay, seededRandom } from "../src/retry.js";
import { jsonLengthEstimate } from "../src/json-size.js";
import { makeCalls } from "./fake-org.js";

interface Sent {
  url: string;
  init: RequestInit;
}

/** A fetch that answers from a list of responses (or errors) and records what it was sent. */
function scriptedFetch(replies: (Response | Error | ((sent: Sent) => Response))[]) {
  const sent: Sent[] = [];
  const fetch = async (url: string, init: RequestInit = {}) => {
    sent.push({ url, init });
    const reply = replies.shift();
    if (!reply) throw new Error(`unexpected request ${url}`);
    if (reply instanceof Error) throw reply;
    return typeof reply === "function" ? reply({ url, init }) : reply;
  };
  return { fetch, sent };
}

const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

const resultFor = (callId: string, index = 0): CallResult => ({
  callId,
  index,
  status: "created",
  outcome: "lead_created",
  warnings: [],
  errors: []
});

function client(
  fetch: ReturnType<typeof scriptedFetch>["fetch"],
  extra: Partial<ConstructorParameters<typeof CallCaptureClient>[0]> = {}
) {
  const delays: number[] = [];
  const instance = new CallCaptureClient({
    instanceUrl: "https://acme.my.salesforce.com",
    auth: auth.accessToken("token"),
    fetch,
    random: seededRandom(7),
    sleep: async (ms) => void delays.push(ms),
    ...extra
  });
  return { instance, delays };
}

describe("local validation and leniency", () => {
  it("fails clearly on required fields and sends nothing", async () => {
    const { fetch, sent } = scriptedFetch([]);
    const { instance } = client(fetch);
    const error = await instance
      .capture({ callId: "", caller: { email: "not-an-email" } } as never)
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof ValidationError);
    assert.deepEqual(
      error.issues.map((issue) => issue.path),
      ["callId", "caller.email"]
    );
    assert.equal(sent.length, 0);
  });

  it("drops malformed optional fields and truncates over-long ones, each with a warning in the result", async () => {
    const { fetch, sent } = scriptedFetch([jsonResponse(201, resultFor("lenient"))]);
    const { instance } = client(fetch);
    const call = {
      callId: "lenient",
      from: "+15551234567",
      disposition: "hung up",
      startedAt: "yesterday",
      recordingUrl: "http://insecure.example.com/a.mp3",
      caller: { email: "not-an-email", lastName: "x".repeat(100) },
      intelligence: { urgency: 9, budget: { min: -1 } },
      transcript: [{ speaker: "caller" }, { speaker: "ai", text: "Hello" }]
    };
    const result = await instance.capture(call as never);
    const body = JSON.parse(String(sent[0]!.init.body)) as Record<string, unknown>;
    assert.deepEqual(body, {
      callId: "lenient",
      from: "+15551234567",
      caller: { lastName: "x".repeat(80) },
      intelligence: { budget: {} },
      transcript: [{ speaker: "ai", text: "Hello" }]
    });
    assert.deepEqual(
      result.warnings?.map((warning) => `${warning.code} ${warning.field}`),
      [
        "FIELD_DROPPED disposition",
        "FIELD_DROPPED startedAt",
        "FIELD_DROPPED recordingUrl",
        "FIELD_TRUNCATED caller.lastName",
        "FIELD_DROPPED caller.email",
        "FIELD_DROPPED intelligence.urgency",
        "FIELD_DROPPED intelligence.budget.min",
        "FIELD_DROPPED transcript[0].text"
      ]
    );
    assert.equal(call.caller.lastName.length, 100, "the caller's object is not modified");
  });

  it("truncates a transcript longer than the org stores, so the org still flags it, and never rejects it", async () => {
    const { fetch, sent } = scriptedFetch([jsonResponse(201, resultFor("long"))]);
    const { instance } = client(fetch);
    const result = await instance.capture({
      callId: "long",
      from: "+15551234567",
      transcript: "y".repeat(6_600_000)
    });
    const body = JSON.parse(String(sent[0]!.init.body)) as { transcript: string };
    assert.equal(body.transcript.length, MAX_TRANSCRIPT_CHARS + 1);
    assert.ok(body.transcript.endsWith("…"));
    assert.equal(result.warnings?.[0]?.code, "TRANSCRIPT_TRUNCATED");
  });

  it("captureMany gives an invalid call a failed result naming its path and sends the others", async () => {
    const { fetch, sent } = scriptedFetch([
      (request) => {
        const batch = JSON.parse(String(request.init.body)) as { calls: { callId: string }[] };
        return jsonResponse(200, {
          results: batch.calls.map((call, index) => resultFor(call.callId, index))
        });
      }
    ]);
    const { instance } = client(fetch);
    const results = await instance.captureMany([
      { callId: "a", from: "+15551234567" },
      { callId: "b" },
      { callId: "c", from: "+15551234568" }
    ] as never);
    assert.deepEqual(
      results.map((result) => `${result.callId} ${result.status}`),
      ["a created", "b failed", "c created"]
    );
    assert.deepEqual(results[1]!.errors?.[0], {
      errorCode: "MISSING_FIELD",
      message:
        "from or caller.email is required: the call names neither the caller's phone number nor an email, and the org needs one of them to find or create the caller",
      field: "from",
      retryable: false
    });
    assert.equal(sent.length, 1);
  });
});

describe("retries", () => {
  it("retries a 503 with the same body and request id, then returns the result", async () => {
    const { fetch, sent } = scriptedFetch([
      jsonResponse(503, [{ errorCode: "TEMPORARY_FAILURE", message: "UNABLE_TO_LOCK_ROW" }]),
      new TypeError("fetch failed"),
      jsonResponse(201, resultFor("c1"), { "Sforce-Limit-Info": "api-usage=25/15000" })
    ]);
    const { instance, delays } = client(fetch);
    const result = await instance.capture({ callId: "c1", from: "+15551234567" });
    assert.equal(result.status, "created");
    assert.equal(sent.length, 3);
    assert.equal(
      new Set(sent.map((request) => request.init.body)).size,
      1,
      "same body, so the same callId, on every attempt"
    );
    const requestIds = sent.map(
      (request) => (request.init.headers as Record<string, string>)["X-Request-Id"]
    );
    assert.equal(new Set(requestIds).size, 1);
    assert.equal(delays.length, 2);
    assert.deepEqual(instance.apiUsage, { used: 25, limit: 15000 });
    assert.equal(sent[0]!.url, "https://acme.my.salesforce.com/services/apexrest/callcap/v1/calls");
  });

  it("a call resent after a per-call retryable failure gets a request with its own attempts", async () => {
    const lock = { ...resultFor("budget"), status: "failed" as const, outcome: "none" as const };
    lock.errors = [{ errorCode: "TEMPORARY_FAILURE", message: "UNABLE_TO_LOCK_ROW", retryable: true }];
    const busy = () => jsonResponse(503, [{ errorCode: "TEMPORARY_FAILURE", message: "busy" }]);
    // Processed once (a lock: resend), then the resend's request meets four 503s before it gets through:
    // 1 + 5 requests. One shared budget of 5 would have given up on a call the org was about to take.
    const { fetch, sent } = scriptedFetch([
      jsonResponse(202, lock),
      busy(),
      busy(),
      busy(),
      busy(),
      jsonResponse(201, resultFor("budget"))
    ]);
    const retries: string[] = [];
    const { instance } = client(fetch, {
      onRetry: ({ attempt, maxAttempts, calls }) => retries.push(`${attempt}/${maxAttempts} x${calls}`)
    });
    const result = await instance.capture({ callId: "budget", from: "+15551234567" });
    assert.equal(result.status, "created");
    assert.equal(sent.length, 6);
    assert.deepEqual(retries, ["2/5 x1", "2/5 x1", "3/5 x1", "4/5 x1", "5/5 x1"], "never past 5 of 5");
  });

  it("never retries a 400, and the error carries status, errorCode, fields and request id", async () => {
    const { fetch, sent } = scriptedFetch([
      jsonResponse(400, [{ errorCode: "INVALID_FIELD", message: "bad email", field: "caller.email" }])
    ]);
    const { instance } = client(fetch);
    const error = await instance
      .capture({ callId: "c1", from: "+15551234567" })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 400);
    assert.equal(error.errorCode, "INVALID_FIELD");
    assert.deepEqual(error.fields, ["caller.email"]);
    assert.equal(error.requestId, (sent[0]!.init.headers as Record<string, string>)["X-Request-Id"]);
    assert.equal(sent.length, 1);
  });

  it("never retries 403 INSUFFICIENT_ACCESS; retries REQUEST_LIMIT_EXCEEDED as a RateLimitError", async () => {
    const forbidden = scriptedFetch([
      jsonResponse(403, [{ errorCode: "INSUFFICIENT_ACCESS", message: "no permission set" }])
    ]);
    await assert.rejects(
      client(forbidden.fetch).instance.health(),
      (error: unknown) => error instanceof ApiError && error.status === 403
    );
    assert.equal(forbidden.sent.length, 1);

    const limited = scriptedFetch(
      Array.from({ length: 5 }, () =>
        jsonResponse(403, [{ errorCode: "REQUEST_LIMIT_EXCEEDED", message: "TotalRequests Limit exceeded." }])
      )
    );
    await assert.rejects(client(limited.fetch).instance.health(), RateLimitError);
    assert.equal(limited.sent.length, DEFAULT_RETRY.maxAttempts);
  });

  it("waits at least what Retry-After asks, capped by maxDelayMs", async () => {
    const { fetch } = scriptedFetch([
      jsonResponse(503, [{ errorCode: "TEMPORARY_FAILURE", message: "busy" }], { "Retry-After": "7" }),
      jsonResponse(429, [{ errorCode: "REQUEST_LIMIT_EXCEEDED", message: "slow down" }], {
        "Retry-After": "120"
      }),
      jsonResponse(200, { version: "1.0.0" })
    ]);
    const { instance, delays } = client(fetch, { retry: { maxDelayMs: 30_000, deadlineMs: 600_000 } });
    await instance.health();
    assert.equal(delays[0], 7_000);
    assert.equal(delays[1], 30_000);
  });

  it("stops at the overall deadline even when attempts remain", async () => {
    let now = 0;
    const { fetch, sent } = scriptedFetch(Array.from({ length: 5 }, () => new TypeError("socket hang up")));
    const { instance } = client(fetch, {
      now: () => now,
      sleep: async (ms) => void (now += ms),
      retry: { deadlineMs: 1_000, baseDelayMs: 400 },
      random: () => 0.99
    });
    await assert.rejects(instance.health(), NetworkError);
    assert.ok(sent.length < 5, `stopped after ${sent.length} attempts`);
    assert.ok(now < 1_000);
  });

  it("keeps full-jitter delays within [0, min(maxDelay, base·2^n)) for a seeded generator", () => {
    const random = seededRandom(42);
    for (let retry = 0; retry < 10; retry += 1) {
      const ceiling = Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.baseDelayMs * 2 ** retry);
      for (let sample = 0; sample < 200; sample += 1) {
        const delay = backoffDelay(retry, DEFAULT_RETRY, random);
        assert.ok(delay >= 0 && delay < ceiling, `retry ${retry}: ${delay} not in [0, ${ceiling})`);
      }
    }
    assert.deepEqual(
      [0, 1, 2].map(() => seededRandom(1)()),
      [seededRandom(1)(), seededRandom(1)(), seededRandom(1)()]
    );
  });
});

describe("auth", () => {
  it("an invalid_grant is an AuthError after exactly one token request", async () => {
    const { fetch, sent } = scriptedFetch([
      jsonResponse(400, { error: "invalid_grant", error_description: "expired access/refresh token" })
    ]);
    const { instance } = client(fetch, {
      auth: auth.refreshToken({ clientId: "id", refreshToken: "old" }),
      instanceUrl: "https://acme.my.salesforce.com"
    });
    const error = await instance.health().catch((caught: unknown) => caught);
    assert.ok(error instanceof AuthError);
    assert.equal(error.errorCode, "invalid_grant");
    assert.equal(sent.length, 1);
    assert.match(sent[0]!.url, /\/services\/oauth2\/token$/);
  });

  it("a 401 with a token that cannot be refreshed is an AuthError without a loop", async () => {
    const { fetch, sent } = scriptedFetch([
      jsonResponse(401, [{ errorCode: "INVALID_SESSION_ID", message: "Session expired or invalid" }])
    ]);
    await assert.rejects(client(fetch).instance.health(), AuthError);
    assert.equal(sent.length, 1);
  });

  it("builds an RS256 JWT assertion Salesforce accepts", async () => {
    const { generateKeyPairSync, createVerify } = await import("node:crypto");
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const { fetch, sent } = scriptedFetch([
      jsonResponse(200, { access_token: "jwt-token", instance_url: "https://acme.my.salesforce.com" }),
      jsonResponse(200, { version: "1.0.0" })
    ]);
    const { instance } = client(fetch, {
      auth: auth.jwtBearer({
        clientId: "consumer-key",
        username: "integration@acme.com",
        privateKey: pem,
        loginUrl: "https://test.salesforce.com"
      }),
      now: () => 1_780_000_000_000
    });
    await instance.health();
    const form = new URLSearchParams(String(sent[0]!.init.body));
    assert.equal(form.get("grant_type"), "urn:ietf:params:oauth:grant-type:jwt-bearer");
    const [header, payload, signature] = form.get("assertion")!.split(".");
    assert.deepEqual(JSON.parse(Buffer.from(header!, "base64url").toString()), { alg: "RS256", typ: "JWT" });
    assert.deepEqual(JSON.parse(Buffer.from(payload!, "base64url").toString()), {
      iss: "consumer-key",
      sub: "integration@acme.com",
      aud: "https://test.salesforce.com",
      exp: 1_780_000_000 + 180
    });
    assert.ok(
      createVerify("RSA-SHA256")
        .update(`${header}.${payload}`)
        .verify(publicKey, Buffer.from(signature!, "base64url"))
    );
    assert.equal((sent[1]!.init.headers as Record<string, string>).Authorization, "Bearer jwt-token");
  });
});

describe("captureMany", () => {
  it("splits by maxCalls and maxBytes and returns results in input order with global indexes", async () => {
    const calls = makeCalls(7, "order", 300);
    const bodies: string[] = [];
    const echo = (sent: Sent) => {
      const body = String(sent.init.body);
      bodies.push(body);
      const batch = JSON.parse(body) as { calls: { callId: string }[] };
      return jsonResponse(200, { results: batch.calls.map((call, index) => resultFor(call.callId, index)) });
    };
    const { fetch } = scriptedFetch(Array.from({ length: 7 }, () => echo));
    const { instance } = client(fetch, { batch: { maxCalls: 3, maxBytes: 1_000 } });
    const progress: number[] = [];
    const results = await instance.captureMany(calls, { onProgress: ({ done }) => progress.push(done) });
    assert.deepEqual(
      results.map((result) => result.callId),
      calls.map((call) => call.callId)
    );
    assert.deepEqual(
      results.map((result) => result.index),
      [0, 1, 2, 3, 4, 5, 6]
    );
    for (const body of bodies) {
      assert.ok(Buffer.byteLength(body) <= 1_000, `body of ${Buffer.byteLength(body)} bytes`);
      assert.ok((JSON.parse(body) as { calls: unknown[] }).calls.length <= 3);
    }
    assert.equal(progress.at(-1), 7);
  });

  it("splits a batch the org stopped on an Apex governor limit instead of resending it as it is", async () => {
    const calls = makeCalls(4, "heavy");
    const sizes: number[] = [];
    // The org's automation makes 4 calls in one transaction cost more CPU than Apex allows; 2 fit.
    const org = (sent: Sent) => {
      const batch = JSON.parse(String(sent.init.body)) as { calls: { callId: string }[] };
      sizes.push(batch.calls.length);
      if (batch.calls.length > 2)
        return jsonResponse(500, [
          {
            errorCode: "APEX_ERROR",
            message: "System.LimitException: Apex CPU time limit exceeded\n\n(System Code)"
          }
        ]);
      return jsonResponse(200, { results: batch.calls.map((call, index) => resultFor(call.callId, index)) });
    };
    const { fetch } = scriptedFetch([org, org, org]);
    const { instance } = client(fetch, { batch: { maxCalls: 4 } });
    const results = await instance.captureMany(calls);
    assert.deepEqual(sizes, [4, 2, 2], "never resent whole: split in halves at once");
    assert.deepEqual(
      results.map((result) => `${result.callId} ${result.status}`),
      ["heavy-0 created", "heavy-1 created", "heavy-2 created", "heavy-3 created"]
    );
  });

  it("a single call stopped by a governor limit fails with the org's message, not retried", async () => {
    const limit = jsonResponse(500, [
      { errorCode: "APEX_ERROR", message: "System.LimitException: Apex heap size too large: 12000000" }
    ]);
    const { fetch, sent } = scriptedFetch([limit]);
    const { instance } = client(fetch);
    const results = await instance.captureMany(makeCalls(1, "alone"));
    assert.equal(sent.length, 1, "the same call would stop the same way");
    assert.equal(results[0]!.status, "failed");
    assert.match(results[0]!.errors?.[0]?.message ?? "", /heap size too large/);
  });

  it("a 500 whose message only mentions a limit is an ordinary server error, resent whole", async () => {
    const calls = makeCalls(2, "busy");
    const sizes: number[] = [];
    let first = true;
    const org = (sent: Sent) => {
      const batch = JSON.parse(String(sent.init.body)) as { calls: { callId: string }[] };
      sizes.push(batch.calls.length);
      if (first) {
        first = false;
        return jsonResponse(500, [
          { errorCode: "INTERNAL_ERROR", message: "Daily rate limit exceeded upstream" }
        ]);
      }
      return jsonResponse(200, { results: batch.calls.map((call, index) => resultFor(call.callId, index)) });
    };
    const { fetch } = scriptedFetch([org, org]);
    const { instance } = client(fetch, { retry: { baseDelayMs: 0, maxDelayMs: 0 } });
    const results = await instance.captureMany(calls);
    assert.deepEqual(
      sizes,
      [2, 2],
      "not split: only APEX_ERROR with System.LimitException is a governor limit"
    );
    assert.deepEqual(
      results.map((result) => result.status),
      ["created", "created"]
    );
  });

  it("a call that alone exceeds the byte cap fails locally; nothing is sent for it", async () => {
    const { fetch, sent } = scriptedFetch([]);
    const { instance } = client(fetch, { batch: { maxBytes: 500 } });
    const results = await instance.captureMany(makeCalls(2, "big", 1_000));
    assert.deepEqual(
      results.map((result) => result.errors?.[0]?.errorCode),
      ["PAYLOAD_TOO_LARGE", "PAYLOAD_TOO_LARGE"]
    );
    assert.equal(sent.length, 0);
  });

  it("resends a call the org returned no result for, and fails it visibly when that keeps happening", async () => {
    const partial = (sent: Sent) => {
      const batch = JSON.parse(String(sent.init.body)) as { calls: { callId: string }[] };
      // Answers every call but the last one of each request.
      return jsonResponse(200, {
        results: batch.calls.slice(0, -1).map((call, index) => resultFor(call.callId, index))
      });
    };
    const { fetch } = scriptedFetch(Array.from({ length: 5 }, () => partial));
    const { instance } = client(fetch);
    const results = await instance.captureMany(makeCalls(3, "partial"));
    assert.deepEqual(
      results.map((result) => `${result.callId} ${result.status}`),
      ["partial-0 created", "partial-1 created", "partial-2 failed"]
    );
    assert.equal(results[2]!.errors?.[0]?.errorCode, "INTERNAL_ERROR");
  });

  it("reads iterables and async iterables lazily, one batch ahead at most", async () => {
    let pulled = 0;
    const echo = (sent: Sent) => {
      const batch = JSON.parse(String(sent.init.body)) as { calls: { callId: string }[] };
      return jsonResponse(200, { results: batch.calls.map((call, index) => resultFor(call.callId, index)) });
    };
    const { fetch, sent } = scriptedFetch(Array.from({ length: 3 }, () => echo));
    const { instance } = client(fetch, { batch: { maxCalls: 10 } });
    async function* source() {
      for (const call of makeCalls(25, "lazy")) {
        pulled += 1;
        yield call;
      }
    }
    const seenAtFirstResult: number[] = [];
    for await (const result of instance.captureStream(source())) {
      if (result.index === 0) seenAtFirstResult.push(pulled);
    }
    // One batch in flight and the next one read ahead while it is sent (so its checks overlap the network
    // wait), never more: at most 10 + 10 calls and the one that would start a third batch.
    assert.ok(seenAtFirstResult[0]! >= 11, `the next batch is read while the first is in flight`);
    assert.ok(seenAtFirstResult[0]! <= 21, `pulled ${seenAtFirstResult[0]} calls before the first result`);
    assert.equal(sent.length, 3);
  });
});

describe("jsonLengthEstimate", () => {
  it("never exceeds the UTF-8 length of JSON.stringify, and equals it for plain ASCII", () => {
    const plain = makeCalls(2, "size", 50);
    assert.equal(jsonLengthEstimate(plain), Buffer.byteLength(JSON.stringify(plain)));
    const samples: unknown[] = [
      {
        text: 'quote " backslash \\ newline \n tab \t bell \u0007',
        unicode: "Zoë 🚰 \u2028",
        n: [0, -1.5, 1e21, NaN]
      },
      { skipped: undefined, nested: { deep: [true, false, null, undefined] }, date: new Date(0) },
      { transcript: [{ speaker: "caller", text: "Hi", startMs: 0 }], 'key with "quote"': 1 }
    ];
    for (const sample of samples)
      assert.ok(
        jsonLengthEstimate(sample) <= Buffer.byteLength(JSON.stringify(sample)),
        JSON.stringify(sample)
      );
  });

  it("splits a batch that multi-byte text makes larger than the byte cap, before sending it", async () => {
    const bodies: number[] = [];
    const echo = (sent: Sent) => {
      bodies.push(Buffer.byteLength(String(sent.init.body)));
      const batch = JSON.parse(String(sent.init.body)) as { calls: { callId: string }[] };
      return jsonResponse(200, { results: batch.calls.map((call, index) => resultFor(call.callId, index)) });
    };
    const { fetch } = scriptedFetch(Array.from({ length: 8 }, () => echo));
    const { instance } = client(fetch, { batch: { maxBytes: 4_000 } });
    // 300 characters of "é" are 600 bytes: the estimate sees 300.
    const calls = makeCalls(10, "utf8").map((call) => ({ ...call, transcript: "é".repeat(300) }));
    const results = await instance.captureMany(calls);
    assert.equal(results.filter((result) => result.status === "created").length, 10);
    assert.ok(
      bodies.every((bytes) => bytes <= 4_000),
      `bodies of ${bodies.join(", ")} bytes`
    );
  });
});

describe("getCall", () => {
  it("returns null for 404 and encodes the call id", async () => {
    const { fetch, sent } = scriptedFetch([
      jsonResponse(404, [{ errorCode: "NOT_FOUND", message: "No call" }])
    ]);
    assert.equal(await client(fetch).instance.getCall("a/b c"), null);
    assert.match(sent[0]!.url, /\/calls\/a%2Fb%20c$/);
  });

  it("uses the unmanaged base path when the namespace is empty", async () => {
    const { fetch, sent } = scriptedFetch([jsonResponse(200, resultFor("x"))]);
    await client(fetch, { namespace: "" }).instance.getCall("x");
    assert.equal(sent[0]!.url, "https://acme.my.salesforce.com/services/apexrest/v1/calls/x");
  });
});

describe("lookup", () => {
  const unknown = {
    known: false,
    firstName: null,
    openLeadStatus: null,
    openOpportunityStage: null,
    openCaseStatus: null,
    lastCallDate: null,
    lastCallReason: null,
    callbackOwed: false,
    ownerFirstName: null,
    summary: "Unknown caller: no record has this number."
  };

  it("posts the number as given to /lookup and returns the org's answer", async () => {
    const { fetch, sent } = scriptedFetch([jsonResponse(200, unknown)]);
    assert.deepStrictEqual(await client(fetch).instance.lookup("+1 (415) 555-0100"), unknown);
    assert.equal(sent[0]!.url, "https://acme.my.salesforce.com/services/apexrest/callcap/v1/lookup");
    assert.equal(sent[0]!.init.method, "POST");
    assert.deepStrictEqual(JSON.parse(String(sent[0]!.init.body)), { phone: "+1 (415) 555-0100" });
  });

  it("refuses a blank number before sending anything", async () => {
    const { fetch, sent } = scriptedFetch([]);
    await assert.rejects(client(fetch).instance.lookup("  "), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.deepStrictEqual(error.fields, ["phone"]);
      assert.match(error.message, /^Invalid lookup: phone is required/);
      return true;
    });
    assert.equal(sent.length, 0);
  });

  it("retries a 503 like every request (a lookup changes nothing)", async () => {
    const { fetch, sent } = scriptedFetch([
      jsonResponse(503, [{ errorCode: "TEMPORARY_FAILURE", message: "busy" }]),
      jsonResponse(200, unknown)
    ]);
    assert.equal((await client(fetch).instance.lookup("4155550100")).known, false);
    assert.equal(sent.length, 2);
  });
});
