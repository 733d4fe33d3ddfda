// verifyWebhook against the vendors' documented examples and the org's own vectors: every vector in
// test/fixtures/webhook-signatures.json gets its verdict here, and the vectors are the Apex test's
// (WebhookSignatures_Tests.cls) — each shared vector's values appear there, and every signature that test
// asserts is a vector here — so the SDK and the org accept exactly the same requests.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { ConfigurationError, verifyWebhook, WEBHOOK_REPLAY_WINDOW_MS } from "../src/index.js";
import type { WebhookVendor, WebhookVerdict } from "../src/index.js";
import { twilioSignedText } from "../src/webhook-signatures.js";

interface Vector {
  name: string;
  vendor: WebhookVendor;
  source: string;
  apexTest?: string;
  url?: string;
  body: string;
  headers: Record<string, string>;
  secrets: string[];
  nowMs?: number;
  verdict: WebhookVerdict;
}

// Compiled to dist/esm/test/: the SDK's folder is three levels up, the repository's four.
const fixture = new URL("../../../test/fixtures/webhook-signatures.json", import.meta.url);
const { vectors } = JSON.parse(readFileSync(fixture, "utf8")) as { vectors: Vector[] };
const apexTests = readFileSync(
  new URL("../../../../force-app/tests/webhooks/classes/WebhookSignatures_Tests.cls", import.meta.url),
  "utf8"
);

const verify = (vector: Vector, changes: Partial<Vector> = {}) => {
  const request = { ...vector, ...changes };
  return verifyWebhook(
    request.vendor,
    { body: request.body, headers: request.headers, ...(request.url ? { url: request.url } : {}) },
    request.secrets,
    request.nowMs === undefined ? {} : { now: request.nowMs }
  );
};
const named = (name: string) => vectors.find((vector) => vector.name.startsWith(name))!;

/** The values a vector is made of, as they are written in the Apex test (quoted, or a Long timestamp). */
function apexLiterals(vector: Vector): string[] {
  const literals = [...vector.secrets.map((secret) => `'${secret}'`)];
  for (const [name, value] of Object.entries(vector.headers)) {
    if (name.toLowerCase() === "x-retell-signature") {
      const [, signedAt, digest] = /v=(\d+),d=(.*)/.exec(value)!;
      literals.push(`${signedAt}L`, `'${digest}'`);
    } else literals.push(`'${value.replace(/^sha256=/, "")}'`);
  }
  if (vector.vendor === "twilio") {
    literals.push(`'${vector.url}'`);
    for (const value of new URLSearchParams(vector.body).values()) literals.push(`'${value}'`);
  } else if (vector.body !== "{}") literals.push(`'${vector.body}'`);
  return literals;
}

describe("verifyWebhook", () => {
  for (const vector of vectors) {
    it(`${vector.vendor}: ${vector.name} → ${vector.verdict}`, () => {
      assert.equal(verify(vector), vector.verdict);
    });
  }

  it("uses the Apex test's vectors, and the Apex test uses these", () => {
    for (const vector of vectors.filter((candidate) => candidate.apexTest)) {
      assert.match(
        apexTests,
        new RegExp(`static void ${vector.apexTest}\\(`),
        `${vector.name}: no such Apex test`
      );
      for (const literal of apexLiterals(vector)) {
        assert.ok(
          apexTests.includes(literal),
          `${vector.name}: ${literal} is not in WebhookSignatures_Tests`
        );
      }
    }
    // Every signature the Apex test writes (hex SHA-256 digests, base64 SHA-1 and SHA-256 signatures).
    const signatures = apexTests.match(/'([0-9a-f]{64}|[A-Za-z0-9+/]{27}=|[A-Za-z0-9+/]{43}=)'/g) ?? [];
    assert.ok(signatures.length >= 4, `only ${signatures.length} signatures found in the Apex test`);
    const ours = JSON.stringify(vectors);
    for (const signature of signatures) {
      assert.ok(ours.includes(signature.slice(1, -1)), `${signature} of the Apex test is not a vector here`);
    }
  });

  it("computes Twilio's documented text and each vendor's documented digest", () => {
    const twilio = named("Twilio's documented example, caller +14158675309");
    const text = twilioSignedText(twilio.url!, new URLSearchParams(twilio.body));
    assert.equal(
      text,
      "https://mycompany.com/myapp.php?foo=1&bar=2CallSidCA1234567890ABCDECaller+14158675309Digits1234From+14158675309To+18005551212"
    );
    // retell-sdk's sign(): the same HMAC, computed independently of the SDK's code.
    const retell = named("Retell call_ended");
    const [, signedAt, digest] = /v=(\d+),d=(.*)/.exec(retell.headers["x-retell-signature"]!)!;
    assert.equal(
      createHmac("sha256", retell.secrets[0]!)
        .update(retell.body + signedAt)
        .digest("hex"),
      digest
    );
  });

  it("reads headers from Node, from fetch, in any case, and bodies as text or bytes", () => {
    const twilio = named("Twilio's documented example, caller +14158675309");
    const request = { url: twilio.url!, body: Buffer.from(twilio.body) };
    assert.equal(
      verifyWebhook("twilio", { ...request, headers: new Headers(twilio.headers) }, "12345"),
      "valid"
    );
    assert.equal(
      verifyWebhook(
        "twilio",
        { ...request, headers: { "x-twilio-signature": ["RSOYDt4T1cUTdK1PDd93/VVr8B8="] } },
        "12345"
      ),
      "valid"
    );
    assert.equal(
      verifyWebhook("twilio", { body: twilio.body, headers: twilio.headers }, "12345"),
      "invalid",
      "no URL"
    );
  });

  it("keeps the window at five minutes either way, with Vapi timestamps in seconds or ms", () => {
    const retell = named("Retell call_ended");
    const signedAt = 1714608491736;
    assert.equal(verify(retell, { nowMs: signedAt + WEBHOOK_REPLAY_WINDOW_MS }), "valid", "exactly 5 min");
    assert.equal(
      verify(retell, { nowMs: signedAt - WEBHOOK_REPLAY_WINDOW_MS - 1 }),
      "expired",
      "from the future"
    );
    assert.equal(
      verify(retell, { body: retell.body.replace("inbound", "outbound") }),
      "invalid",
      "a changed body"
    );
    assert.equal(verify(retell, { headers: { "x-retell-signature": `d=${"0".repeat(64)}` } }), "invalid");
    assert.equal(verify(retell, { headers: {} }), "invalid", "no header");

    const vapi = named("Vapi HMAC credential, timestamp in seconds");
    const inMs = "1714608491000";
    const signature = createHmac("sha256", "vapi_hmac_secret").update(`${inMs}.${vapi.body}`).digest("hex");
    assert.equal(verify(vapi, { headers: { "x-signature": signature, "x-timestamp": inMs } }), "valid");
    assert.equal(
      verify(vapi, { headers: { "x-signature": signature.toUpperCase(), "x-timestamp": inMs } }),
      "valid",
      "hex in upper case"
    );
    assert.equal(verify(vapi, { headers: { "x-signature": signature } }), "invalid", "no timestamp");
    assert.equal(verify(vapi, { body: `${vapi.body} ` }), "invalid", "a changed body");
    assert.equal(verify(named("Vapi secret in x-vapi-secret"), { headers: {} }), "invalid", "no header");
  });

  it("refuses to run without a secret rather than passing anything", () => {
    const vapi = named("Vapi secret in x-vapi-secret");
    assert.throws(
      () => verifyWebhook("vapi", { body: "{}", headers: { "x-vapi-secret": "" } }, ""),
      ConfigurationError
    );
    assert.throws(() => verifyWebhook("vapi", { body: "{}", headers: vapi.headers }, []), ConfigurationError);
  });
});
