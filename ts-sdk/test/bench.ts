// Benchmark: calls per second through captureMany versus plain fetch posting the same batches to the
// same loopback org, and API requests per phone call (single captures and batches). Prints a Markdown
// table for ts-sdk/README.md.
import { performance } from "node:perf_hooks";
import { auth, CallCaptureClient } from "../src/index.js";
import { makeCalls, startFakeOrg } from "./fake-org.js";

const CALLS = 4_000;
const SINGLE_CALLS = 500;
const ROUNDS = 5;
const TRANSCRIPT_CHARS = 1_000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const org = await startFakeOrg();
  const base = `${org.url}/services/apexrest/callcap/v1/calls`;
  const sdkRates: number[] = [];
  const fetchRates: number[] = [];
  let batchRequests = 0;
  let tokenRequests = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const calls = makeCalls(CALLS, `bench-${round}`, TRANSCRIPT_CHARS);
    // Plain fetch: the same 200-call bodies, pre-serialized, one POST after another, a fixed token.
    org.validTokens.add("static-token");
    const bodies: string[] = [];
    for (let start = 0; start < calls.length; start += 200)
      bodies.push(JSON.stringify({ calls: calls.slice(start, start + 200) }));
    let started = performance.now();
    for (const body of bodies) {
      const response = await fetch(base, {
        method: "POST",
        headers: { Authorization: "Bearer static-token", "Content-Type": "application/json" },
        body
      });
      await response.json();
    }
    fetchRates.push(CALLS / ((performance.now() - started) / 1000));

    // The SDK: validation, batching by both caps, token from the client credentials flow, result mapping.
    const sdkCalls = makeCalls(CALLS, `bench-sdk-${round}`, TRANSCRIPT_CHARS);
    const client = new CallCaptureClient({
      instanceUrl: org.url,
      auth: auth.clientCredentials({ clientId: "id", clientSecret: "secret", loginUrl: org.url })
    });
    const postsBefore = org.posts.length;
    const tokensBefore = org.tokenRequests.length;
    started = performance.now();
    const results = await client.captureMany(sdkCalls);
    sdkRates.push(CALLS / ((performance.now() - started) / 1000));
    if (results.length !== CALLS) throw new Error("lost calls");
    batchRequests = org.posts.length - postsBefore;
    tokenRequests = org.tokenRequests.length - tokensBefore;
  }

  // Single captures: one API request per phone call (plus one token request for the whole session).
  const client = new CallCaptureClient({
    instanceUrl: org.url,
    auth: auth.clientCredentials({ clientId: "id", clientSecret: "secret", loginUrl: org.url })
  });
  const postsBefore = org.posts.length;
  const tokensBefore = org.tokenRequests.length;
  for (const call of makeCalls(SINGLE_CALLS, "bench-single")) await client.capture(call);
  const singleRequests = org.posts.length - postsBefore;
  const singleTokens = org.tokenRequests.length - tokensBefore;
  await org.close();

  const sdk = median(sdkRates);
  const plain = median(fetchRates);
  console.log(
    `Loopback org, ${CALLS} calls of ~${TRANSCRIPT_CHARS + 100} bytes, median of ${ROUNDS} rounds, Node ${process.version}:\n`
  );
  console.log("| measure | captureMany | plain fetch |");
  console.log("| --- | --- | --- |");
  console.log(`| calls per second | ${Math.round(sdk)} | ${Math.round(plain)} |`);
  console.log(`| SDK overhead | ${((plain / sdk - 1) * 100).toFixed(1)} % slower | — |`);
  console.log(
    `| API requests per phone call, batches of 200 | ${(batchRequests / CALLS).toFixed(4)} (${batchRequests} requests + ${tokenRequests} token request for ${CALLS} calls) | same batches |`
  );
  console.log(
    `| API requests per phone call, one capture() each | ${(singleRequests / SINGLE_CALLS).toFixed(2)} (${singleRequests} requests + ${singleTokens} token request for ${SINGLE_CALLS} calls) | — |`
  );
}

await main();
