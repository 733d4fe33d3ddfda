// Failing fast and naming the cause, on the loopback: a host that does not exist, a refused connection,
// a refused secret (one explanation, one token request, whatever the number of calls), the circuit
// breaker, a token endpoint that redirects, and URLs that would send a token in clear.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  auth,
  AuthError,
  CallCaptureClient,
  CallCaptureError,
  ConfigurationError,
  NetworkError,
  type CallCaptureClientOptions
} from "../src/index.js";
import { makeCalls, startFakeOrg, type FakeOrg } from "./fake-org.js";

/** A loopback port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `.invalid` is reserved (RFC 2606): it never resolves. */
const NO_SUCH_HOST = "https://callcap-test.invalid";

describe("failing fast, naming the cause", () => {
  let org: FakeOrg;
  let delays: number[];
  const newClient = (options: Partial<CallCaptureClientOptions> = {}) =>
    new CallCaptureClient({
      instanceUrl: org.url,
      allowHttpLoopback: true,
      auth: auth.clientCredentials({ clientId: "id", clientSecret: "secret" }),
      sleep: async (ms) => void delays.push(ms),
      ...options
    });

  before(async () => {
    org = await startFakeOrg();
  });
  after(() => org.close());
  beforeEach(() => {
    org.reset();
    delays = [];
  });

  it("a host that does not resolve is named, and not retried", async () => {
    const client = newClient({ instanceUrl: NO_SUCH_HOST, auth: auth.accessToken("token") });
    const error = await client.capture(makeCalls(1, "dns")[0]!).catch((caught: unknown) => caught);
    assert.ok(error instanceof NetworkError, String(error));
    assert.equal(error.kind, "dns");
    assert.match(error.message, /callcap-test\.invalid/);
    // ENOTFOUND (the name does not exist) is final; a resolver that cannot answer at all says EAI_AGAIN,
    // which is worth a retry. Either way the message says it was DNS.
    assert.match(error.message, /host not found|DNS/);
    if (!error.retryable) assert.equal(delays.length, 0, "a host that does not exist is asked once");
  });

  it("a token request to a mistyped My Domain fails once, naming DNS, and stops a bulk send", async () => {
    const client = newClient({
      instanceUrl: NO_SUCH_HOST,
      auth: auth.clientCredentials({ clientId: "id", clientSecret: "secret" })
    });
    const stops: CallCaptureError[] = [];
    const results = await client.captureMany(makeCalls(30, "dns-token"), {
      onStopped: (error) => stops.push(error)
    });
    assert.equal(results.length, 30);
    assert.ok(results.every((result) => result.status === "failed"));
    assert.equal(stops.length, 1, "one explanation for the whole run");
    assert.ok(stops[0] instanceof NetworkError);
    assert.match(stops[0].message, /^Token request to https:\/\/callcap-test\.invalid failed: .*DNS/);
  });

  it("a refused connection is named with its address and port, and retried within the budget", async () => {
    const port = await closedPort();
    const client = newClient({
      instanceUrl: `http://127.0.0.1:${port}`,
      auth: auth.accessToken("token"),
      retry: { maxAttempts: 3 }
    });
    const error = await client.health().catch((caught: unknown) => caught);
    assert.ok(error instanceof NetworkError);
    assert.equal(error.kind, "refused");
    assert.match(error.message, new RegExp(`connection refused by 127\\.0\\.0\\.1:${port}`));
    assert.equal(delays.length, 2, "3 attempts: the service may be restarting");
  });

  it("a refused secret is one explanation with its checklist, one token request, whatever the number of calls", async () => {
    const client = newClient({ auth: auth.clientCredentials({ clientId: "id", clientSecret: "wrong" }) });
    const stops: CallCaptureError[] = [];
    const failures: unknown[] = [];
    const results = await client.captureMany(makeCalls(500, "secret"), {
      concurrency: 4,
      onStopped: (error) => stops.push(error),
      onFailure: (call) => failures.push(call)
    });
    assert.equal(org.tokenRequests.length, 1, "the token endpoint is asked once");
    assert.equal(org.posts.length, 0, "no call was sent without a token");
    assert.equal(stops.length, 1);
    const stop = stops[0]!;
    assert.ok(stop instanceof AuthError);
    assert.equal(stop.errorCode, "invalid_client");
    assert.match(stop.message, /refused: invalid_client \(invalid client credentials\)/);
    assert.match(stop.checklist[0]!, /consumer key and secret/, "the likeliest cause first");
    for (const cause of [/Client Credentials Flow.*Run As/, /My Domain/, /several minutes/]) {
      assert.ok(
        stop.checklist.some((item) => cause.test(item)),
        `${cause} in ${stop.checklist.join(" | ")}`
      );
    }
    assert.equal(failures.length, 500, "every call is handed back for resending");
    assert.ok(results.every((result) => (result.errors?.[0]?.errorCode as string) === "invalid_client"));
  });

  it("the circuit breaker: 5 network failures in a row stop the run, and every unsent call fails visibly", async () => {
    const port = await closedPort();
    const client = newClient({
      instanceUrl: `http://127.0.0.1:${port}`,
      auth: auth.accessToken("token"),
      batch: { maxCalls: 10 }
    });
    const stops: CallCaptureError[] = [];
    const failures: unknown[] = [];
    let requests = 0;
    const results = await client.captureMany(makeCalls(1_000, "breaker"), {
      concurrency: 2,
      onStopped: (error) => stops.push(error),
      onFailure: (call) => failures.push(call),
      onProgress: (progress) => (requests = progress.requests)
    });
    assert.equal(stops.length, 1);
    assert.ok(stops[0] instanceof NetworkError);
    assert.equal(stops[0].kind, "circuit_open");
    assert.match(
      stops[0].message,
      /Stopped after 5 network failures in a row \(the last: .*connection refused/
    );
    assert.ok(requests <= 6, `${requests} requests before stopping (5, plus one already in flight)`);
    assert.equal(results.length, 1_000);
    assert.equal(failures.length, 1_000, "every call not delivered is handed back (the CLI's failures file)");
    assert.ok(results.every((result) => (result.errors?.[0]?.errorCode as string) === "CIRCUIT_OPEN"));
    assert.ok(results.every((result) => result.errors?.[0]?.retryable === true));
  });

  it("a token endpoint that redirects is refused: the secret is never sent to the other host", async () => {
    const elsewhere = await startFakeOrg();
    try {
      org.tokenFaults.push({
        kind: "redirect",
        status: 307,
        location: `${elsewhere.url}/services/oauth2/token`
      });
      const error = await newClient()
        .capture(makeCalls(1, "redirect")[0]!)
        .catch((caught: unknown) => caught);
      assert.ok(error instanceof AuthError);
      assert.equal(error.errorCode, "REDIRECTED");
      assert.ok(error.message.includes(`${elsewhere.url}/services/oauth2/token`), error.message);
      assert.equal(elsewhere.tokenRequests.length, 0, "nothing reached the other host");
      assert.equal(org.tokenRequests.length, 1, "and the redirect was not retried");
    } finally {
      await elsewhere.close();
    }
  });

  it("refuses http URLs: a token or secret never travels in clear", async () => {
    const build = (options: Partial<CallCaptureClientOptions>) => () =>
      new CallCaptureClient({
        instanceUrl: "https://acme.my.salesforce.com",
        auth: auth.accessToken("t"),
        ...options
      });
    assert.throws(build({ instanceUrl: "http://acme.my.salesforce.com" }), (error: unknown) => {
      return error instanceof ConfigurationError && error.errorCode === "INSECURE_URL";
    });
    // A loopback URL needs the explicit option, and the option allows loopback only.
    assert.throws(build({ instanceUrl: org.url }), ConfigurationError);
    assert.throws(
      build({ instanceUrl: "http://acme.my.salesforce.com", allowHttpLoopback: true }),
      ConfigurationError
    );
    assert.throws(build({ instanceUrl: undefined as unknown as string }), /instanceUrl is required/);
    // The login URL of a flow is checked before the secret is posted anywhere.
    const client = newClient({
      auth: auth.clientCredentials({
        clientId: "id",
        clientSecret: "secret",
        loginUrl: "http://login.example.com"
      })
    });
    await assert.rejects(client.health(), /loginUrl "http:\/\/login\.example\.com" is not https/);
    assert.equal(org.tokenRequests.length, 0);
  });
});
