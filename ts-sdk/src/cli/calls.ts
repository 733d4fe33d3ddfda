// From the values read (cli/input.ts) to the calls to send: each vendor payload through its adapter (the
// provider given with --provider, or recognised from the payload's shape), Twilio's callbacks of one call
// (same CallSid) read together, successive updates of one callId merged, and every call checked.
import { ADAPTERS, detectProvider, PROVIDERS, type Provider } from "../adapters/detect.js";
import { fromTwilio } from "../adapters/twilio.js";
import { mergeCallUpdates } from "../coalesce.js";
import type { Call } from "../types.js";
import { prepareCall } from "../validate.js";
import type { SourcedValue } from "./input.js";
import { didYouMean, UsageError } from "./usage.js";

const PROVIDER_NAMES: Record<Provider, string> = { vapi: "Vapi", retell: "Retell", twilio: "Twilio" };

export interface CheckedCalls {
  /** The calls to send, one per callId, in the order each callId first appeared. */
  calls: Call[];
  /** Every error once, with its place; any error means nothing is sent. */
  errors: string[];
  /** What will be dropped or truncated, with its place. */
  warnings: string[];
  /** What was done without being asked: a provider recognised, updates merged. */
  notes: string[];
}

/** The --provider value, checked. */
export function providerOption(value: string | undefined): Provider | undefined {
  if (value === undefined) return undefined;
  if ((PROVIDERS as readonly string[]).includes(value)) return value as Provider;
  throw new UsageError(
    `Unknown provider ${value}${didYouMean(value, PROVIDERS)} (use ${PROVIDERS.join(", ")})`
  );
}

interface Adapted {
  call: Call;
  where: string;
}

export function checkCalls(values: SourcedValue[], provider: Provider | undefined): CheckedCalls {
  const errors: string[] = [];
  const notes: string[] = [];
  const recognised = new Map<Provider, string>();
  // Each input value becomes a slot that makes its call; Twilio reports one call in several callbacks
  // (status, recording, transcription) and only the status callback names the caller, so the callbacks
  // of one CallSid share the slot of the first and are mapped together.
  const slots: { where: string; make: () => Call }[] = [];
  const twilioCalls = new Map<string, Record<string, string>[]>();
  for (const { value, where } of values) {
    const detected = detectProvider(value);
    if (provider && detected && detected !== provider) {
      errors.push(
        `${where}: this looks like a ${PROVIDER_NAMES[detected]} webhook, not a ${PROVIDER_NAMES[provider]} one: use --provider ${detected}`
      );
      continue;
    }
    const chosen = provider ?? detected;
    if (!provider && chosen && !recognised.has(chosen)) recognised.set(chosen, where);
    if (chosen === "twilio") {
      const params = value as Record<string, string>;
      const key = params.CallSid ?? where;
      const callbacks = twilioCalls.get(key);
      if (callbacks) callbacks.push(params);
      else {
        const group = [params];
        twilioCalls.set(key, group);
        slots.push({ where, make: () => fromTwilio(...group) });
      }
    } else slots.push({ where, make: () => (chosen ? ADAPTERS[chosen](value) : (value as Call)) });
  }
  const grouped = [...twilioCalls.values()].filter((callbacks) => callbacks.length > 1);
  if (grouped.length > 0) {
    const callbacks = grouped.reduce((total, group) => total + group.length, 0);
    notes.push(
      `${callbacks} Twilio callbacks of ${grouped.length} call(s) read together by CallSid: each call is sent once`
    );
  }
  const adapted: Adapted[] = [];
  for (const { where, make } of slots) {
    try {
      adapted.push({ call: make(), where });
    } catch (error) {
      errors.push(`${where}: ${(error as Error).message}`);
    }
  }
  for (const [found, where] of recognised) {
    notes.push(
      `${where}: recognised as a ${PROVIDER_NAMES[found]} webhook and mapped with its adapter (--provider ${found} says so explicitly)`
    );
  }
  const calls: Call[] = [];
  const warnings: string[] = [];
  for (const { call, where } of mergeByCallId(adapted, notes)) {
    const prepared = prepareCall(call);
    for (const issue of prepared.issues) errors.push(`${where}: ${issue.path} ${issue.message}`);
    for (const warning of prepared.warnings) warnings.push(`${where}: ${warning.message}`);
    if (prepared.call) calls.push(call);
  }
  return { calls, errors, warnings, notes };
}

/**
 * One call per callId: later updates merged into the first (mergeCallUpdates), which keeps its place. A
 * value without a string callId is kept as it is, for validation to report.
 */
function mergeByCallId(adapted: Adapted[], notes: string[]): Adapted[] {
  const byCallId = new Map<string, Adapted & { updates: number }>();
  const result: Adapted[] = [];
  for (const entry of adapted) {
    const callId = (entry.call as { callId?: unknown } | undefined)?.callId;
    const key = typeof callId === "string" && callId !== "" ? callId : undefined;
    const earlier = key === undefined ? undefined : byCallId.get(key);
    if (earlier) {
      earlier.call = mergeCallUpdates(earlier.call, entry.call);
      earlier.updates += 1;
      continue;
    }
    const kept = { ...entry, updates: 1 };
    if (key !== undefined) byCallId.set(key, kept);
    result.push(kept);
  }
  const coalesced = [...byCallId.values()].filter((entry) => entry.updates > 1);
  if (coalesced.length > 0) {
    const updates = coalesced.reduce((total, entry) => total + entry.updates, 0);
    notes.push(
      `${updates} updates of ${coalesced.length} call(s) merged: each call is sent once, with all it said`
    );
  }
  return result;
}
