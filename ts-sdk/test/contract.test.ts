// The SDK against the contract (docs/api/openapi.yaml): generated types are current, local validation
// agrees with the Call schema on the contract's examples and on probes of every constraint, and the
// published ESM and CJS entry points load.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import YAML from "yaml";
import { findCallIssues } from "../src/index.js";

const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const contractPath = path.resolve(sdk, "../docs/api/openapi.yaml");
const contract = YAML.parse(readFileSync(contractPath, "utf8")) as {
  components: {
    schemas: Record<string, unknown>;
    examples: Record<string, { value?: unknown; externalValue?: string }>;
  };
};

/** The Call schema compiled with Ajv (refs rewritten to $defs), the reference the SDK must agree with. */
function callSchemaValidator() {
  const rewrite = (node: unknown): unknown =>
    Array.isArray(node)
      ? node.map(rewrite)
      : node && typeof node === "object"
        ? Object.fromEntries(
            Object.entries(node).map(([key, value]) => [
              key,
              key === "$ref" ? String(value).replace("#/components/schemas/", "#/$defs/") : rewrite(value)
            ])
          )
        : node;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormatsModule as unknown as (ajv: Ajv2020) => void)(ajv);
  return ajv.compile({ $defs: rewrite(contract.components.schemas), $ref: "#/$defs/Call" });
}

const exampleValue = (example: { value?: unknown; externalValue?: string }) =>
  example.externalValue
    ? JSON.parse(readFileSync(path.resolve(path.dirname(contractPath), example.externalValue), "utf8"))
    : example.value;

describe("contract", () => {
  it("the generated wire types are current with docs/api/openapi.yaml", () => {
    execFileSync(process.execPath, [path.join(sdk, "scripts/generate.mjs"), "--check"], { stdio: "pipe" });
  });

  it("every call example in the contract passes local validation", () => {
    const calls = Object.values(contract.components.examples)
      .map(exampleValue)
      .flatMap((value: { callId?: string; calls?: unknown[] }) =>
        value.calls ? value.calls : value.callId && !("status" in value) ? [value] : []
      );
    assert.ok(calls.length >= 7, `${calls.length} call examples`);
    for (const call of calls) assert.deepEqual(findCallIssues(call), [], JSON.stringify(call).slice(0, 80));
  });

  it("local validation and the Call schema agree on probes of every constraint", () => {
    const validate = callSchemaValidator();
    const base = { callId: "probe", from: "+15551234567" };
    const probes: unknown[] = [
      base,
      { callId: "probe", caller: { email: "a@example.com" } },
      { callId: "probe" },
      { from: "+15551234567" },
      { ...base, callId: "" },
      { ...base, callId: "x".repeat(256) },
      { ...base, callId: 7 },
      { ...base, direction: "sideways" },
      { ...base, disposition: "missed" },
      { ...base, disposition: "hung up" },
      { ...base, answeredBy: "robot" },
      { ...base, startedAt: "2026-06-01T21:04:00Z" },
      { ...base, startedAt: "2026-06-01 21:04" },
      { ...base, durationSeconds: 1.5 },
      { ...base, durationSeconds: -1 },
      { ...base, from: "" },
      { ...base, caller: { email: "nope" } },
      { ...base, caller: { firstName: "x".repeat(41) } },
      { ...base, caller: "John" },
      { ...base, transcript: "text" },
      { ...base, transcript: [{ speaker: "caller", text: "hi", startMs: 0 }] },
      { ...base, transcript: [{ speaker: "caller" }] },
      { ...base, transcript: [{ speaker: "Luna AI", role: "business", text: "How can I help?" }] },
      { ...base, transcript: [{ speaker: "user", role: "caller", text: "My pipe burst", startMs: 900 }] },
      { ...base, transcript: [{ speaker: "agent", role: "agent", text: "Hello" }] },
      { ...base, transcript: 42 },
      { ...base, recordingUrl: "http://example.com/a.mp3" },
      { ...base, recordingUrl: "https://example.com/a.mp3" },
      { ...base, consentToRecord: "yes" },
      { ...base, intelligence: { urgency: 0 } },
      { ...base, intelligence: { urgency: 5, callbackRequested: true } },
      { ...base, intelligence: { budget: { min: 8000, max: 12000, currency: "USD" } } },
      { ...base, intelligence: { budget: { currency: "usd" } } },
      { ...base, intelligence: { budget: { amount: -5 } } },
      { ...base, custom: { roofAgeYears: 15 } },
      { ...base, custom: [] },
      { ...base, unknownProperty: { ignored: true } }
    ];
    for (const probe of probes) {
      const schemaSays = validate(probe);
      const sdkSays = findCallIssues(probe).length === 0;
      assert.equal(sdkSays, schemaSays, `disagree on ${JSON.stringify(probe).slice(0, 120)}`);
    }
  });

  it("the package exports load as ESM and as CJS", async () => {
    // Through the package name, so the "exports" map is what resolves (not checked at compile time: the
    // build that produces dist/ runs in parallel with this file's compilation).
    const packageName: string = "@callcapture/sdk";
    const esm = (await import(packageName)) as Record<string, unknown>;
    const cjs = createRequire(import.meta.url)(packageName) as Record<string, unknown>;
    for (const name of [
      "CallCaptureClient",
      "auth",
      "fromVapi",
      "fromRetell",
      "fromTwilio",
      "ValidationError",
      "ApiError"
    ]) {
      assert.equal(typeof esm[name], typeof cjs[name], name);
      assert.ok(esm[name], name);
    }
    assert.notEqual(esm.CallCaptureClient, cjs.CallCaptureClient, "two separate builds");
  });
});
