// Vapi: the `end-of-call-report` server message (POSTed to the assistant's server URL when a call ends).
// Shape per docs.vapi.ai/server-url/end-of-call-report: { message: { type, endedReason, call, customer,
// phoneNumber, artifact: { transcript, messages, recordingUrl | recording }, analysis: { summary,
// structuredData }, startedAt, endedAt, durationSeconds } }; older reports put recordingUrl, transcript
// and summary on the message itself. Both are read.
import type { Call, TranscriptSegment } from "../types.js";
import {
  aiAnsweredBy,
  asNumber,
  asObject,
  asString,
  compact,
  fromExtractedData,
  httpsUrl,
  type Json
} from "./shared.js";

const SPEAKERS: Record<string, string> = { user: "caller", bot: "ai", assistant: "ai" };

function disposition(endedReason: string | undefined): Call["disposition"] {
  if (!endedReason) return "answered";
  if (endedReason.includes("voicemail")) return "voicemail";
  if (endedReason.includes("did-not-answer") || endedReason.includes("busy")) return "missed";
  return "answered";
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
        speaker: SPEAKERS[role] ?? role,
        text: asString(message.message)!,
        startMs: startMs === undefined ? undefined : Math.max(0, Math.round(startMs))
      });
    });
  return spoken.length > 0 ? spoken : undefined;
}

/** Maps a Vapi end-of-call-report (the whole POST body, or its `message`) to a call object. */
export function fromVapi(payload: unknown): Call {
  const body = asObject(payload) ?? {};
  const message = asObject(body.message) ?? body;
  const call = asObject(message.call) ?? {};
  const artifact = asObject(message.artifact) ?? {};
  const analysis = asObject(message.analysis) ?? asObject(call.analysis) ?? {};
  const customer = asObject(message.customer) ?? asObject(call.customer) ?? {};
  const phoneNumber = asObject(message.phoneNumber) ?? asObject(call.phoneNumber) ?? {};
  const recording = asObject(artifact.recording);
  const startedAt = asString(message.startedAt) ?? asString(call.startedAt);
  const endedAt = asString(message.endedAt) ?? asString(call.endedAt);
  const startedAtMs = startedAt ? Date.parse(startedAt) : undefined;
  const duration =
    asNumber(message.durationSeconds) ??
    (startedAtMs !== undefined && endedAt ? (Date.parse(endedAt) - startedAtMs) / 1000 : undefined);
  const extracted = fromExtractedData(asObject(analysis.structuredData));
  const customerName = asString(customer.name);
  const callerFromCustomer = compact({ lastName: customerName, email: asString(customer.email) });
  const endedReason = asString(message.endedReason) ?? asString(call.endedReason);
  const callDisposition = disposition(endedReason);
  return compact({
    callId: asString(call.id) ?? asString(message.callId) ?? "",
    provider: "vapi",
    direction: asString(call.type) === "outboundPhoneCall" ? ("outbound" as const) : ("inbound" as const),
    disposition: callDisposition,
    answeredBy: aiAnsweredBy(callDisposition),
    startedAt,
    durationSeconds:
      duration === undefined || Number.isNaN(duration) ? undefined : Math.max(0, Math.round(duration)),
    from: asString(customer.number),
    to: asString(phoneNumber.number),
    caller:
      Object.keys(callerFromCustomer).length > 0 || extracted.caller
        ? { ...callerFromCustomer, ...extracted.caller }
        : undefined,
    transcript:
      segments(artifact.messages ?? message.messages, startedAtMs) ??
      asString(artifact.transcript) ??
      asString(message.transcript),
    summary: asString(analysis.summary) ?? asString(message.summary),
    recordingUrl:
      httpsUrl(asObject(recording?.mono)?.combinedUrl) ??
      httpsUrl(artifact.recordingUrl) ??
      httpsUrl(message.recordingUrl),
    intelligence: extracted.intelligence,
    custom: compact({ ...extracted.custom, vapiEndedReason: endedReason })
  });
}
