// Verifying a vendor's webhook signature, for a sender that still receives the vendor's webhooks itself and
// relays them to the org. The same algorithms and the same five-minute window as the org's own check of
// webhooks that reach it straight through a Site (WebhookSignatures.cls; docs/direct-webhooks.md), so a
// request is valid here exactly when it would be valid there. The test vectors are shared with the Apex
// tests (test/fixtures/webhook-signatures.json).
import { createHmac, timingSafeEqual } from "node:crypto";
import { ConfigurationError } from "./errors.js";

/** The vendors whose webhooks can be verified. */
export type WebhookVendor = "retell" | "vapi" | "twilio";

/** `valid`; `invalid` (missing, malformed or wrong); `expired`: rightly signed, more than 5 minutes from now. */
export type WebhookVerdict = "valid" | "invalid" | "expired";

/** A webhook request as received, before anything else reads it. */
export interface WebhookRequest {
  /**
   * The raw body, exactly as received (a Buffer, or its text): the signature covers these bytes, so a body
   * parsed and serialized again does not verify. Twilio's is the form body (`application/x-www-form-urlencoded`).
   */
  body: string | Uint8Array;
  /** The request's headers: Node's `request.headers`, a fetch `Headers`, or a plain object (any case). */
  headers: Headers | Record<string, string | string[] | undefined>;
  /** Twilio only: the full URL Twilio called (the one set in Twilio's console), which it signs. */
  url?: string;
}

export interface VerifyWebhookOptions {
  /** The current time in ms since the epoch (default Date.now()), for the replay window. */
  now?: number;
}

/** How far a signed timestamp may be from now, either way: five minutes, as Retell's own SDK allows. */
export const WEBHOOK_REPLAY_WINDOW_MS = 5 * 60 * 1000;
/** Epoch values below this are seconds, not milliseconds (Vapi does not document its unit). */
const SECONDS_BELOW = 100_000_000_000;
const RETELL_SIGNATURE = /v=(\d+),d=(.*)/;

/**
 * Whether a webhook request carries a valid signature made with one of `secrets` (two may be active while
 * one is rotated):
 * - Retell: `x-retell-signature: v=<ms>,d=<hex HMAC-SHA256 of body + ms>`, keyed with the API key that has
 *   the webhook badge (the algorithm of retell-sdk's `verify`); the timestamp within five minutes.
 * - Vapi: an HMAC credential with its defaults (`x-signature` = hex HMAC-SHA256 of `{x-timestamp}.{body}`,
 *   an optional `sha256=` prefix; the timestamp in seconds or ms, within five minutes), or else the shared
 *   secret itself in `x-vapi-secret` (or `x-vapi-signature`, where Vapi's earlier documentation sent it).
 * - Twilio: `X-Twilio-Signature` = base64 HMAC-SHA1 of the URL followed by each POST parameter's name and
 *   value, names sorted, keyed with the Auth Token; HMAC-SHA256 when `X-Twilio-Webhooks-Signature-Settings`
 *   names `algorithm=HMAC_SHA256` (a Webhooks Rule's shared key). Twilio signs no timestamp.
 * Signatures are compared in constant time. No secret at all is a ConfigurationError, never a pass.
 */
export function verifyWebhook(
  vendor: WebhookVendor,
  request: WebhookRequest,
  secrets: string | readonly string[],
  options: VerifyWebhookOptions = {}
): WebhookVerdict {
  const keys = (typeof secrets === "string" ? [secrets] : [...secrets]).filter(
    (secret) => typeof secret === "string" && secret !== ""
  );
  if (keys.length === 0) {
    throw new ConfigurationError(`verifyWebhook(${vendor}): no signing secret given (an empty one is none)`);
  }
  const now = options.now ?? Date.now();
  const header = headerReader(request.headers);
  const body =
    typeof request.body === "string" ? Buffer.from(request.body, "utf8") : Buffer.from(request.body);
  switch (vendor) {
    case "retell":
      return verifyRetell(body, header("x-retell-signature"), keys, now);
    case "vapi":
      return verifyVapi(body, header, keys, now);
    case "twilio":
      return verifyTwilio(body, request.url, header, keys);
    default:
      throw new ConfigurationError(
        `verifyWebhook: unknown vendor ${String(vendor)} (retell, vapi or twilio)`
      );
  }
}

function verifyRetell(body: Buffer, header: string | undefined, keys: string[], now: number): WebhookVerdict {
  const parts = header === undefined ? null : RETELL_SIGNATURE.exec(header);
  if (!parts) return "invalid";
  const signedAt = epoch(parts[1]!);
  if (signedAt === undefined) return "invalid";
  for (const key of keys) {
    const expected = hmac("sha256", key, body, parts[1]!).toString("hex");
    if (sameText(expected, parts[2]!)) return withinWindow(signedAt, now) ? "valid" : "expired";
  }
  return "invalid";
}

function verifyVapi(
  body: Buffer,
  header: (name: string) => string | undefined,
  keys: string[],
  now: number
): WebhookVerdict {
  const signature = header("x-signature");
  if (signature !== undefined) {
    const timestamp = header("x-timestamp");
    const signedAt = timestamp === undefined ? undefined : epoch(timestamp);
    if (signedAt === undefined) return "invalid";
    const presented = signature.replace(/^sha256=/, "").toLowerCase();
    for (const key of keys) {
      const expected = hmac("sha256", key, `${timestamp}.`, body).toString("hex");
      if (sameText(expected, presented)) {
        return withinWindow(signedAt < SECONDS_BELOW ? signedAt * 1000 : signedAt, now) ? "valid" : "expired";
      }
    }
    return "invalid";
  }
  const presented = header("x-vapi-secret") ?? header("x-vapi-signature");
  if (presented === undefined) return "invalid";
  return keys.some((key) => sameText(key, presented)) ? "valid" : "invalid";
}

function verifyTwilio(
  body: Buffer,
  url: string | undefined,
  header: (name: string) => string | undefined,
  keys: string[]
): WebhookVerdict {
  const signature = header("x-twilio-signature");
  if (signature === undefined || !url) return "invalid";
  const algorithm = header("x-twilio-webhooks-signature-settings")?.includes("algorithm=HMAC_SHA256")
    ? "sha256"
    : "sha1";
  const text = twilioSignedText(url, new URLSearchParams(body.toString("utf8")));
  return keys.some((key) => sameText(hmac(algorithm, key, text).toString("base64"), signature))
    ? "valid"
    : "invalid";
}

/**
 * What Twilio signs: the URL, then each parameter's name and value, names in sorted order (case-sensitive,
 * by UTF-16 code unit, as the org sorts them); one value per name, the last, as the org reads the form.
 */
export function twilioSignedText(url: string, params: URLSearchParams): string {
  const byName = new Map<string, string>();
  for (const [name, value] of params) byName.set(name, value);
  return [url, ...[...byName.keys()].sort().map((name) => `${name}${byName.get(name)}`)].join("");
}

function hmac(algorithm: "sha1" | "sha256", key: string, ...parts: (string | Buffer)[]): Buffer {
  const mac = createHmac(algorithm, key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** Equal texts, compared in time that depends on their length only, not on where they first differ. */
function sameText(expected: string, presented: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(presented, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A timestamp of 1 to 18 digits as a number (the org reads it into a Long), else undefined. */
function epoch(digits: string): number | undefined {
  return /^\d{1,18}$/.test(digits) ? Number(digits) : undefined;
}

const withinWindow = (signedAtMs: number, now: number) =>
  Math.abs(now - signedAtMs) <= WEBHOOK_REPLAY_WINDOW_MS;

/** Reads a header by its lower-case name from any of the header shapes a server hands over. */
function headerReader(headers: WebhookRequest["headers"]): (name: string) => string | undefined {
  if (typeof (headers as Headers).get === "function") {
    return (name) => (headers as Headers).get(name) ?? undefined;
  }
  const byName = new Map<string, string>();
  for (const [name, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === "string") byName.set(name.toLowerCase(), text);
  }
  return (name) => byName.get(name);
}
