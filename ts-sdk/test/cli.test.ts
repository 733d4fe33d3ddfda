// CLI tests of the built binary (dist/cjs/cli/main.js, the package's "bin") against the loopback org. A run that
// reads stdin, and --help of the CJS and the ESM build, start the binary as a user does; the others call the
// binary's own main() in this process with the same arguments, environment and output streams (its exit code is
// what main resolves to: the file's last lines set it), which costs a tenth of a Node start per run.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { format } from "node:util";
import { latencyOf } from "../src/cli/lookup.js";
import { totals } from "../src/cli/output.js";
import { findSf } from "../src/cli/sf.js";
import { startFakeOrg, type FakeOrg } from "./fake-org.js";

const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = path.join(sdk, "dist/cjs/cli/main.js");
const demoCalls = path.resolve(sdk, "../scripts/demo-calls");
/** The missing-phone error, a whole sentence that says what is missing and why the org needs it. */
const MISSING_PHONE =
  "from or caller.email is required: the call names neither the caller's phone number nor an email, and the org needs one of them to find or create the caller";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built binary's main(), loaded as the binary loads it (its file runs main itself only as the script). */
const binMain = (createRequire(import.meta.url)(bin) as { main: typeof import("../src/cli/main.js").main })
  .main;

function callcap(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
  script = bin
): Promise<Run> {
  const environment = { PATH: process.env.PATH ?? "", ...env };
  if (input === undefined && script === bin && !args.includes("-"))
    return callcapInProcess(args, environment);
  return spawnCallcap(args, environment, input, script);
}

function spawnCallcap(
  args: string[],
  env: Record<string, string>,
  input?: string,
  script = bin
): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [script, ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end(input ?? "");
  });
}

/** main() with console.log's and console.error's formatting; a throw is what Node prints and exit code 1. */
async function callcapInProcess(args: string[], env: Record<string, string>): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io = {
    out: (...values: unknown[]) => void (stdout += `${format(...values)}\n`),
    err: (...values: unknown[]) => void (stderr += `${format(...values)}\n`)
  };
  try {
    return { code: await binMain(args, env, io), stdout, stderr };
  } catch (error) {
    return { code: 1, stdout, stderr: `${stderr}${(error as Error).stack}\n` };
  }
}

describe("callcap CLI", () => {
  let org: FakeOrg;
  let env: Record<string, string>;
  before(async () => {
    org = await startFakeOrg();
    env = {
      CALLCAP_INSTANCE_URL: org.url,
      CALLCAP_ACCESS_TOKEN: "static-token",
      CALLCAP_ALLOW_HTTP_LOOPBACK: "1"
    };
  });
  after(() => org.close());

  it("prints help for every command and exits 0", async () => {
    for (const args of [
      ["--help"],
      ["send", "--help"],
      ["health", "--help"],
      ["simulate", "--help"],
      ["replay", "--help"],
      ["lookup", "--help"],
      ["webhook-url", "--help"]
    ]) {
      const run = await callcap(args);
      assert.equal(run.code, 0, args.join(" "));
      assert.match(run.stdout, /Usage: callcap/);
    }
    const cjs = await spawnCallcap(["--help"], { PATH: process.env.PATH ?? "" });
    assert.equal(cjs.code, 0, "the package's bin runs");
    assert.match(cjs.stdout, /Usage: callcap/);
    const esm = await callcap(["--help"], {}, undefined, path.join(sdk, "dist/esm/src/cli/main.js"));
    assert.equal(esm.code, 0, "the ESM build runs too");
  });

  it("sends every demo call given as several files and prints JSON results", async () => {
    const files = ["emergency", "quote-request", "existing-customer", "missed-call", "budget-range"].map(
      (name) => path.join(demoCalls, `${name}.json`)
    );
    const run = await callcap(["send", ...files, "--json"], env);
    assert.equal(run.code, 0, run.stderr);
    const { results } = JSON.parse(run.stdout) as { results: { callId: string; status: string }[] };
    assert.deepEqual(
      results.map((result) => result.callId),
      files.map((file) => (JSON.parse(readFileSync(file, "utf8")) as { callId: string }).callId)
    );
    assert.match(run.stderr, /delivered 5 of 5 calls \(0 queued\), failed 0; 1 request$/m);
    assert.match(run.stderr, /totals: 5 calls/);
  });

  it("reads NDJSON from stdin", async () => {
    const ndjson = [
      '{"callId":"ndjson-1","from":"+15551110001"}',
      '{"callId":"ndjson-2","from":"+15551110002"}'
    ].join("\n");
    const run = await callcap(["send", "-"], env, ndjson);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /ndjson-1: created \(lead_created\)/);
    assert.ok(org.processed.includes("ndjson-2"));
  });

  it("exits 3 with every bad path when a call is invalid, sending nothing", async () => {
    const posts = org.posts.length;
    const run = await callcap(
      ["send", "-", "--json"],
      env,
      '[{"callId":"ok","from":"+15551110003"},{"durationSeconds":-1}]'
    );
    assert.equal(run.code, 3);
    const { error } = JSON.parse(run.stdout) as { error: { errors: string[] } };
    assert.deepEqual(error.errors, ["stdin[1]: callId is required", `stdin[1]: ${MISSING_PHONE}`]);
    assert.equal(org.posts.length, posts);
    assert.equal(run.stderr.match(/callId is required/g)?.length, 1, "each error printed once");
  });

  it("reports malformed JSON with file, line, column and reason, and unreadable input with exit 2", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "callcap-input-"));
    const file = path.join(dir, "calls.json");
    writeFileSync(file, '[\n  {"callId": "a", "from": "+15551110003"},\n  {"callId": "b" "from": "x"}\n]');
    const bad = await callcap(["validate", file]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, new RegExp(`${file.replace(/[.]/g, "\\.")}:3:18: invalid JSON`));
    const dirRun = await callcap(["send", dir], env);
    assert.equal(dirRun.code, 2);
    assert.match(dirRun.stderr, new RegExp(`cannot read ${dir}: is a directory`));
    const unknown = await callcap(["send", "--bogus"]);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr.trim(), "callcap: unknown option --bogus (callcap --help lists the options)");
    assert.match((await callcap(["--version"])).stdout, /^\d+\.\d+\.\d+/);
  });

  it("validates offline the API's own {calls:[…]} shape, naming the file of each error", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "callcap-validate-"));
    writeFileSync(path.join(dir, "one.json"), '{"calls":[{"callId":"v1","from":"+15551110004"}]}');
    writeFileSync(path.join(dir, "two.json"), '[{"callId":"v2","from":"+15551110005"},{"callId":"v3"}]');
    const run = await callcap(["validate", path.join(dir, "one.json"), path.join(dir, "two.json")]);
    assert.equal(run.code, 3);
    assert.ok(run.stderr.includes(`two.json[1]: ${MISSING_PHONE}`), run.stderr);
    assert.doesNotMatch(run.stderr, /one\.json/);
  });

  it("prints totals, shows retries with --verbose, writes failures to a file that send accepts, and gets a call", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "callcap-failures-"));
    const failures = path.join(dir, "failed.ndjson");
    const input = [0, 1, 2]
      .map((index) => JSON.stringify({ callId: `bulk-${index}`, from: "+15551110010" }))
      .join("\n");
    org.faults.push(
      { kind: "status", status: 503, errorCode: "TEMPORARY_FAILURE" },
      ...Array.from(
        { length: 5 },
        () => ({ kind: "status", status: 500, errorCode: "INTERNAL_ERROR" }) as const
      )
    );
    const run = await callcap(["send", "-", "--verbose", "--failures", failures], { ...env }, input);
    assert.equal(run.code, 5, run.stderr);
    // Retries are numbered against the attempts allowed, never past them ("attempt 4 of 3").
    const retries = [...run.stderr.matchAll(/retry: attempt (\d+) of (\d+) for 3 call\(s\)/g)];
    assert.deepEqual(
      retries.map((match) => `${match[1]}/${match[2]}`),
      ["2/5", "3/5", "4/5", "5/5"]
    );
    // Progress counts results: nothing was delivered, all 3 failed.
    assert.match(run.stderr, /delivered 0 of 3 calls \(0 queued\), failed 3; 5 requests/);
    assert.match(
      run.stderr,
      /totals: 3 calls: 0 created, 0 updated, 0 duplicate, 0 needs review, 0 queued, 0 filtered, 3 failed; 0 delivered; 5 requests/
    );
    assert.equal(readFileSync(failures, "utf8").trim().split("\n").length, 3);
    const again = await callcap(["send", failures], env);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /totals: 3 calls: 3 created/);
    const got = await callcap(["get", "bulk-1", "--json"], env);
    assert.equal((JSON.parse(got.stdout) as { callId: string }).callId, "bulk-1");
    assert.equal((await callcap(["get", "nope"], env)).code, 1);
  });

  it("simulates a seed scenario by name", async () => {
    const run = await callcap(["simulate", "quote", "request", "--json"], env);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      (JSON.parse(run.stdout) as { results: { callId: string }[] }).results[0]!.callId,
      "demo-quote-request-0001"
    );
    assert.equal((await callcap(["simulate", "fire drill"], env)).code, 2);
  });

  it("replays a directory of saved provider webhooks", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "callcap-replay-"));
    writeFileSync(
      path.join(dir, "a.json"),
      readFileSync(path.join(sdk, "test/fixtures/vapi-end-of-call-report.json"))
    );
    writeFileSync(
      path.join(dir, "b.json"),
      readFileSync(path.join(sdk, "test/fixtures/retell-call-analyzed.json"))
    );
    const vapi = await callcap(["replay", dir, "--provider", "vapi"], env);
    assert.equal(vapi.code, 3, "the Retell file is not a Vapi report: no callId");
    assert.match(vapi.stderr, /b\.json: /, "the error names the file");
    writeFileSync(path.join(dir, "b.json"), "");
    const run = await callcap(["replay", dir, "--provider", "vapi", "--json"], env);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(org.processed.includes("0f3c9a7e-5b8d-4f0e-9a61-2f6d7c1e8b42"));
  });

  it("uses an sf CLI org alias for credentials and reports health", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "callcap-sf-"));
    const fakeSf = path.join(dir, "sf");
    writeFileSync(
      fakeSf,
      // Like sf 2.146: `org display` redacts the token; `org auth show-access-token` shows it.
      `#!${process.execPath}\nconst args = process.argv.slice(2).join(' ');\nconst out = (o) => console.log(JSON.stringify(o));\nif (args === 'org display --target-org demo --json') out({ status: 0, result: { accessToken: '[REDACTED]', instanceUrl: ${JSON.stringify(org.url)} } });\nelse if (args === 'org auth show-access-token --target-org demo --json') out({ status: 0, result: { accessToken: 'static-token' } });\nelse { out({ status: 1, message: 'No authorization information found for ' + process.argv[5] }); process.exit(1); }\n`
    );
    chmodSync(fakeSf, 0o755);
    const run = await callcap(["health", "--target-org", "demo", "--json"], {
      CALLCAP_SF_BIN: fakeSf,
      CALLCAP_ALLOW_HTTP_LOOPBACK: "1"
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { ok: boolean }).ok, true);
    assert.match(run.stderr, new RegExp(`using sf: ${fakeSf}`));
    const unknown = await callcap(["health", "--target-org", "nope"], {
      CALLCAP_SF_BIN: fakeSf,
      CALLCAP_ALLOW_HTTP_LOOPBACK: "1"
    });
    assert.equal(unknown.code, 4);
    assert.match(unknown.stderr, /No authorization information found for nope/);
  });

  it("a refused secret stops the run once: one explanation with its checklist, not a line per call", async () => {
    const wrongSecret = {
      CALLCAP_INSTANCE_URL: org.url,
      CALLCAP_CLIENT_ID: "id",
      CALLCAP_CLIENT_SECRET: "wrong",
      CALLCAP_ALLOW_HTTP_LOOPBACK: "1"
    };
    const dir = mkdtempSync(path.join(tmpdir(), "callcap-"));
    const failures = path.join(dir, "failed.ndjson");
    // A failures file left by an earlier run with default permissions is reset to owner-only.
    writeFileSync(failures, "", { mode: 0o644 });
    const one = '{"callId":"auth-1","from":"+15551110011"}';
    const single = await callcap(["send", "-", "--failures", failures], wrongSecret, one);
    assert.equal(single.code, 4, single.stderr);
    assert.match(single.stderr, /refused: invalid_client/);
    assert.match(single.stderr, /check: the consumer key and secret/);
    const many = Array.from({ length: 500 }, (_, index) =>
      JSON.stringify({ callId: `auth-many-${index}`, from: "+15551110012" })
    ).join("\n");
    const tokenRequests = org.tokenRequests.length;
    const run = await callcap(["send", "-", "--failures", failures], wrongSecret, many);
    assert.equal(run.code, 4, run.stderr);
    assert.equal(org.tokenRequests.length - tokenRequests, 1, "one token request for 500 calls");
    assert.equal(run.stderr.match(/stopped: The token request .* was refused: invalid_client/g)?.length, 1);
    assert.ok((run.stderr.match(/^ {2}check: /gm)?.length ?? 0) >= 3, run.stderr);
    assert.deepEqual(
      run.stdout.trim().split("\n"),
      [
        `500 calls failed: invalid_client: The token request to ${org.url} was refused: invalid_client (invalid client credentials)  (auth-many-0, auth-many-1, auth-many-2, auth-many-3, auth-many-4 and 495 more)`
      ],
      "the failed calls share one line"
    );
    assert.match(run.stderr, /delivered 0 of 500 calls \(0 queued\), failed 500/);
    assert.doesNotMatch(run.stderr, /delivered [1-9]/, "progress never counts calls that were not delivered");
    assert.equal(readFileSync(failures, "utf8").trim().split("\n").length, 500);
    assert.equal(
      statSync(failures).mode & 0o777,
      0o600,
      "the failures file holds callers' details: owner only"
    );
  });

  it("exits 2 without credentials and 5 when the org fails", async () => {
    assert.equal((await callcap(["health"])).code, 2);
    org.faults.push({ kind: "status", status: 400, errorCode: "INVALID_FIELD" });
    const failures = path.join(mkdtempSync(path.join(tmpdir(), "callcap-")), "failed.ndjson");
    const run = await callcap(
      ["send", "-", "--failures", failures],
      env,
      '{"callId":"x","from":"+15551110009"}'
    );
    assert.equal(run.code, 5);
    // The undelivered call is in the failures file, as the README's exit code 5 says.
    assert.deepEqual(JSON.parse(readFileSync(failures, "utf8")), { callId: "x", from: "+15551110009" });
  });

  it("sends Twilio's form bodies: the callbacks of one CallSid become one call, recognised without --provider", async () => {
    const fixtures = [
      "twilio-status-callback.txt",
      "twilio-recording-callback.txt",
      "twilio-transcription-callback.txt"
    ].map((name) => path.join(sdk, "test/fixtures", name));
    const posts = org.posts.length;
    const run = await callcap(["send", ...fixtures, "--provider", "twilio", "--json"], env);
    assert.equal(run.code, 0, run.stderr);
    const { results } = JSON.parse(run.stdout) as { results: { callId: string; status: string }[] };
    assert.deepEqual(
      results.map((result) => result.callId),
      ["CA0123456789abcdef0123456789abcdef"]
    );
    assert.equal(org.posts.length - posts, 1, "three callbacks, one request");
    const stored = org.received.get("CA0123456789abcdef0123456789abcdef")!;
    assert.equal(stored.from, "+15554567890");
    assert.match(String(stored.transcript), /our AC died/);
    assert.match(String(stored.recordingUrl), /Recordings\/RE0123456789abcdef0123456789abcdef\.mp3$/);
    // The same bodies from stdin, one a line, and no --provider: recognised by shape, said once.
    const stdin = fixtures.map((file) => readFileSync(file, "utf8").trim()).join("\n");
    const detected = await callcap(["send", "-"], env, stdin);
    assert.equal(detected.code, 0, detected.stderr);
    assert.equal(detected.stderr.match(/recognised as a Twilio webhook/g)?.length, 1, detected.stderr);
    assert.match(detected.stderr, /3 Twilio callbacks of 1 call\(s\) read together by CallSid/);
  });

  it("recognises a Vapi report sent without --provider, and names the provider when --provider is wrong", async () => {
    const report = readFileSync(
      path.join(sdk, "test/fixtures/vapi-outbound-end-of-call-report.json"),
      "utf8"
    );
    const run = await callcap(["send", "-", "--json"], env, report);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /stdin: recognised as a Vapi webhook/);
    assert.equal(
      org.received.get("7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6")?.from,
      "+15556781234",
      "outbound: the customer"
    );
    const wrong = await callcap(["validate", "-", "--provider", "retell"], env, report);
    assert.equal(wrong.code, 3);
    assert.match(
      wrong.stderr,
      /stdin: this looks like a Vapi webhook, not a Retell one: use --provider vapi/
    );
  });

  it("says 'did you mean' for a mistyped option, command, provider or scenario", async () => {
    const option = await callcap(["send", "-", "--concurency", "2"], env);
    assert.equal(option.code, 2);
    assert.match(option.stderr, /unknown option --concurency: did you mean --concurrency\?/);
    assert.match((await callcap(["sned", "-"], env)).stderr, /unknown command sned: did you mean send\?/);
    assert.match(
      (await callcap(["validate", "-", "--provider", "vapy"], env, "{}")).stderr,
      /Unknown provider vapy: did you mean vapi\?/
    );
    assert.match((await callcap(["simulate", "emergancy"], env)).stderr, /did you mean emergency\?/);
  });

  it("prints each warning once, even when the org's result repeats it", async () => {
    const call = JSON.stringify({ callId: "long-1", from: "+15551110020", transcript: "t".repeat(140_000) });
    const run = await callcap(["send", "-"], env, call);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr.match(/truncated/g)?.length, 1, run.stderr);
  });

  it("refuses an http or missing instance URL, with no fallback to login.salesforce.com", async () => {
    const insecure = await callcap(["health"], {
      CALLCAP_INSTANCE_URL: "http://acme.my.salesforce.com",
      CALLCAP_ACCESS_TOKEN: "t"
    });
    assert.equal(insecure.code, 2);
    assert.match(insecure.stderr, /instanceUrl "http:\/\/acme\.my\.salesforce\.com" is not https/);
    const missing = await callcap(["health"], { CALLCAP_CLIENT_ID: "id", CALLCAP_CLIENT_SECRET: "s" });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /CALLCAP_INSTANCE_URL is required/);
  });

  it("get --wait polls a queued call until it has its outcome; send counts queued as delivered", async () => {
    org.queue = { every: 1, polls: 1 };
    try {
      const sent = await callcap(["send", "-"], env, '{"callId":"queued-cli","from":"+15551110030"}');
      assert.equal(sent.code, 0, "queued is delivered: nothing to resend");
      assert.match(sent.stdout, /queued-cli: queued/);
      const got = await callcap(["get", "queued-cli", "--wait", "--timeout", "10"], env);
      assert.equal(got.code, 0, got.stderr);
      assert.match(got.stdout, /queued-cli: created \(lead_created\)/);
      assert.equal(org.reads.get("queued-cli"), 2);
    } finally {
      org.queue = undefined;
    }
  });

  it("lookup prints who is calling, and --repeat times more lookups (p50, p95)", async () => {
    org.callers.set("14155550100", {
      known: true,
      firstName: "Maria",
      openOpportunityStage: "Qualification",
      lastCallDate: "2026-06-02",
      lastCallReason: "Plumbing",
      callbackOwed: true,
      ownerFirstName: "Sam"
    });
    const known = await callcap(["lookup", "+1 (415) 555-0100"], env);
    assert.equal(known.code, 0, known.stderr);
    assert.match(known.stdout, /known caller: yes\nfirst name: Maria\n/);
    assert.match(known.stdout, /open opportunity stage: Qualification/);
    assert.match(known.stdout, /last call: 2026-06-02 about Plumbing/);
    assert.match(known.stdout, /callback owed: yes/);
    assert.match(
      known.stdout,
      /summary: Known caller: Maria\. Open opportunity: Qualification\. Last call 2026-06-02 about Plumbing\. A callback is owed\. Owner: Sam\./
    );
    assert.match(known.stderr, /round trip: \d+ ms \(the first request/);
    assert.deepStrictEqual(org.lookups.slice(-1), ["+1 (415) 555-0100"], "the number as typed");

    const before = org.lookups.length;
    const timed = await callcap(["lookup", "4155550199", "--repeat", "5", "--json"], env);
    assert.equal(timed.code, 0, timed.stderr);
    const output = JSON.parse(timed.stdout) as {
      answer: { known: boolean; summary: string };
      firstMs: number;
      latency: { lookups: number; p50Ms: number; p95Ms: number; minMs: number; maxMs: number };
    };
    assert.equal(output.answer.known, false);
    assert.equal(output.answer.summary, "Unknown caller: no record has this number.");
    assert.equal(output.latency.lookups, 5);
    const { minMs, p50Ms, p95Ms, maxMs } = output.latency;
    assert.ok(minMs <= p50Ms && p50Ms <= p95Ms && p95Ms <= maxMs, timed.stdout);
    assert.equal(org.lookups.length - before, 6, "the first lookup and 5 timed ones");

    for (const bad of [["lookup"], ["lookup", "1", "--repeat", "0"], ["lookup", "1", "--repeat", "1001"]]) {
      const run = await callcap(bad, env);
      assert.equal(run.code, 2, bad.join(" "));
    }
    assert.match((await callcap(["lookup"], env)).stderr, /lookup needs the caller's phone number/);
    assert.match(
      (await callcap(["lookup", "1", "--repeat", "x"], env)).stderr,
      /--repeat must be a whole number from 1 to 1000/
    );
  });

  it("webhook-url prints each vendor's Site URL and settings, namespaced or not, and refuses an org domain", async () => {
    const retell = await callcap([
      "webhook-url",
      "--vendor",
      "retell",
      "--site-url",
      "https://acme.my.salesforce-sites.com/calls/"
    ]);
    assert.equal(retell.code, 0, retell.stderr);
    assert.match(
      retell.stdout,
      /^Retell webhook URL:\n  https:\/\/acme\.my\.salesforce-sites\.com\/calls\/services\/apexrest\/callcap\/v1\/webhooks\/retell\n/
    );
    assert.match(retell.stdout, /call_ended and call_analyzed/);
    assert.match(retell.stdout, /Signing secret:\n  - Retell signs every webhook with your API key/);
    assert.doesNotMatch(retell.stderr, /--site-url/, "no placeholder note when the URL is exact");

    const vapi = await callcap(["webhook-url", "--vendor", "Vapi", "--json"], { CALLCAP_NAMESPACE: "none" });
    assert.equal(vapi.code, 0, vapi.stderr);
    const setup = JSON.parse(vapi.stdout) as {
      vendor: string;
      url: string;
      exact: boolean;
      vendorSettings: string[];
    };
    assert.equal(setup.vendor, "vapi");
    assert.equal(setup.url, "https://<your Site's domain>[/<its path>]/services/apexrest/v1/webhooks/vapi");
    assert.equal(setup.exact, false);
    assert.ok(setup.vendorSettings.some((line) => /X-Vapi-Secret/.test(line)));

    const twilio = await callcap([
      "webhook-url",
      "--vendor",
      "twilio",
      "--site-url",
      "https://acme.my.salesforce-sites.com",
      "--namespace",
      "acme"
    ]);
    assert.match(
      twilio.stdout,
      /https:\/\/acme\.my\.salesforce-sites\.com\/services\/apexrest\/acme\/v1\/webhooks\/twilio/
    );
    assert.match(twilio.stdout, /with no query string/);

    const refusals: [string[], RegExp][] = [
      [[], /webhook-url needs --vendor retell\|vapi\|twilio/],
      [["--vendor", "retel"], /unknown vendor retel: did you mean retell\?/],
      [
        ["--vendor", "retell", "--site-url", "https://acme.my.salesforce.com"],
        /is the org's own domain, not a Site's/
      ],
      [
        ["--vendor", "retell", "--site-url", "http://acme.my.salesforce-sites.com"],
        /--site-url must be https:\/\//
      ],
      [
        ["--vendor", "twilio", "--site-url", "https://acme.my.salesforce-sites.com/?a=1"],
        /no query string or fragment/
      ],
      [
        [
          "--vendor",
          "retell",
          "--site-url",
          "https://acme.my.salesforce-sites.com/services/apexrest/callcap/v1/webhooks/retell"
        ],
        /not a webhook URL/
      ],
      [["--vendor", "retell", "--namespace", "no-such ns"], /a namespace is a letter/]
    ];
    for (const [args, message] of refusals) {
      const run = await callcap(["webhook-url", ...args]);
      assert.equal(run.code, 2, args.join(" "));
      assert.match(run.stderr, message);
    }
  });

  it("runs the project's pinned sf or one on PATH, never a node_modules/.bin/sf found above the working directory", () => {
    const root = mkdtempSync(path.join(tmpdir(), "callcap-sf-lookup-"));
    const planted = path.join(root, "node_modules/.bin");
    mkdirSync(planted, { recursive: true });
    writeFileSync(path.join(planted, "sf"), "#!/bin/sh\n");
    chmodSync(path.join(planted, "sf"), 0o755);
    const sdkRoot = path.join(root, "ts-sdk");
    mkdirSync(sdkRoot);
    const previous = process.cwd();
    process.chdir(sdkRoot);
    try {
      // The working directory's parent has node_modules/.bin/sf; neither it nor a relative PATH entry is used.
      assert.throws(() => findSf({ PATH: "node_modules/.bin:." }, sdkRoot), /No sf CLI found on PATH/);
      // The project's pinned sf, beside the SDK's folder, is.
      const pinned = path.join(root, "tools/sf-cli/node_modules/.bin");
      mkdirSync(pinned, { recursive: true });
      writeFileSync(path.join(root, "tools/sf-cli/package.json"), "{}");
      writeFileSync(path.join(pinned, "sf"), "#!/bin/sh\n");
      assert.equal(findSf({ PATH: "" }, sdkRoot), path.join(pinned, "sf"));
      // Then sf from an absolute PATH entry.
      assert.equal(findSf({ PATH: planted }, undefined), path.join(planted, "sf"));
    } finally {
      process.chdir(previous);
    }
  });

  it("an org that is down stops the run after 5 network failures in a row and writes every unsent call to the failures file", async () => {
    const listener = createServer();
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const { port } = listener.address() as AddressInfo;
    await new Promise<void>((resolve) => listener.close(() => resolve()));
    const failures = path.join(mkdtempSync(path.join(tmpdir(), "callcap-down-")), "failed.ndjson");
    const input = Array.from({ length: 1_000 }, (_, index) =>
      JSON.stringify({ callId: `down-${index}`, from: "+15551110040" })
    ).join("\n");
    const run = await callcap(
      ["send", "-", "--concurrency", "4", "--failures", failures],
      { ...env, CALLCAP_INSTANCE_URL: `http://127.0.0.1:${port}` },
      input
    );
    assert.equal(run.code, 5, run.stderr);
    assert.equal(
      run.stderr.match(/stopped: Stopped after 5 network failures in a row/g)?.length,
      1,
      run.stderr
    );
    assert.match(run.stderr, /connection refused by 127\.0\.0\.1/);
    assert.equal(
      readFileSync(failures, "utf8").trim().split("\n").length,
      1_000,
      "every unsent call, for resending"
    );
  });
});

describe("latencyOf", () => {
  it("gives p50 and p95 by nearest rank: round trips that were measured, never interpolated", () => {
    const samples = Array.from({ length: 20 }, (_, index) => 20 - index); // 20 … 1, unsorted
    assert.deepStrictEqual(latencyOf(samples), { lookups: 20, p50Ms: 10, p95Ms: 19, minMs: 1, maxMs: 20 });
    assert.deepStrictEqual(latencyOf([7]), { lookups: 1, p50Ms: 7, p95Ms: 7, minMs: 7, maxMs: 7 });
    assert.deepStrictEqual(latencyOf([3, 1]), { lookups: 2, p50Ms: 1, p95Ms: 3, minMs: 1, maxMs: 3 });
    assert.throws(() => latencyOf([]), RangeError);
  });
});

describe("totals", () => {
  it("counts filtered calls (junk logged as a call only) as delivered, and only failed ones as not", () => {
    const result = (status: string, index: number) =>
      ({ callId: `t-${index}`, index, status, outcome: "none" }) as never;
    const counts = totals([result("filtered", 0), result("queued", 1), result("failed", 2)], 1);
    assert.equal(counts.filtered, 1);
    assert.equal(counts.queued, 1);
    assert.equal(counts.delivered, 2);
  });
});
