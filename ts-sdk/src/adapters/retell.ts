// Retell AI: the `call_analyzed` webhook ({ event: "call_analyzed", call: {...} }), sent when post-call
// analysis is done. Call fields per docs.retellai.com and the official retell-sdk (PhoneCallResponse):
// call_id, call_type (phone_call | web_call), direction, from_number, to_number, start_timestamp /
// end_timestamp (epoch ms), duration_ms, disconnection_reason, transcript, transcript_object
// [{ role, content, words: [{ start }] }] (word times in seconds from the call's start), recording_url,
// recording_multi_channel_url, call_analysis { call_summary, in_voicemail, user_sentiment,
// custom_analysis_data }. from_number is the number that placed the call and to_number the one called
// (retell-sdk: "The caller number" / "The callee number"): on an outbound call the agent called the
// customer, so the customer is to_number.
import type { Call, TranscriptSegment } from "../types.js";
import {
  ANSWERED_BY_AI,
  ANSWERED_BY_HUMAN,
  asBoolean,
  asNumber,
  asObject,
  asString,
  callerIdentity,
  compact,
  FORWARD_NOT_ANSWERED,
  fromExtractedData,
  httpsUrl,
  isoFromEpoch,
  MISSED,
  VOICEMAIL,
  type Json,
  type Outcome
} from "./shared.js";

/**
 * Retell's transcript_object roles (retell-sdk: `agent`, `user`, and `transfer_target` for the person a
 * call was transferred to): the speaker label shown and whose turn it is.
 */
const ROLES: Record<string, Pick<TranscriptSegment, "speaker" | "role">> = {
  user: { speaker: "caller", role: "caller" },
  agent: { speaker: "ai", role: "business" },
  transfer_target: { speaker: "staff", role: "business" }
};

/**
 * Every disconnection_reason of the retell-sdk's call types (current and older releases) and what it
 * means for the caller. Errors after the call connected leave it answered by the agent; errors before it
 * (dial, telephony, payment, concurrency, spam) leave it missed.
 */
export const RETELL_DISCONNECTION_REASONS: Readonly<Record<string, Outcome>> = {
  user_hangup: ANSWERED_BY_AI,
  agent_hangup: ANSWERED_BY_AI,
  call_transfer: ANSWERED_BY_AI,
  transfer_bridged: ANSWERED_BY_AI,
  inactivity: ANSWERED_BY_AI,
  max_duration_reached: ANSWERED_BY_AI,
  manual_stopped: ANSWERED_BY_AI,
  call_take_over: ANSWERED_BY_HUMAN,
  transfer_cancelled: FORWARD_NOT_ANSWERED,
  voicemail_reached: VOICEMAIL,
  machine_detected: VOICEMAIL,
  ivr_reached: VOICEMAIL,
  dial_busy: MISSED,
  dial_failed: MISSED,
  dial_no_answer: MISSED,
  user_declined: MISSED,
  invalid_destination: MISSED,
  telephony_provider_permission_denied: MISSED,
  telephony_provider_unavailable: MISSED,
  sip_routing_error: MISSED,
  marked_as_spam: MISSED,
  scam_detected: MISSED,
  no_valid_payment: MISSED,
  concurrency_limit_reached: MISSED,
  no_concurrency_fallback: MISSED,
  registered_call_timeout: MISSED,
  error_user_not_joined: MISSED,
  error_inbound_webhook: MISSED,
  error_llm_websocket_open: MISSED,
  error_llm_websocket_lost_connection: ANSWERED_BY_AI,
  error_llm_websocket_runtime: ANSWERED_BY_AI,
  error_llm_websocket_corrupt_payload: ANSWERED_BY_AI,
  error_frontend_corrupted_payload: ANSWERED_BY_AI,
  error_no_audio_received: ANSWERED_BY_AI,
  error_asr: ANSWERED_BY_AI,
  error_twilio: ANSWERED_BY_AI,
  error_retell: ANSWERED_BY_AI,
  error_unknown: ANSWERED_BY_AI
};

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
        ...(ROLES[role] ?? { speaker: role }),
        text: asString(utterance.content)!,
        startMs: start === undefined ? undefined : Math.round(start * 1000)
      });
    });
  return spoken.length > 0 ? spoken : undefined;
}

/**
 * The transcript with speakers, unless transcript_object is shorter than the plain transcript (Retell
 * sometimes sends a partial object): the longer one wins, so nothing said is lost.
 */
function transcript(call: Json): Call["transcript"] {
  const turns = segments(call.transcript_object);
  const text = asString(call.transcript);
  if (!turns) return text;
  // Compare what was said, without Retell's "Agent: " / "User: " labels and line breaks.
  const said = (text ?? "").replace(/^[A-Za-z]+: /gm, "").replace(/\s+/g, "").length;
  const saidInTurns = turns.reduce((total, turn) => total + turn.text.replace(/\s+/g, "").length, 0);
  return said > saidInTurns ? text : turns;
}

/**
 * Maps a Retell webhook body (`call_analyzed`, also `call_ended`) or a bare call object to a call object.
 * A web call has no from_number: an email or phone in custom_analysis_data identifies the caller, or it
 * throws an error naming the call.
 */
export function fromRetell(payload: unknown): Call {
  const body = asObject(payload) ?? {};
  const call = asObject(body.call) ?? body;
  const analysis = asObject(call.call_analysis) ?? {};
  const reason = asString(call.disconnection_reason);
  const inVoicemail = asBoolean(analysis.in_voicemail) === true;
  const outcome = inVoicemail ? VOICEMAIL : reason ? RETELL_DISCONNECTION_REASONS[reason] : undefined;
  const startIso = isoFromEpoch(call.start_timestamp);
  const endIso = isoFromEpoch(call.end_timestamp);
  const durationMs =
    asNumber(call.duration_ms) ??
    (startIso && endIso ? Date.parse(endIso) - Date.parse(startIso) : undefined);
  const data = asObject(analysis.custom_analysis_data);
  const extracted = fromExtractedData(data);
  const callId = asString(call.call_id) ?? "";
  const outbound = asString(call.direction) === "outbound";
  const [customer, business] = outbound
    ? [asString(call.to_number), asString(call.from_number)]
    : [asString(call.from_number), asString(call.to_number)];
  const identity = callerIdentity(
    `Retell call ${callId || "(no id)"}`,
    customer,
    data,
    extracted.caller?.email
  );
  return compact({
    callId,
    provider: "retell",
    direction: outbound ? ("outbound" as const) : ("inbound" as const),
    disposition: outcome?.[0],
    answeredBy: outcome?.[1],
    startedAt: startIso,
    durationSeconds: durationMs === undefined ? undefined : Math.max(0, Math.round(durationMs / 1000)),
    from: identity.from,
    to: business,
    caller: extracted.caller,
    transcript: transcript(call),
    summary: asString(analysis.call_summary),
    recordingUrl: httpsUrl(call.recording_url) ?? httpsUrl(call.recording_multi_channel_url),
    intelligence: extracted.intelligence,
    custom: compact({
      ...extracted.custom,
      retellDisconnectionReason: reason,
      retellUserSentiment: asString(analysis.user_sentiment),
      providerFrom: identity.providerFrom
    })
  });
}
