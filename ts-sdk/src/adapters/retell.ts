// Retell AI: the `call_analyzed` webhook ({ event: "call_analyzed", call: {...} }), sent when post-call
// analysis is done. Call fields per docs.retellai.com (call object): call_id, direction, from_number,
// to_number, start_timestamp / end_timestamp (ms), duration_ms, disconnection_reason, transcript,
// transcript_object [{ role, content, words: [{ start }] }], recording_url, call_analysis { call_summary,
// in_voicemail, custom_analysis_data }.
import type { Call, TranscriptSegment } from "../types.js";
import {
  asBoolean,
  asNumber,
  asObject,
  asString,
  aiAnsweredBy,
  compact,
  fromExtractedData,
  httpsUrl,
  isoFromMs,
  type Json
} from "./shared.js";

const SPEAKERS: Record<string, string> = { user: "caller", agent: "ai" };
const MISSED = new Set(["dial_no_answer", "dial_busy", "dial_failed", "user_declined", "no_valid_payment"]);

function segments(transcriptObject: unknown): TranscriptSegment[] | undefined {
  if (!Array.isArray(transcriptObject)) return undefined;
  const spoken = transcriptObject
    .map(asObject)
    .filter((utterance): utterance is Json => !!utterance && !!asString(utterance.content))
    .map((utterance) => {
      const firstWord = Array.isArray(utterance.words) ? asObject(utterance.words[0]) : undefined;
      const start = asNumber(firstWord?.start);
      const role = asString(utterance.role) ?? "unknown";
      return compact({
        speaker: SPEAKERS[role] ?? role,
        text: asString(utterance.content)!,
        startMs: start === undefined ? undefined : Math.round(start * 1000)
      });
    });
  return spoken.length > 0 ? spoken : undefined;
}

/** Maps a Retell webhook body (`call_analyzed`, also `call_ended`) or a bare call object to a call object. */
export function fromRetell(payload: unknown): Call {
  const body = asObject(payload) ?? {};
  const call = asObject(body.call) ?? body;
  const analysis = asObject(call.call_analysis) ?? {};
  const reason = asString(call.disconnection_reason);
  const inVoicemail = asBoolean(analysis.in_voicemail) === true || reason === "voicemail_reached";
  const callDisposition: Call["disposition"] = inVoicemail
    ? "voicemail"
    : reason && MISSED.has(reason)
      ? "missed"
      : "answered";
  const start = asNumber(call.start_timestamp);
  const end = asNumber(call.end_timestamp);
  const durationMs =
    asNumber(call.duration_ms) ?? (start !== undefined && end !== undefined ? end - start : undefined);
  const extracted = fromExtractedData(asObject(analysis.custom_analysis_data));
  return compact({
    callId: asString(call.call_id) ?? "",
    provider: "retell",
    direction: asString(call.direction) === "outbound" ? ("outbound" as const) : ("inbound" as const),
    disposition: callDisposition,
    answeredBy: aiAnsweredBy(callDisposition),
    startedAt: isoFromMs(start),
    durationSeconds: durationMs === undefined ? undefined : Math.max(0, Math.round(durationMs / 1000)),
    from: asString(call.from_number),
    to: asString(call.to_number),
    caller: extracted.caller,
    transcript: segments(call.transcript_object) ?? asString(call.transcript),
    summary: asString(analysis.call_summary),
    recordingUrl: httpsUrl(call.recording_url),
    intelligence: extracted.intelligence,
    custom: compact({
      ...extracted.custom,
      retellDisconnectionReason: reason,
      retellUserSentiment: asString(analysis.user_sentiment)
    })
  });
}
