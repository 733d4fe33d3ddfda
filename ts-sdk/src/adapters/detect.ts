// Which vendor sent a webhook, from its shape alone, and the adapter for it. Used when a sender (or the
// CLI without --provider) has a payload but did not say whose: a Vapi report sent as if it were a call
// would otherwise fail with "callId is required" and no hint.
import type { Call } from "../types.js";
import { fromRetell } from "./retell.js";
import { asObject, asString } from "./shared.js";
import { fromTwilio, type TwilioCallback } from "./twilio.js";
import { fromVapi } from "./vapi.js";

export type Provider = "vapi" | "retell" | "twilio";

export const PROVIDERS: readonly Provider[] = ["vapi", "retell", "twilio"];

/** The adapter of each provider: a payload (a parsed body; for Twilio also a form body string) → a call. */
export const ADAPTERS: Readonly<Record<Provider, (payload: unknown) => Call>> = {
  vapi: fromVapi,
  retell: fromRetell,
  twilio: (payload) => fromTwilio(payload as TwilioCallback)
};

const RETELL_EVENTS = new Set(["call_started", "call_ended", "call_analyzed", "transcript_updated"]);

/**
 * The provider whose webhook this payload looks like, or undefined (a call object, or something else):
 * - Vapi: a server message `{ message: { type, call, … } }` (or the bare message) with a Vapi `type`
 *   such as `end-of-call-report`, or an `artifact`;
 * - Retell: `{ event: "call_ended" | "call_analyzed" | …, call: { call_id } }`, or a bare call object
 *   with `call_id`;
 * - Twilio: a form body or object with `CallSid` (Twilio's parameters are capitalised).
 */
export function detectProvider(payload: unknown): Provider | undefined {
  if (typeof payload === "string") {
    return /(^|&)CallSid=/.test(payload) ? "twilio" : undefined;
  }
  const body = asObject(payload);
  if (!body) return undefined;
  if (asString(body.CallSid)) return "twilio";
  const message = asObject(body.message) ?? body;
  const type = asString(message.type);
  if (
    (type &&
      /^(end-of-call-report|status-update|conversation-update|transcript|hang|tool-calls)$/.test(type)) ||
    (asObject(message.call) && (asObject(message.artifact) || asString(message.endedReason)))
  ) {
    return "vapi";
  }
  const event = asString(body.event);
  const call = asObject(body.call) ?? asObject(body.data);
  if ((event && RETELL_EVENTS.has(event) && call) || asString(call?.call_id) || asString(body.call_id)) {
    return "retell";
  }
  return undefined;
}
