// What the provider adapters share: reading loosely-typed webhook JSON and turning an AI receptionist's
// extracted data (Vapi structuredData, Retell custom_analysis_data) into the call's caller and intelligence.
import type { Call, Caller, SenderIntelligence } from "../types.js";

export type Json = Record<string, unknown>;

/** Who took a call an AI receptionist handled: the AI when answered, voicemail, or no one. */
export const aiAnsweredBy = (disposition: Call["disposition"]): Call["answeredBy"] =>
  disposition === "answered" ? "ai" : disposition === "voicemail" ? "voicemail" : "none";

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

export const isoFromMs = (ms: unknown): string | undefined => {
  const value = asNumber(ms);
  return value === undefined ? undefined : new Date(value).toISOString();
};

/** Drops undefined members so the call object carries only what the provider sent. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
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
      const parts = asString(value)?.trim().split(/\s+/) ?? [];
      if (parts.length > 1) caller.firstName = parts.slice(0, -1).join(" ");
      if (parts.length > 0) caller.lastName = parts.at(-1);
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
