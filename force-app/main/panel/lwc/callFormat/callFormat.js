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
  none: { label: "No record change", iconName: "utility:dash" }
};

const STATUS_OUTCOMES = {
  Failed: { label: "Failed", iconName: "utility:error" },
  "Needs Review": { label: "Needs review", iconName: "utility:question" },
  Received: { label: "Received, not processed yet", iconName: "utility:clock" }
};

const SOURCE_LABELS = { rule: "org rule", sender: "sent by the phone system", default: "default" };

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
  const format = new Intl.RelativeTimeFormat(LOCALE, { numeric: "auto" });
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
  return new Intl.DateTimeFormat(LOCALE, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TIME_ZONE
  }).format(new Date(when));
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
  return new Intl.NumberFormat(LOCALE, {
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
 * Splits text into plain and highlighted segments at every case-insensitive occurrence of a phrase,
 * so a template can render the highlights with <mark> and bindings only (never innerHTML).
 * @param {string} text the transcript
 * @param {string[]} phrases the matched phrases
 * @returns {{key:string, text:string, highlighted:boolean}[]}
 */
export function highlightSegments(text, phrases) {
  if (!text) {
    return [];
  }
  const lower = text.toLowerCase();
  const ranges = [];
  for (const phrase of new Set((phrases || []).filter((p) => p && p.trim()).map((p) => p.toLowerCase()))) {
    for (let at = lower.indexOf(phrase); at !== -1; at = lower.indexOf(phrase, at + phrase.length)) {
      ranges.push([at, at + phrase.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) {
      last[1] = Math.max(last[1], range[1]);
    } else {
      merged.push([...range]);
    }
  }
  const segments = [];
  let position = 0;
  const push = (end, highlighted) => {
    if (end > position) {
      segments.push({ key: `s${segments.length}`, text: text.slice(position, end), highlighted });
      position = end;
    }
  };
  for (const [start, end] of merged) {
    push(start, false);
    push(end, true);
  }
  push(text.length, false);
  return segments;
}

/**
 * Explanations as the panel and the rule tester list them.
 * @param {{kind:string, rule:string, matched:string, snippet:string, source:string}[]} explanations
 * @returns {{key:string, kind:string, matched:string, snippet:string, origin:string}[]} origin says where it
 *   came from, e.g. "org rule: Urgency_Flooding"
 */
export function explanationViews(explanations) {
  return (explanations || []).map((explanation, index) => {
    const sourceLabel = SOURCE_LABELS[explanation.source] || explanation.source || "";
    return {
      key: `e${index}`,
      kind: explanation.kind,
      matched: explanation.matched || "",
      snippet: explanation.snippet || "",
      origin: explanation.rule ? `${sourceLabel}: ${explanation.rule}` : sourceLabel
    };
  });
}

/**
 * The phrases that explanations matched, for highlighting.
 * @param {{matched:string}[]} explanations
 * @returns {string[]}
 */
export function matchedPhrases(explanations) {
  return (explanations || []).map((explanation) => explanation.matched).filter((matched) => !!matched);
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
  } catch {
    // not a URL at all: nothing to show
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
