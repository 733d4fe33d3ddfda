// Twilio Voice: the form-encoded callbacks of one call — the status callback (CallSid, From, To,
// CallStatus, Direction, CallDuration, Timestamp, AnsweredBy, CallerName, FromCity/State/Zip/Country),
// the recording status callback (RecordingUrl, RecordingStatus) and the transcription callback
// (TranscriptionText, TranscriptionStatus). Pass all that arrived for the call; later ones add to earlier.
import type { Call } from "../types.js";
import { asNumber, asString, compact, httpsUrl } from "./shared.js";

export type TwilioCallback = URLSearchParams | string | Record<string, string | undefined>;

const MISSED_STATUSES = new Set(["no-answer", "busy", "canceled", "failed"]);

function toRecord(callback: TwilioCallback): Record<string, string | undefined> {
  if (typeof callback === "string" || callback instanceof URLSearchParams) {
    return Object.fromEntries(new URLSearchParams(callback));
  }
  return callback;
}

function answeredBy(
  params: Record<string, string | undefined>,
  status: string | undefined
): Call["answeredBy"] {
  const amd = params.AnsweredBy;
  if (amd?.startsWith("machine") || amd === "fax") return "voicemail";
  if (amd === "human") return "human";
  return status && MISSED_STATUSES.has(status) ? "none" : undefined;
}

/** Maps the callbacks Twilio sent for one call (same CallSid) to a call object. */
export function fromTwilio(...callbacks: TwilioCallback[]): Call {
  const params = Object.assign({}, ...callbacks.map(toRecord)) as Record<string, string | undefined>;
  const status = params.CallStatus;
  const duration = asNumber(params.CallDuration) ?? asNumber(params.RecordingDuration);
  const byMachine = params.AnsweredBy?.startsWith("machine") ?? false;
  const eventTime = params.Timestamp ? Date.parse(params.Timestamp) : Number.NaN;
  // The status callback's Timestamp is when the call completed; the start is that minus the duration.
  const startedAt =
    !Number.isNaN(eventTime) && duration !== undefined
      ? new Date(eventTime - duration * 1000).toISOString()
      : undefined;
  const recordingUrl = httpsUrl(params.RecordingUrl);
  const transcription =
    params.TranscriptionStatus === "completed" || params.TranscriptionStatus === undefined
      ? asString(params.TranscriptionText)
      : undefined;
  const nameParts = asString(params.CallerName)?.trim().split(/\s+/) ?? [];
  const caller = compact({
    firstName: nameParts.length > 1 ? nameParts.slice(0, -1).join(" ") : undefined,
    lastName: nameParts.at(-1),
    city: asString(params.FromCity),
    state: asString(params.FromState),
    postalCode: asString(params.FromZip),
    country: asString(params.FromCountry)
  });
  return compact({
    callId: params.CallSid ?? "",
    provider: "twilio",
    direction: params.Direction?.startsWith("outbound") ? ("outbound" as const) : ("inbound" as const),
    disposition:
      status && MISSED_STATUSES.has(status)
        ? ("missed" as const)
        : byMachine
          ? ("voicemail" as const)
          : status === "completed"
            ? ("answered" as const)
            : undefined,
    answeredBy: answeredBy(params, status),
    startedAt,
    durationSeconds: duration,
    from: asString(params.From),
    to: asString(params.To),
    caller: Object.keys(caller).length > 0 ? caller : undefined,
    transcript: transcription,
    // Twilio serves the recording at RecordingUrl (+ .mp3 / .wav); it needs the account's credentials.
    recordingUrl: recordingUrl && params.RecordingStatus !== "failed" ? `${recordingUrl}.mp3` : undefined
  });
}
