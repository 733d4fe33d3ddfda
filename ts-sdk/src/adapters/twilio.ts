// Twilio Voice: the form-encoded callbacks of one call — the status callback (CallSid, From, To,
// CallStatus, Direction, CallDuration, Timestamp, AnsweredBy, CallerName, FromCity/State/Zip/Country),
// the <Dial> action callback (DialCallStatus), the recording status callback (RecordingUrl,
// RecordingStatus, RecordingChannels) and the transcription callback (TranscriptionText,
// TranscriptionStatus). Pass all that arrived for the call; later ones add to earlier.
// Direction (Twilio's request parameters): `inbound`, `outbound-api` (a call the business placed through
// the REST API) or `outbound-dial` (a leg placed by <Dial>). From is the party that placed the call and To
// the party called, so on an outbound call the customer is To, and its place (ToCity, …) describes them.
// A call forwarded with <Dial> is reported on the inbound parent call (DialCallStatus), whose From is the
// caller.
import type { Call } from "../types.js";
import {
  ABANDONED,
  ANSWERED_BY_HUMAN,
  asNumber,
  asString,
  callerIdentity,
  compact,
  httpsUrl,
  MISSED,
  splitName,
  VOICEMAIL,
  type Outcome
} from "./shared.js";

export type TwilioCallback = URLSearchParams | string | Record<string, string | undefined>;

/**
 * Twilio's final CallStatus values (queued, ringing and in-progress are not final: no disposition).
 * `canceled`: hung up while queued or ringing, before anyone answered.
 */
export const TWILIO_CALL_STATUSES: Readonly<Record<string, Outcome | undefined>> = {
  completed: undefined, // answered; who answered comes from AnsweredBy / DialCallStatus
  busy: MISSED,
  "no-answer": MISSED,
  failed: MISSED,
  canceled: ABANDONED
};

/** <Dial> outcomes (DialCallStatus): whether the person the call was put through to answered. */
export const TWILIO_DIAL_STATUSES: Readonly<Record<string, Outcome>> = {
  completed: ANSWERED_BY_HUMAN,
  answered: ANSWERED_BY_HUMAN,
  busy: MISSED,
  "no-answer": MISSED,
  failed: MISSED,
  canceled: ABANDONED
};

/** Answering machine detection (AnsweredBy). */
export const TWILIO_ANSWERED_BY: Readonly<Record<string, Outcome | undefined>> = {
  human: ANSWERED_BY_HUMAN,
  machine_start: VOICEMAIL,
  machine_end_beep: VOICEMAIL,
  machine_end_silence: VOICEMAIL,
  machine_end_other: VOICEMAIL,
  fax: VOICEMAIL,
  unknown: undefined
};

function toRecord(callback: TwilioCallback): Record<string, string | undefined> {
  if (typeof callback === "string" || callback instanceof URLSearchParams) {
    return Object.fromEntries(new URLSearchParams(callback));
  }
  return callback;
}

function outcome(params: Record<string, string | undefined>): Outcome | undefined {
  const status = params.CallStatus;
  if (!status || !(status in TWILIO_CALL_STATUSES)) return undefined;
  const byStatus = TWILIO_CALL_STATUSES[status];
  if (byStatus) return byStatus;
  const machine = params.AnsweredBy ? TWILIO_ANSWERED_BY[params.AnsweredBy] : undefined;
  const dial = params.DialCallStatus ? TWILIO_DIAL_STATUSES[params.DialCallStatus] : undefined;
  return machine ?? dial ?? ["answered", undefined];
}

/**
 * Twilio serves a recording at RecordingUrl plus a format suffix (.mp3 or .wav); the callback's URL has
 * none, but a URL stored and passed on may already carry one.
 */
function recordingUrl(params: Record<string, string | undefined>): string | undefined {
  const url = httpsUrl(params.RecordingUrl);
  if (!url || params.RecordingStatus === "failed" || params.RecordingStatus === "absent") return undefined;
  return /\.(mp3|wav)(\?|$)/i.test(url) ? url : `${url}.mp3`;
}

/**
 * Maps the callbacks Twilio sent for one call (same CallSid) to a call object. `From` values that are not
 * phone numbers (`anonymous`, `client:…`, `sip:…`) are never used as one: such a call needs an email, so
 * it throws an error naming the CallSid.
 */
export function fromTwilio(...callbacks: TwilioCallback[]): Call {
  const params = Object.assign({}, ...callbacks.map(toRecord)) as Record<string, string | undefined>;
  const duration = asNumber(params.CallDuration) ?? asNumber(params.RecordingDuration);
  const eventTime = params.Timestamp ? Date.parse(params.Timestamp) : Number.NaN;
  // The status callback's Timestamp is when the call completed; the start is that minus the duration.
  const startedAt =
    !Number.isNaN(eventTime) && duration !== undefined
      ? new Date(eventTime - duration * 1000).toISOString()
      : undefined;
  const transcription =
    params.TranscriptionStatus === "completed" || params.TranscriptionStatus === undefined
      ? asString(params.TranscriptionText)
      : undefined;
  const outbound = params.Direction?.startsWith("outbound") ?? false;
  // The customer's side of the call: the caller on an inbound call, the called party on an outbound one.
  const side = outbound ? "To" : "From";
  const caller = compact({
    // CallerName is the caller ID name of From: the customer's only on an inbound call.
    ...(outbound ? {} : splitName(params.CallerName)),
    city: asString(params[`${side}City`]),
    state: asString(params[`${side}State`]),
    postalCode: asString(params[`${side}Zip`]),
    country: asString(params[`${side}Country`])
  });
  const identity = callerIdentity(
    `Twilio call ${params.CallSid ?? "(no CallSid)"}`,
    asString(params[side]),
    undefined,
    undefined
  );
  const result = outcome(params);
  return compact({
    callId: params.CallSid ?? "",
    provider: "twilio",
    direction: outbound ? ("outbound" as const) : ("inbound" as const),
    disposition: result?.[0],
    answeredBy: result?.[1],
    startedAt,
    durationSeconds: duration,
    from: identity.from,
    to: asString(outbound ? params.From : params.To),
    caller: Object.keys(caller).length > 0 ? caller : undefined,
    transcript: transcription,
    recordingUrl: recordingUrl(params),
    custom: compact({
      twilioRecordingChannels: asString(params.RecordingChannels),
      twilioCallStatus: params.CallStatus,
      twilioDialCallStatus: params.DialCallStatus
    })
  });
}
