// What the provider adapters share: reading loosely-typed webhook JSON and turning an AI receptionist's
// extracted data (Vapi structuredData, Retell custom_analysis_data) into the call's caller and intelligence.
import type { Call, Caller, SenderIntelligence } from "../types.js";

export type Json = Record<string, unknown>;

export const asObject = (value: unknown): Json | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;

export const asString = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== ""
    ? value
    : typeof value === "number"
      ? String(value)
      : undefined;

export const asNumber = (value: unknown): number | undefined => {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
};

export const asBoolean = (value: unknown): boolean | undefined =>
  typeof value === "boolean" ? value : value === "true" ? true : value === "false" ? false : undefined;

export const httpsUrl = (value: unknown): string | undefined => {
  const url = asString(value);
  return url?.startsWith("https://") ? url : undefined;
};

/** Drops undefined members so the call object carries only what the provider sent. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}

/** A full name as first and last name: the last word is the last name, the words before it the first. */
export function splitName(value: unknown): Pick<Caller, "firstName" | "lastName"> {
  const parts = asString(value)?.trim().split(/\s+/) ?? [];
  return compact({
    firstName: parts.length > 1 ? parts.slice(0, -1).join(" ") : undefined,
    lastName: parts.at(-1)
  });
}

const CALLER_KEYS: Record<string, keyof Caller> = {
  firstname: "firstName",
  first_name: "firstName",
  lastname: "lastName",
  last_name: "lastName",
  email: "email",
  company: "company",
  companyname: "company",
  company_name: "company",
  street: "street",
  address: "street",
  city: "city",
  state: "state",
  postalcode: "postalCode",
  postal_code: "postalCode",
  zip: "postalCode",
  country: "country"
};
const INTELLIGENCE_KEYS: Record<string, keyof SenderIntelligence> = {
  urgency: "urgency",
  urgency_level: "urgency",
  urgencylevel: "urgency",
  callbackrequested: "callbackRequested",
  callback_requested: "callbackRequested",
  serviceinterest: "serviceInterest",
  service_interest: "serviceInterest",
  service: "serviceInterest",
  timeline: "timeline",
  budget: "budget"
};

/**
 * Splits an assistant's extracted data into caller fields, intelligence and the rest (`custom`), by
 * common key spellings (camelCase or snake_case). Values of the wrong type are left in `custom`.
 */
export function fromExtractedData(data: Json | undefined): Pick<Call, "caller" | "intelligence" | "custom"> {
  if (!data) return {};
  const caller: Caller = {};
  const intelligence: SenderIntelligence = {};
  const custom: Json = {};
  for (const [key, value] of Object.entries(data)) {
    const normalized = key.toLowerCase();
    const callerKey = CALLER_KEYS[normalized];
    const intelligenceKey = INTELLIGENCE_KEYS[normalized];
    if (
      normalized === "name" ||
      normalized === "full_name" ||
      normalized === "fullname" ||
      normalized === "caller_name"
    ) {
      Object.assign(caller, splitName(value));
    } else if (callerKey && asString(value)) {
      caller[callerKey] = asString(value);
    } else if (
      intelligenceKey === "urgency" &&
      Number.isInteger(asNumber(value)) &&
      asNumber(value)! >= 1 &&
      asNumber(value)! <= 5
    ) {
      intelligence.urgency = asNumber(value);
    } else if (intelligenceKey === "callbackRequested" && asBoolean(value) !== undefined) {
      intelligence.callbackRequested = asBoolean(value);
    } else if ((intelligenceKey === "serviceInterest" || intelligenceKey === "timeline") && asString(value)) {
      intelligence[intelligenceKey] = asString(value);
    } else if (intelligenceKey === "budget" && (asNumber(value) !== undefined || asObject(value))) {
      const budget = asObject(value);
      intelligence.budget = budget
        ? compact({
            amount: asNumber(budget.amount),
            min: asNumber(budget.min),
            max: asNumber(budget.max),
            currency: asString(budget.currency)
          })
        : { amount: asNumber(value)! };
    } else {
      custom[key] = value;
    }
  }
  return compact({
    caller: Object.keys(caller).length > 0 ? caller : undefined,
    intelligence: Object.keys(intelligence).length > 0 ? intelligence : undefined,
    custom: Object.keys(custom).length > 0 ? custom : undefined
  });
}

/** How a provider's end reason maps to the call's disposition and who answered (one row of a table). */
export type Outcome = readonly [Call["disposition"], Call["answeredBy"]];
export const ANSWERED_BY_AI: Outcome = ["answered", "ai"];
export const ANSWERED_BY_HUMAN: Outcome = ["answered", "human"];
export const VOICEMAIL: Outcome = ["voicemail", "voicemail"];
export const MISSED: Outcome = ["missed", "none"];
/** The AI took the call but the person it forwarded to did not pick up: a callback is owed. */
export const FORWARD_NOT_ANSWERED: Outcome = ["missed", "ai"];
/** The caller hung up before anyone (person or AI) answered. */
export const ABANDONED: Outcome = ["abandoned", "none"];

/**
 * Whether a `from` value is a phone number: digits (7 or more) with the usual punctuation. Providers put
 * other things there: Twilio `anonymous`, `client:Anonymous`, `sip:…`; those are never used as a phone.
 */
export const isPhoneNumber = (value: string | undefined): value is string =>
  !!value && /^\+?[\d\s().-]+$/.test(value) && value.replace(/\D/g, "").length >= 7;

const PHONE_KEYS = [
  "phone",
  "phonenumber",
  "phone_number",
  "callbacknumber",
  "callback_number",
  "caller_phone"
];

/** A phone number the assistant extracted (structured data / custom analysis), when the call has none. */
export function extractedPhone(data: Json | undefined): string | undefined {
  for (const [key, value] of Object.entries(data ?? {})) {
    const text = asString(value);
    if (PHONE_KEYS.includes(key.toLowerCase()) && isPhoneNumber(text)) return text;
  }
  return undefined;
}

/**
 * The caller's identity for the call object: the provider's `from` when it is a phone number, else a
 * phone from the extracted data; the non-phone `from` is kept in `custom.providerFrom`. Throws a clear
 * error naming the call when there is neither a phone nor an email (the API needs one of them).
 */
export function callerIdentity(
  label: string,
  from: string | undefined,
  data: Json | undefined,
  email: string | undefined
): { from?: string; providerFrom?: string } {
  const phone = isPhoneNumber(from) ? from : extractedPhone(data);
  if (!phone && !email) {
    throw new Error(
      `${label} has no caller phone number${from ? ` (from is "${from}")` : ""} and no email or phone in its extracted data: it cannot be sent`
    );
  }
  return compact({ from: phone, providerFrom: from && from !== phone ? from : undefined });
}

/**
 * A provider timestamp as ISO 8601: numbers are epoch milliseconds, or epoch seconds when too small to be
 * milliseconds of this century (before 1973 as ms), which some senders use.
 */
export function isoFromEpoch(value: unknown): string | undefined {
  const number = asNumber(value);
  if (number === undefined || number <= 0) return undefined;
  return new Date(number < 1e11 ? number * 1000 : number).toISOString();
}
