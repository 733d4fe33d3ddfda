// Vapi: the `end-of-call-report` server message (POSTed to the assistant's server URL when a call ends).
// Shape per docs.vapi.ai/server-url/end-of-call-report: { message: { type, endedReason, call, customer,
// phoneNumber, artifact: { transcript, messages, recordingUrl | recording: { mono, stereoUrl } },
// analysis: { summary, structuredData }, startedAt, endedAt, durationSeconds } }; older reports put
// recordingUrl, transcript and summary on the message itself, and have no root timestamps (then
// messages[].time, epoch ms, gives them). Consent: call.compliance.recordingConsent { type, grantedAt }.
// Direction: call.type `outboundPhoneCall` is a call the assistant placed; `customer.number` is the other
// party either way, so it is the caller's number in both directions and `phoneNumber.number` the business's.
import type { Call, TranscriptSegment } from "../types.js";
import {
  ABANDONED,
  ANSWERED_BY_AI,
  ANSWERED_BY_HUMAN,
  asNumber,
  asObject,
  asString,
  callerIdentity,
  compact,
  FORWARD_NOT_ANSWERED,
  fromExtractedData,
  httpsUrl,
  MISSED,
  VOICEMAIL,
  type Json,
  type Outcome
} from "./shared.js";

/**
 * Vapi's message roles (artifact.messages: `user`, `bot`, `system`, `tool_calls`, `tool_call_result`;
 * `assistant` in the OpenAI-formatted list): the speaker label shown and whose turn it is. `user` is the
 * customer on inbound and outbound calls alike (Vapi's `customer` is the other party). System and tool
 * messages carry no `message` text and are left out.
 */
const ROLES: Record<string, Pick<TranscriptSegment, "speaker" | "role">> = {
  user: { speaker: "caller", role: "caller" },
  bot: { speaker: "ai", role: "business" },
  assistant: { speaker: "ai", role: "business" }
};

/**
 * Every endedReason of docs.vapi.ai/calls/call-ended-reason that is not an error family, and what it
 * means for the caller. Errors go by their documented prefix (VAPI_FAMILIES).
 */
export const VAPI_ENDED_REASONS: Readonly<Record<string, Outcome>> = {
  "assistant-ended-call": ANSWERED_BY_AI,
  "assistant-ended-call-after-message-spoken": ANSWERED_BY_AI,
  "assistant-ended-call-with-hangup-task": ANSWERED_BY_AI,
  "assistant-said-end-call-phrase": ANSWERED_BY_AI,
  "assistant-forwarded-call": ANSWERED_BY_AI,
  "customer-ended-call": ANSWERED_BY_AI,
  "customer-ended-call-before-warm-transfer": ANSWERED_BY_AI,
  "customer-ended-call-after-warm-transfer-attempt": ANSWERED_BY_AI,
  "customer-ended-call-during-transfer": ANSWERED_BY_AI,
  "exceeded-max-duration": ANSWERED_BY_AI,
  "silence-timed-out": ANSWERED_BY_AI,
  "phone-call-provider-closed-websocket": ANSWERED_BY_AI,
  "worker-shutdown": ANSWERED_BY_AI,
  "call.in-progress.twilio-completed-call": ANSWERED_BY_AI,
  "call.in-progress.sip-completed-call": ANSWERED_BY_AI,
  "call.ending.hook-executed-say": ANSWERED_BY_AI,
  "call.ending.hook-executed-transfer": ANSWERED_BY_AI,
  "vonage-completed": ANSWERED_BY_AI,
  "vonage-disconnected": ANSWERED_BY_AI,
  voicemail: VOICEMAIL,
  "customer-busy": MISSED,
  "customer-did-not-answer": MISSED,
  "assistant-join-timed-out": MISSED,
  "manually-canceled": MISSED,
  "scheduled-call-deleted": MISSED,
  "call-deleted": MISSED,
  "twilio-failed-to-connect-call": MISSED,
  "twilio-reported-customer-misdialed": MISSED,
  "vonage-failed-to-connect-call": MISSED,
  "vonage-rejected": MISSED,
  "phone-call-provider-bypass-enabled-but-no-call-received": MISSED,
  "call.ringing.hook-executed-say": MISSED,
  "call.ringing.hook-executed-transfer": ANSWERED_BY_HUMAN,
  "call.ringing.error-sip-inbound-call-failed-to-connect": MISSED,
  "call.in-progress.error-sip-inbound-call-failed-to-connect": MISSED,
  "call.in-progress.error-sip-outbound-call-failed-to-connect": MISSED,
  "call.in-progress.error-vapifault-transport-never-connected": MISSED,
  "call.in-progress.error-providerfault-transport-never-connected": MISSED,
  "call.in-progress.error-vapifault-worker-not-available": MISSED,
  "call.in-progress.error-vapifault-chat-pipeline-failed-to-start": MISSED,
  "call.in-progress.error-assistant-did-not-receive-customer-audio": MISSED,
  "call.ringing.sip-inbound-caller-hungup-before-call-connect": ABANDONED,
  "customer-did-not-give-microphone-permission": ABANDONED,
  "call.forwarding.operator-busy": FORWARD_NOT_ANSWERED,
  "call.in-progress.error-transfer-failed": FORWARD_NOT_ANSWERED
};

/**
 * Families by documented prefix (most specific first): failures before the call connected (setup,
 * assistant resolution, ringing) are missed; failed transfers owe a callback; pipeline and in-progress
 * errors happened after the assistant answered.
 */
export const VAPI_FAMILIES: readonly (readonly [string, Outcome])[] = [
  ["call.start.error-", MISSED],
  ["call-start-error-", MISSED],
  ["assistant-not-", MISSED],
  ["assistant-request-", MISSED],
  ["call.ringing.", MISSED],
  ["call.forwarding.", FORWARD_NOT_ANSWERED],
  ["call.in-progress.error-warm-transfer-", FORWARD_NOT_ANSWERED],
  ["call.in-progress.error-providerfault-outbound-sip-", MISSED],
  ["call.in-progress.", ANSWERED_BY_AI],
  ["pipeline-", ANSWERED_BY_AI],
  ["assistant-error", ANSWERED_BY_AI]
];

/** The outcome of an endedReason, or undefined for a reason Vapi has not documented (left to the org). */
export function vapiOutcome(endedReason: string | undefined): Outcome | undefined {
  if (!endedReason) return undefined;
  return (
    VAPI_ENDED_REASONS[endedReason] ??
    VAPI_FAMILIES.find(([prefix]) => endedReason.startsWith(prefix))?.[1] ??
    (/-(llm|voice|transcriber)-failed$|-returning-\d{3}-/.test(endedReason) ? ANSWERED_BY_AI : undefined)
  );
}

function segments(messages: unknown, startedAtMs: number | undefined): TranscriptSegment[] | undefined {
  if (!Array.isArray(messages)) return undefined;
  const spoken = messages
    .map(asObject)
    .filter(
      (message): message is Json =>
        !!message && asString(message.role) !== "system" && !!asString(message.message)
    )
    .map((message) => {
      const seconds = asNumber(message.secondsFromStart);
      const time = asNumber(message.time);
      const startMs =
        seconds !== undefined
          ? seconds * 1000
          : time !== undefined && startedAtMs !== undefined
            ? time - startedAtMs
            : undefined;
      const role = asString(message.role) ?? "unknown";
      return compact({
        ...(ROLES[role] ?? { speaker: role }),
        text: asString(message.message)!,
        startMs: startMs === undefined ? undefined : Math.max(0, Math.round(startMs))
      });
    });
  return spoken.length > 0 ? spoken : undefined;
}

/** Start and end (epoch ms) from messages[].time / endTime, for reports without root timestamps. */
function messageSpan(messages: unknown): { start?: number; end?: number } {
  const times = (Array.isArray(messages) ? messages : [])
    .map(asObject)
    .flatMap((message) => [asNumber(message?.time), asNumber(message?.endTime)])
    .filter((time): time is number => time !== undefined && time > 1e11);
  return times.length === 0 ? {} : { start: Math.min(...times), end: Math.max(...times) };
}

/** The recording: mono combined, else the stereo one, else the older flat fields. */
function recording(artifact: Json, message: Json): string | undefined {
  const nested = asObject(artifact.recording);
  return (
    httpsUrl(asObject(nested?.mono)?.combinedUrl) ??
    httpsUrl(nested?.stereoUrl) ??
    httpsUrl(artifact.recordingUrl) ??
    httpsUrl(artifact.stereoRecordingUrl) ??
    httpsUrl(message.recordingUrl) ??
    httpsUrl(message.stereoRecordingUrl)
  );
}

/** Consent from call.compliance.recordingConsent: granted when it has a grantedAt, declined when not. */
function consent(call: Json, message: Json): boolean | undefined {
  const compliance = asObject(call.compliance) ?? asObject(message.compliance);
  const recordingConsent = asObject(compliance?.recordingConsent);
  if (!recordingConsent) return undefined;
  return asString(recordingConsent.grantedAt) !== undefined;
}

/**
 * Maps a Vapi end-of-call-report (the whole POST body, or its `message`) to a call object. A web call
 * has no caller number: then an email or phone from the structured data identifies the caller, or it
 * throws an error naming the call.
 */
export function fromVapi(payload: unknown): Call {
  const body = asObject(payload) ?? {};
  const message = asObject(body.message) ?? body;
  const call = asObject(message.call) ?? {};
  const artifact = asObject(message.artifact) ?? {};
  const analysis = asObject(message.analysis) ?? asObject(call.analysis) ?? {};
  const customer = asObject(message.customer) ?? asObject(call.customer) ?? {};
  const phoneNumber = asObject(message.phoneNumber) ?? asObject(call.phoneNumber) ?? {};
  const messages = artifact.messages ?? message.messages;
  const span = messageSpan(messages);
  const startedAt =
    asString(message.startedAt) ??
    asString(call.startedAt) ??
    (span.start === undefined ? undefined : new Date(span.start).toISOString());
  const endedAt = asString(message.endedAt) ?? asString(call.endedAt);
  const startedAtMs = startedAt ? Date.parse(startedAt) : undefined;
  const endMs = endedAt ? Date.parse(endedAt) : span.end;
  const duration =
    asNumber(message.durationSeconds) ??
    (startedAtMs !== undefined && endMs !== undefined ? (endMs - startedAtMs) / 1000 : undefined);
  const structured = asObject(analysis.structuredData);
  const extracted = fromExtractedData(structured);
  const customerName = asString(customer.name);
  const callerFromCustomer = compact({ lastName: customerName, email: asString(customer.email) });
  const caller =
    Object.keys(callerFromCustomer).length > 0 || extracted.caller
      ? { ...callerFromCustomer, ...extracted.caller }
      : undefined;
  const callId = asString(call.id) ?? asString(message.callId) ?? "";
  const endedReason = asString(message.endedReason) ?? asString(call.endedReason);
  const outcome = vapiOutcome(endedReason);
  const identity = callerIdentity(
    `Vapi call ${callId || "(no id)"}`,
    asString(customer.number),
    structured,
    caller?.email
  );
  return compact({
    callId,
    provider: "vapi",
    direction: asString(call.type) === "outboundPhoneCall" ? ("outbound" as const) : ("inbound" as const),
    disposition: outcome?.[0],
    answeredBy: outcome?.[1],
    startedAt,
    durationSeconds:
      duration === undefined || Number.isNaN(duration) ? undefined : Math.max(0, Math.round(duration)),
    from: identity.from,
    to: asString(phoneNumber.number),
    caller,
    transcript:
      segments(messages, startedAtMs) ?? asString(artifact.transcript) ?? asString(message.transcript),
    summary: asString(analysis.summary) ?? asString(message.summary),
    recordingUrl: recording(artifact, message),
    consentToRecord: consent(call, message),
    intelligence: extracted.intelligence,
    custom: compact({
      ...extracted.custom,
      vapiEndedReason: endedReason,
      vapiCallType: asString(call.type) === "webCall" ? "webCall" : undefined,
      providerFrom: identity.providerFrom
    })
  });
}
