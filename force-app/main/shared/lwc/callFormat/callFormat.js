/**
 * How Call Capture shows a call's facts to people: urgency words, callback state, durations, budgets,
 * relative times, transcript highlighting and explanations. Pure functions, shared by the call panel and
 * the rule tester; every function that depends on the time takes "now" as an argument so tests fix it.
 */
import LOCALE from "@salesforce/i18n/locale";
import TIME_ZONE from "@salesforce/i18n/timeZone";

const URGENCY = {
  1: { word: "Routine", iconName: "utility:check", badgeClass: "slds-badge_lightest" },
  2: { word: "Low", iconName: "utility:arrowdown", badgeClass: "slds-badge_lightest" },
  3: { word: "Moderate", iconName: "utility:info", badgeClass: "slds-badge" },
  4: { word: "Urgent", iconName: "utility:priority", badgeClass: "slds-theme_warning" },
  5: { word: "Emergency", iconName: "utility:warning", badgeClass: "slds-theme_error" }
};

const OUTCOMES = {
  lead_created: { label: "Lead created", iconName: "utility:add" },
  lead_updated: { label: "Lead updated", iconName: "utility:edit" },
  contact_updated: { label: "Contact updated", iconName: "utility:user" },
  lead_converted: { label: "Lead converted", iconName: "utility:change_record_type" },
  filtered: { label: "Screened out as junk: no record was made", iconName: "utility:ban" },
  none: { label: "No record change", iconName: "utility:dash" }
};

// What a rep sees about a call that has not reached its records: what it means for them, in their words (how it
// is fixed is the admin app's business).
const ARRIVING = { label: "Arriving: the call is being saved", iconName: "utility:clock" };
const STATUS_OUTCOMES = {
  Failed: { label: "Not on this record yet: the call is kept", iconName: "utility:warning" },
  "Needs Review": {
    label: "Not on this record yet: the caller matched more than one",
    iconName: "utility:question"
  },
  Received: ARRIVING,
  Queued: ARRIVING,
  Filtered: { label: "Screened out as junk: no record was made", iconName: "utility:ban" }
};

// Where a finding came from, in words; a default is said as what it stands for (defaultOrigin).
const SOURCE_LABELS = { rule: "your rules", sender: "the phone system" };

// How a call ended and who answered, in words with an icon (never colour alone).
const DISPOSITIONS = {
  answered: { label: "Answered", iconName: "utility:incoming_call" },
  missed: { label: "Missed", iconName: "utility:missed_call" },
  voicemail: { label: "Voicemail", iconName: "utility:voicemail_drop" },
  abandoned: { label: "Caller hung up before an answer", iconName: "utility:end_call" }
};
const ANSWERED_BY = {
  ai: { label: "by the AI receptionist", iconName: "utility:einstein" },
  human: { label: "by a person", iconName: "utility:user" },
  voicemail: { label: "by voicemail", iconName: "utility:voicemail_drop" }
};

// Speaker names senders use, by who spoke; anything else is shown as the sender wrote it.
const CALLER_SPEAKERS = new Set(["caller", "customer", "user", "client", "human"]);
const AGENT_SPEAKERS = new Set(["agent", "ai", "assistant", "bot", "receptionist", "rep", "operator"]);
const TURN_LINE = /^([A-Za-z][A-Za-z .'-]{0,30}):\s?(.*)$/;

const RELATIVE_UNITS = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60]
];

/**
 * Urgency 1–5 as number, word and icon, so colour is never the only signal.
 * @param {number} level 1–5
 * @returns {{level:number, word:string, label:string, iconName:string, badgeClass:string}|null}
 */
export function urgencyView(level) {
  const urgency = URGENCY[level];
  if (!urgency) {
    return null;
  }
  return { level, ...urgency, label: `${level} · ${urgency.word}` };
}

const formatters = new Map();

/**
 * The Intl formatter of a kind and options in the user's locale, built once: building one costs far more than
 * formatting with it, and a panel formats every time and amount of a call and of its earlier calls on each render.
 * @param {Function} Format Intl.DateTimeFormat, Intl.NumberFormat or Intl.RelativeTimeFormat
 * @param {object} options the formatter's options
 */
function intlFormat(Format, options) {
  const key = `${Format.name} ${JSON.stringify(options)}`;
  if (!formatters.has(key)) formatters.set(key, new Format(LOCALE, options));
  return formatters.get(key);
}

/**
 * "5 minutes ago", "in 15 minutes", "just now".
 * @param {string|number} when an ISO date-time or epoch milliseconds
 * @param {number} nowMs the current time in epoch milliseconds
 * @returns {string} empty when when is missing
 */
export function relativeTime(when, nowMs) {
  if (when === null || when === undefined || when === "") {
    return "";
  }
  const seconds = Math.round((new Date(when).getTime() - nowMs) / 1000);
  const format = intlFormat(Intl.RelativeTimeFormat, { numeric: "auto" });
  for (const [unit, unitSeconds] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= unitSeconds) {
      return format.format(Math.trunc(seconds / unitSeconds), unit);
    }
  }
  return seconds <= 0 ? "just now" : "in less than a minute";
}

/**
 * A date-time in the user's Salesforce locale and time zone, e.g. "Nov 24, 2026, 9:05 AM".
 * @param {string|number} when an ISO date-time or epoch milliseconds
 * @returns {string}
 */
export function absoluteTime(when) {
  if (when === null || when === undefined || when === "") {
    return "";
  }
  return intlFormat(Intl.DateTimeFormat, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE
  }).format(new Date(when));
}

/**
 * How long a call lasted, as a rep reads it: "3 min 4 s", or "Missed" for a call nobody answered that has no length.
 * Empty when the length is unknown, or when the call's ending already says it was missed.
 * @param {{durationSeconds?: number, disposition?: string}} call
 * @returns {string}
 */
export function durationLabel(call) {
  if (["missed", "abandoned"].includes(call.disposition)) {
    return "";
  }
  if (call.durationSeconds === 0 && call.disposition !== "answered") {
    return "Missed";
  }
  return formatDuration(call.durationSeconds);
}

/**
 * A call's length, e.g. "3 min 4 s".
 * @param {number} seconds
 * @returns {string}
 */
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined) {
    return "";
  }
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) {
    return `${rest} s`;
  }
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

function formatMoney(amount, currency) {
  return intlFormat(Intl.NumberFormat, {
    style: "currency",
    currency: currency || "USD",
    maximumFractionDigits: 0
  }).format(amount);
}

/**
 * The budget as the caller stated it: a range "$8,000–$12,000" or an amount "$10,000".
 * @param {{budgetAmount?:number, budgetMin?:number, budgetMax?:number, budgetCurrency?:string}} call
 * @returns {string} empty when no budget was mentioned
 */
export function formatBudget(call) {
  const { budgetAmount, budgetMin, budgetMax, budgetCurrency } = call;
  if (budgetMin != null && budgetMax != null && budgetMin !== budgetMax) {
    return `${formatMoney(budgetMin, budgetCurrency)}–${formatMoney(budgetMax, budgetCurrency)}`;
  }
  if (budgetAmount != null) {
    return formatMoney(budgetAmount, budgetCurrency);
  }
  return "";
}

/**
 * Whether a callback is owed, due, overdue or done, in words with an icon.
 * @param {{callbackOwed?:boolean, callbackDue?:string, callbackCompletedAt?:string}} call
 * @param {number} nowMs the current time
 * @returns {{state:string, label:string, iconName:string, cssClass:string, owed:boolean}}
 */
export function callbackView(call, nowMs) {
  if (call.callbackCompletedAt) {
    return {
      state: "done",
      label: `Called back ${relativeTime(call.callbackCompletedAt, nowMs)}`,
      iconName: "utility:success",
      cssClass: "slds-text-color_success",
      owed: false
    };
  }
  if (!call.callbackOwed) {
    return {
      state: "none",
      label: "No callback requested",
      iconName: "utility:dash",
      cssClass: "",
      owed: false
    };
  }
  if (!call.callbackDue) {
    return {
      state: "owed",
      label: "Callback owed",
      iconName: "utility:call",
      cssClass: "slds-text-color_default",
      owed: true
    };
  }
  const overdue = new Date(call.callbackDue).getTime() < nowMs;
  const when = relativeTime(call.callbackDue, nowMs);
  return overdue
    ? {
        state: "overdue",
        label: `Callback overdue: was due ${when}`,
        iconName: "utility:warning",
        cssClass: "slds-text-color_error",
        owed: true
      }
    : {
        state: "due",
        label: `Callback due ${when}`,
        iconName: "utility:clock",
        cssClass: "slds-text-color_default",
        owed: true
      };
}

/**
 * A time the rep can act by: "3:07 PM" today, "Nov 25, 9:00 AM" on another day (the user's time zone).
 * @param {string|number} when
 * @param {number} nowMs
 */
function deadline(when, nowMs) {
  const day = (time) =>
    intlFormat(Intl.DateTimeFormat, { dateStyle: "short", timeZone: TIME_ZONE }).format(new Date(time));
  const options =
    day(when) === day(nowMs) ? { timeStyle: "short" } : { dateStyle: "medium", timeStyle: "short" };
  return intlFormat(Intl.DateTimeFormat, { ...options, timeZone: TIME_ZONE }).format(new Date(when));
}

/**
 * What the rep should do next about a call, in words with an icon: "Call back by 7:07 AM (in 7 minutes)", "Call
 * back now: it was due at 7:07 AM (23 minutes ago)", "Called back 1 minute ago", "No callback needed".
 * @param {{callbackOwed?:boolean, callbackDue?:string, callbackCompletedAt?:string}} call
 * @param {number} nowMs the current time
 * @returns {{state:string, label:string, iconName:string, cssClass:string, owed:boolean}}
 */
export function nextStepView(call, nowMs) {
  const callback = callbackView(call, nowMs);
  const due = call.callbackDue;
  switch (callback.state) {
    case "none":
      return { ...callback, label: "No callback needed" };
    case "owed":
      return { ...callback, label: "Call back: the caller is waiting" };
    case "due":
      return { ...callback, label: `Call back by ${deadline(due, nowMs)} (${relativeTime(due, nowMs)})` };
    case "overdue":
      return {
        ...callback,
        label: `Call back now: it was due at ${deadline(due, nowMs)} (${relativeTime(due, nowMs)})`
      };
    default:
      return callback;
  }
}

/**
 * The one plain reason for a call's urgency, from its first urgency finding: "Said “burst pipe”", "Set by the phone
 * system", "Nothing urgent was said". Empty when the call has no urgency finding.
 * @param {{kind:string, matched?:string, source:string}[]} explanations
 * @returns {string}
 */
export function urgencyReason(explanations) {
  const finding = (explanations || []).find((explanation) =>
    ["Urgency", "Negation"].includes(explanation.kind)
  );
  if (!finding) {
    return "";
  }
  if (finding.source === "rule" && finding.matched) {
    return `Said “${finding.matched}”`;
  }
  if (finding.source === "sender") {
    return "Set by the phone system";
  }
  return finding.source === "default" ? "Nothing urgent was said" : "";
}

/**
 * A pattern that finds a phrase as whole words, case-insensitively, whatever whitespace (spaces, line
 * breaks) stands between its words: "burst pipe" matches "Burst\npipe" but "pipe" never matches in "pipes".
 * @param {string} phrase
 * @returns {RegExp|null}
 */
function phrasePattern(phrase) {
  const words = phrase
    .trim()
    .split(/\s+/)
    .filter((word) => word);
  if (!words.length) {
    return null;
  }
  const body = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, "giu");
}

/**
 * Splits text into plain and highlighted segments at every whole-word, case-insensitive occurrence of a
 * phrase, so a template can render the highlights with <mark> and bindings only (never innerHTML).
 * @param {string} text the transcript
 * @param {string[]} phrases the matched phrases
 * @returns {{key:string, text:string, highlighted:boolean}[]}
 */
export function highlightSegments(text, phrases) {
  if (!text) {
    return [];
  }
  const ranges = [];
  for (const phrase of new Set((phrases || []).filter((p) => p && p.trim()).map((p) => p.toLowerCase()))) {
    for (const match of text.matchAll(phrasePattern(phrase))) {
      ranges.push({ start: match.index, end: match.index + match[0].length });
    }
  }
  return rangeSegments(text, ranges);
}

/**
 * Ranges in order, with those that overlap or touch joined into one.
 * @param {{start:number, end:number}[]} ranges
 * @returns {{start:number, end:number}[]}
 */
export function mergeRanges(ranges) {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  const merged = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) {
      last.end = Math.max(last.end, range.end);
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
}

/**
 * A text split into plain and marked segments at the given ranges, for a template to render with <mark>.
 * @param {string} text
 * @param {{start:number, end:number}[]} ranges
 * @returns {{key:string, text:string, highlighted:boolean}[]}
 */
export function rangeSegments(text, ranges) {
  if (!text) {
    return [];
  }
  const segments = [];
  let position = 0;
  const push = (end, highlighted) => {
    if (end > position) {
      segments.push({ key: `s${segments.length}`, text: text.slice(position, end), highlighted });
      position = end;
    }
  };
  for (const { start, end } of mergeRanges(ranges || [])) {
    push(Math.max(position, Math.min(start, text.length)), false);
    push(Math.min(end, text.length), true);
  }
  push(text.length, false);
  return segments;
}

/**
 * Where a default finding came from, as what it stands for: no urgent words, a missed call that owes a callback.
 * @param {string} kind
 * @param {object} call
 */
function defaultOrigin(kind, call) {
  if (kind === "Urgency") {
    return "Nothing urgent was said";
  }
  if (kind === "Callback") {
    return call.disposition === "voicemail" ? "The caller left a voicemail" : "The call was missed";
  }
  return "Usual for calls like this";
}

/**
 * Where a finding came from, in words: your rules, the phone system, or what a default stands for.
 * @param {{kind:string, source:string}} explanation
 * @param {object} [call]
 * @returns {string}
 */
export function explanationOrigin(explanation, call = {}) {
  return explanation.source === "default"
    ? defaultOrigin(explanation.kind, call)
    : `From ${SOURCE_LABELS[explanation.source] || explanation.source || "the call"}`;
}

/**
 * The phrases that rules matched in the text, for highlighting. Values the phone system sent and defaults
 * ("5", "true", "voicemail") are not phrases of the text and are never highlighted.
 * @param {{matched:string, source:string}[]} explanations
 * @returns {string[]}
 */
export function matchedPhrases(explanations) {
  return (explanations || [])
    .filter((explanation) => explanation.source === "rule" && !!explanation.matched)
    .map((explanation) => explanation.matched);
}

/**
 * How a call ended and who answered, in words with an icon: "Answered by the AI receptionist".
 * @param {string} disposition answered, missed, voicemail or abandoned
 * @param {string} answeredBy ai, human, voicemail or none
 * @returns {{label:string, iconName:string}|null} null when the sender said neither
 */
export function dispositionView(disposition, answeredBy) {
  const ending = DISPOSITIONS[disposition];
  const answerer = ANSWERED_BY[answeredBy];
  if (!ending && !answerer) {
    return null;
  }
  if (disposition === "answered" && answerer) {
    return { label: `Answered ${answerer.label}`, iconName: answerer.iconName };
  }
  if (disposition === "voicemail" || (!ending && answeredBy === "voicemail")) {
    return { label: "Left a voicemail", iconName: DISPOSITIONS.voicemail.iconName };
  }
  return ending || { label: `Answered ${answerer.label}`, iconName: answerer.iconName };
}

/**
 * Who spoke, as the conversation view shows it.
 * @param {string} speaker the speaker name in the transcript
 * @param {string} answeredBy ai or human: who the non-caller side was
 * @returns {{role:string, label:string}}
 */
function speakerView(speaker, answeredBy) {
  const name = speaker.trim().toLowerCase();
  if (CALLER_SPEAKERS.has(name)) {
    return { role: "caller", label: "Caller" };
  }
  if (AGENT_SPEAKERS.has(name)) {
    return answeredBy === "human"
      ? { role: "person", label: "Your team" }
      : { role: "ai", label: "AI receptionist" };
  }
  return { role: "other", label: speaker.trim() };
}

/**
 * A transcript as speaker turns, when it has them: each line "Speaker: text" is a turn; the call's turn
 * start times (milliseconds from the start, one per line, from the phone system's transcript) become
 * "0:12" marks a rep can jump the recording to. Returns an empty list for free text, which the panel
 * then shows as text.
 * @param {string} transcript the stored transcript
 * @param {number[]} [turnStartsMs] start time of each line, null where unknown
 * @param {string} [answeredBy] ai or human
 * @returns {{key:string, role:string, speaker:string, text:string, startSeconds:number|null, time:string}[]}
 */
export function conversationTurns(transcript, turnStartsMs = [], answeredBy = "ai") {
  const lines = (transcript || "").split("\n");
  const turns = [];
  for (const [index, line] of lines.entries()) {
    const match = line.match(TURN_LINE);
    if (!match) {
      if (line.trim() && !turns.length) {
        return [];
      }
      if (line.trim()) {
        turns[turns.length - 1].text += ` ${line.trim()}`;
      }
      continue;
    }
    const startMs = turnStartsMs?.[index];
    const startSeconds = typeof startMs === "number" && startMs >= 0 ? Math.floor(startMs / 1000) : null;
    const { role, label } = speakerView(match[1], answeredBy);
    turns.push({
      key: `t${index}`,
      role,
      speaker: label,
      text: match[2],
      startSeconds,
      time: startSeconds === null ? "" : clockTime(startSeconds)
    });
  }
  // One "speaker" in a whole text is more likely a phrase like "Note: …" than a conversation.
  return turns.length >= 2 ? turns : [];
}

/**
 * A position in a recording, e.g. "1:05" or "1:02:03".
 * @param {number} seconds
 * @returns {string}
 */
export function clockTime(seconds) {
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

/**
 * Whether a recording can be played inline. Only https URLs are shown at all; only hosts the admin
 * listed as trusted (the org's CSP trusted sites) get an audio player, others get a link.
 * @param {string} url the recording URL
 * @param {string} trustedHosts comma-separated host names, e.g. "recordings.example.com, api.twilio.com"
 * @returns {{url:string, host:string, playable:boolean}|null} null when there is no usable URL
 */
export function recordingView(url, trustedHosts) {
  if (!url) {
    return null;
  }
  let parsed;
  try {
    parsed = new URL(url);
  } catch (notAUrl) {
    // not a URL at all: nothing to show. (The binding is there for PMD's JavaScript parser, which cannot read
    // a catch without one and would then skip the whole file.)
    return null;
  }
  if (parsed.protocol !== "https:") {
    return null;
  }
  const trusted = (trustedHosts || "")
    .split(",")
    .map((host) => host.trim().toLowerCase())
    .filter((host) => host);
  return {
    url: parsed.href,
    host: parsed.hostname,
    playable: trusted.includes(parsed.hostname.toLowerCase())
  };
}

/**
 * What happened to a call, with an icon and words: a failed or unreviewed call says so first.
 * @param {string} outcome Outcome__c
 * @param {string} status Status__c
 * @returns {{label:string, iconName:string}}
 */
export function outcomeView(outcome, status) {
  return STATUS_OUTCOMES[status] || OUTCOMES[outcome] || OUTCOMES.none;
}

/**
 * The follow-up text of a missed call in a rep's words: sent (and when), or not sent. Why a text was skipped or
 * failed (settings, the provider's error codes) is the admin app's business: the calls needing attention list it.
 * @param {string} status Text_Back_Status__c: Sent, Skipped, Failed or Sending (decided, going out now)
 * @param {string} at Text_Back_At__c (ISO date-time)
 * @param {boolean} [unconfirmed] the server's judgement that a text still Sending lost its sending job
 * @returns {string} the sentence, or "" when no text was asked for
 */
export function textBackView(status, at, unconfirmed = false) {
  if (status === "Sent") {
    return `Texted the caller back: ${absoluteTime(at)}.`;
  }
  if (status === "Sending") {
    return unconfirmed ? "A text to the caller may not have gone out." : "A text to the caller is going out.";
  }
  return status === "Skipped" || status === "Failed" ? "No text went to the caller." : "";
}
