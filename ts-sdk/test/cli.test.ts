// CLI tests: spawn the built binary (dist/cjs/cli/main.js, the package's "bin") against the loopback org.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
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

function callcap(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
  script = bin
): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [script, ...args],
      { env: { PATH: process.env.PATH ?? "", ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      }
    );
    child.stdin?.end(input ?? "");
  });
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
      ["replay", "--help"]
    ]) {
      const run = await callcap(args);
      assert.equal(run.code, 0, args.join(" "));
      assert.match(run.stdout, /Usage: callcap/);
    }
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
      /totals: 3 calls: 0 created, 0 updated, 0 duplicate, 0 needs review, 0 queued, 3 failed; 0 delivered; 5 requests/
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

  it("exits 4 when the token endpoint refuses the credentials, for one call and for many", async () => {
    const wrongSecret = {
      CALLCAP_INSTANCE_URL: org.url,
      CALLCAP_CLIENT_ID: "id",
      CALLCAP_CLIENT_SECRET: "wrong",
      CALLCAP_ALLOW_HTTP_LOOPBACK: "1"
    };
    const failures = path.join(mkdtempSync(path.join(tmpdir(), "callcap-")), "failed.ndjson");
    const one = '{"callId":"auth-1","from":"+15551110011"}';
    const two = `${one}\n{"callId":"auth-2","from":"+15551110012"}`;
    for (const input of [one, two]) {
      const run = await callcap(["send", "-", "--failures", failures], wrongSecret, input);
      assert.equal(run.code, 4, run.stderr);
      assert.match(run.stdout + run.stderr, /invalid_client/, "the reason is shown");
    }
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
});
