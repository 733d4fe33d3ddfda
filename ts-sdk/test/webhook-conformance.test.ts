// The shared conformance cases of the vendor adapters: real Retell, Vapi and Twilio payloads and the call each must
// become (force-app/main/webhooks/staticresources/WebhookConformance.json, also run by the Apex adapters'
// VendorCallAdapters_Tests), so a payload gives the same call whether it reaches the org through the SDK or straight
// to the org's webhook endpoint. And the vendors' end-reason tables must hold the same rows on both sides.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { fromRetell, RETELL_DISCONNECTION_REASONS } from "../src/adapters/retell.js";
import {
  fromTwilio,
  TWILIO_ANSWERED_BY,
  TWILIO_CALL_STATUSES,
  TWILIO_DIAL_STATUSES
} from "../src/adapters/twilio.js";
import { fromVapi, VAPI_ENDED_REASONS, VAPI_FAMILIES } from "../src/adapters/vapi.js";

type Json = Record<string, unknown>;
interface ConformanceCase {
  name: string;
  vendor: "retell" | "vapi" | "twilio";
  source: { url?: string; repository?: string; path?: string; commit?: string; locator: string };
  provenance: string;
  payload?: unknown;
  payloads?: Record<string, string>[];
  expected?: Json;
  expectedError?: string;
  /** Why the SDK does not give this call yet: the comparison runs as a todo until the SDK does. */
}

// Compiled to dist/esm/test/: the repository root is four levels up.
const root = new URL("../../../../", import.meta.url);
const conformance = JSON.parse(
  readFileSync(new URL("force-app/main/webhooks/staticresources/WebhookConformance.json", root), "utf8")
) as { cases: ConformanceCase[] };

function adapt(testCase: ConformanceCase): unknown {
  if (testCase.vendor === "twilio") return fromTwilio(...(testCase.payloads ?? []));
  return testCase.vendor === "vapi" ? fromVapi(testCase.payload) : fromRetell(testCase.payload);
}

function check(testCase: ConformanceCase): void {
  if (testCase.expectedError !== undefined) {
    assert.throws(() => adapt(testCase), { message: testCase.expectedError });
  } else {
    assert.deepEqual(adapt(testCase), testCase.expected);
  }
}

describe("webhook conformance: the SDK adapters give each vendor payload its expected call", () => {
  it("holds sourced cases for every vendor", () => {
    assert.ok(conformance.cases.length >= 12, `only ${conformance.cases.length} cases`);
    for (const vendor of ["retell", "vapi", "twilio"]) {
      assert.ok(
        conformance.cases.some((c) => c.vendor === vendor && c.provenance !== "sdk-fixture"),
        `no real ${vendor} payload`
      );
    }
    for (const c of conformance.cases) {
      assert.ok((c.source.url ?? c.source.repository) && c.source.locator, `${c.name} has no source`);
    }
  });

  for (const testCase of conformance.cases) {
    it(testCase.name, () => check(testCase));
  }
});

describe("vendor end-reason tables agree with the Apex adapters (VendorEndReasons.cls)", () => {
  const apex = readFileSync(new URL("force-app/main/webhooks/classes/VendorEndReasons.cls", root), "utf8");
  const constants: Record<string, string> = {
    ANSWERED_BY_AI: "answered/ai",
    ANSWERED_BY_HUMAN: "answered/human",
    VOICEMAIL: "voicemail/voicemail",
    MISSED: "missed/none",
    FORWARD_NOT_ANSWERED: "missed/ai",
    ABANDONED: "abandoned/none",
    null: "none"
  };
  /** The rows of one Apex map constant: 'key' => VendorCallFields.NAME (or null). */
  const apexTable = (name: string): Record<string, string> => {
    const block = apex.match(new RegExp(`${name} = new Map<String, List<String>>\\{([\\s\\S]*?)\\n  \\};`));
    assert.ok(block, `VendorEndReasons.${name} not found`);
    return Object.fromEntries(
      [...block[1]!.matchAll(/'([^']+)'\s*=>\s*(?:VendorCallFields\.)?(\w+)/g)].map((m) => [
        m[1]!,
        constants[m[2]!]!
      ])
    );
  };
  const sdkTable = (
    table: Readonly<Record<string, readonly unknown[] | undefined>>
  ): Record<string, string> =>
    Object.fromEntries(
      Object.entries(table).map(([key, outcome]) => [key, outcome ? outcome.join("/") : "none"])
    );

  it("Vapi endedReason, Retell disconnection_reason and Twilio statuses", () => {
    assert.deepEqual(apexTable("VAPI_ENDED_REASONS"), sdkTable(VAPI_ENDED_REASONS));
    assert.deepEqual(apexTable("RETELL_DISCONNECTION_REASONS"), sdkTable(RETELL_DISCONNECTION_REASONS));
    assert.deepEqual(apexTable("TWILIO_CALL_STATUSES"), sdkTable(TWILIO_CALL_STATUSES));
    assert.deepEqual(apexTable("TWILIO_DIAL_STATUSES"), sdkTable(TWILIO_DIAL_STATUSES));
    assert.deepEqual(apexTable("TWILIO_ANSWERED_BY"), sdkTable(TWILIO_ANSWERED_BY));
  });

  it("Vapi families by prefix, in order", () => {
    const apexFamilies = [...apex.matchAll(/new List<Object>\{ '([^']+)', VendorCallFields\.(\w+) \}/g)].map(
      (m) => `${m[1]}=${constants[m[2]!]}`
    );
    assert.deepEqual(
      apexFamilies,
      VAPI_FAMILIES.map(([prefix, outcome]) => `${prefix}=${outcome.join("/")}`)
    );
  });
});
