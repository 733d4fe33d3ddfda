// Local validation of call objects before any network use, mirroring the Call schema of
// docs/api/openapi.yaml (test/contract.test.ts runs the contract's examples through it). Every bad path
// is collected so the sender fixes everything in one go.
import type { ValidationIssue } from "./errors.js";
import { MAX_TRANSCRIPT_CHARS } from "./limits.js";
import type { Call, Issue } from "./types.js";

const DIRECTIONS = ["inbound", "outbound"];
const TURN_ROLES = ["caller", "business"];
const DISPOSITIONS = ["answered", "missed", "voicemail", "abandoned"];
const ANSWERED_BY = ["ai", "human", "voicemail", "none"];
const CALLER_LENGTHS: Record<string, number> = {
  firstName: 40,
  lastName: 80,
  email: 80,
  company: 255,
  street: 255,
  city: 40,
  state: 80,
  postalCode: 20,
  country: 80
};
// RFC 3339 date-time, as JSON Schema's "date-time" format requires (offset mandatory).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CURRENCY = /^[A-Z]{3}$/;

type Check = (issues: ValidationIssue[], path: string, value: unknown) => void;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function text(
  maxLength: number,
  { minLength = 0, pattern, format }: { minLength?: number; pattern?: RegExp; format?: string } = {}
): Check {
  return (issues, path, value) => {
    if (typeof value !== "string") return void issues.push({ path, message: "must be a string" });
    if (value.length < minLength) issues.push({ path, message: "must not be empty" });
    if (value.length > maxLength)
      issues.push({ path, message: `must be at most ${maxLength} characters (is ${value.length})` });
    if (pattern && !pattern.test(value))
      issues.push({ path, message: `must be ${format ?? `like ${pattern.source}`}` });
  };
}

function oneOf(values: string[]): Check {
  return (issues, path, value) => {
    if (typeof value !== "string" || !values.includes(value)) {
      issues.push({ path, message: `must be one of ${values.join(", ")}` });
    }
  };
}

function integer(minimum: number, maximum: number): Check {
  return (issues, path, value) => {
    if (typeof value !== "number" || !Number.isInteger(value) || value < minimum || value > maximum) {
      issues.push({ path, message: `must be an integer from ${minimum} to ${maximum}` });
    }
  };
}

const nonNegativeNumber: Check = (issues, path, value) => {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    issues.push({ path, message: "must be a number ≥ 0" });
  }
};

const boolean: Check = (issues, path, value) => {
  if (typeof value !== "boolean") issues.push({ path, message: "must be true or false" });
};

function object(properties: Record<string, Check>): Check {
  return (issues, path, value) => {
    if (!isObject(value)) return void issues.push({ path, message: "must be an object" });
    for (const [key, check] of Object.entries(properties)) {
      if (value[key] !== undefined) check(issues, `${path}.${key}`, value[key]);
    }
  };
}

const recordingUrl = text(8192, { pattern: /^https:\/\/\S+$/, format: "an https URL" });

const transcriptSegment = object({
  speaker: text(Number.MAX_SAFE_INTEGER),
  role: oneOf(TURN_ROLES),
  text: text(Number.MAX_SAFE_INTEGER),
  startMs: integer(0, Number.MAX_SAFE_INTEGER)
});

const transcript: Check = (issues, path, value) => {
  if (typeof value === "string") return;
  if (!Array.isArray(value))
    return void issues.push({
      path,
      message: "must be a string or an array of {speaker, role, text, startMs}"
    });
  value.forEach((segment, index) => {
    const segmentPath = `${path}[${index}]`;
    if (!isObject(segment)) return void issues.push({ path: segmentPath, message: "must be an object" });
    if (segment.text === undefined) issues.push({ path: `${segmentPath}.text`, message: "is required" });
    transcriptSegment(issues, segmentPath, segment);
  });
};

const callProperties: Record<string, Check> = {
  callId: text(255, { minLength: 1 }),
  provider: text(80),
  direction: oneOf(DIRECTIONS),
  disposition: oneOf(DISPOSITIONS),
  answeredBy: oneOf(ANSWERED_BY),
  startedAt: text(64, {
    pattern: DATE_TIME,
    format: "an ISO 8601 date-time with offset, e.g. 2026-06-01T21:04:00Z"
  }),
  durationSeconds: integer(0, 999_999_999),
  from: text(80, { minLength: 1 }),
  to: text(80),
  caller: object(
    Object.fromEntries(
      Object.entries(CALLER_LENGTHS).map(([key, length]) => [
        key,
        key === "email" ? text(length, { pattern: EMAIL, format: "an email address" }) : text(length)
      ])
    )
  ),
  transcript,
  summary: text(Number.MAX_SAFE_INTEGER),
  recordingUrl,
  consentToRecord: boolean,
  intelligence: object({
    urgency: integer(1, 5),
    callbackRequested: boolean,
    serviceInterest: text(255),
    budget: object({
      amount: nonNegativeNumber,
      min: nonNegativeNumber,
      max: nonNegativeNumber,
      currency: text(3, { pattern: CURRENCY, format: "an ISO 4217 code like USD" })
    }),
    timeline: text(80)
  }),
  custom: object({})
};

/** Read after its path, `from`: says what is missing and why the org needs it. */
export const MISSING_CALLER =
  "or caller.email is required: the call names neither the caller's phone number nor an email, and the org needs one of them to find or create the caller";

/** Every problem with one call object, with paths prefixed by `prefix` (e.g. `calls[3]`). */
export function findCallIssues(call: unknown, prefix = ""): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (key: string) => (prefix ? `${prefix}.${key}` : key);
  if (!isObject(call)) return [{ path: prefix || "(call)", message: "must be an object" }];
  if (call.callId === undefined) issues.push({ path: at("callId"), message: "is required" });
  const email = isObject(call.caller) ? call.caller.email : undefined;
  if (call.from === undefined && email === undefined) {
    issues.push({ path: at("from"), message: MISSING_CALLER });
  }
  // Only the call's own keys are visited (hot path: captureMany checks every call it sends).
  for (const key in call) {
    const check = Object.hasOwn(callProperties, key) ? callProperties[key] : undefined;
    if (check && call[key] !== undefined) check(issues, at(key), call[key]);
  }
  return issues;
}

/**
 * A call made sendable the way the contract promises (ts-sdk/README.md, "Leniency"): required fields still fail
 * (`issues`), while a malformed or over-long optional field is dropped or truncated and a transcript
 * longer than the org stores is truncated, each with a warning. The input is never modified.
 */
export interface PreparedCall {
  /** The call to send; undefined when a required field is wrong (see `issues`). */
  call: Call | undefined;
  /** Problems with required fields (`callId`, and `from` or `caller.email`): the call cannot be sent. */
  issues: ValidationIssue[];
  /** What was dropped or truncated, in the shape of the API's result warnings. */
  warnings: Issue[];
}

// Text the SDK may shorten without changing its meaning; anything else that is wrong is dropped.
const TRUNCATABLE = new Set([
  "provider",
  ...Object.keys(CALLER_LENGTHS)
    .filter((key) => key !== "email")
    .map((key) => `caller.${key}`),
  "intelligence.serviceInterest",
  "intelligence.timeline"
]);

/** Splits `caller.email` / `transcript[2].text` into keys. */
const pathKeys = (path: string): (string | number)[] =>
  path
    .replace(/\[(\d+)\]/g, ".$1")
    .split(".")
    .map((key) => (/^\d+$/.test(key) ? Number(key) : key));

function valueAt(root: unknown, keys: (string | number)[]): unknown {
  return keys.reduce<unknown>(
    (node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
    root
  );
}

/** The transcript as the org stores it (segments flattened to `speaker: text` lines) and its length. */
function transcriptLength(transcript: unknown): number {
  if (typeof transcript === "string") return transcript.length;
  if (!Array.isArray(transcript)) return 0;
  return transcript.reduce<number>((total, segment: { speaker?: string; text?: string }, index) => {
    const line = (segment.speaker ? segment.speaker.length + 2 : 0) + (segment.text?.length ?? 0);
    return total + line + (index > 0 ? 1 : 0);
  }, 0);
}

/**
 * Cuts a transcript to the org's cap plus one character ("…"), so the org stores the first
 * MAX_TRANSCRIPT_CHARS characters and still sets its truncation flag (it flags anything longer).
 */
function truncateTranscript(transcript: Call["transcript"]): Call["transcript"] {
  if (typeof transcript === "string") return `${transcript.slice(0, MAX_TRANSCRIPT_CHARS)}…`;
  const kept: NonNullable<Exclude<Call["transcript"], string>> = [];
  let used = 0;
  for (const segment of transcript ?? []) {
    const prefix = (segment.speaker ? segment.speaker.length + 2 : 0) + (kept.length > 0 ? 1 : 0);
    const room = MAX_TRANSCRIPT_CHARS - used - prefix;
    if (room >= segment.text.length) {
      kept.push(segment);
      used += prefix + segment.text.length;
      continue;
    }
    kept.push({ ...segment, text: `${segment.text.slice(0, Math.max(0, room))}…` });
    break;
  }
  return kept;
}

/** The codes of the warnings prepareCall gives (what the SDK itself dropped or truncated). */
export const SDK_WARNING_CODES: ReadonlySet<string> = new Set([
  "FIELD_DROPPED",
  "FIELD_TRUNCATED",
  "TRANSCRIPT_TRUNCATED"
]);

// Shared by every valid call (the common case), so checking a million calls allocates no empty arrays.
const NONE: never[] = Object.freeze([]) as unknown as never[];

/** Makes a call sendable: required fields checked, optional ones dropped or truncated with warnings. */
export function prepareCall(input: unknown): PreparedCall {
  const found = findCallIssues(input);
  const long = transcriptLength(isObject(input) ? input.transcript : undefined) > MAX_TRANSCRIPT_CHARS;
  if (found.length === 0 && !long) return { call: input as Call, issues: NONE, warnings: NONE };
  if (!isObject(input)) return { call: undefined, issues: found, warnings: [] };
  const call = structuredClone(input) as Record<string, unknown>;
  const hasFrom = typeof call.from === "string" && !found.some((issue) => issue.path === "from");
  const emailOk = isObject(call.caller) && call.caller.email !== undefined;
  const hasEmail = emailOk && !found.some((issue) => issue.path === "caller.email");
  const issues: ValidationIssue[] = [];
  const warnings: Issue[] = [];
  for (const issue of found) {
    const keys = pathKeys(issue.path);
    const required =
      keys[0] === "callId" ||
      (issue.path === "from" && !hasEmail) ||
      (issue.path === "caller.email" && !hasFrom);
    if (required) {
      issues.push(issue);
      continue;
    }
    const parent = valueAt(call, keys.slice(0, -1)) as Record<string | number, unknown> | undefined;
    const key = keys.at(-1)!;
    const value = valueAt(call, keys);
    const limit = /at most (\d+) characters/.exec(issue.message);
    if (limit && TRUNCATABLE.has(issue.path) && typeof value === "string" && parent) {
      parent[key] = value.slice(0, Number(limit[1]));
      warnings.push({
        code: "FIELD_TRUNCATED",
        message: `${issue.path} ${issue.message}; truncated`,
        field: issue.path
      });
      continue;
    }
    // A transcript turn with a bad member goes as a whole: a turn is kept entire or not at all.
    if (keys[0] === "transcript" && typeof keys[1] === "number" && Array.isArray(call.transcript)) {
      call.transcript[keys[1]] = undefined;
    } else if (parent) delete parent[key];
    warnings.push({
      code: "FIELD_DROPPED",
      message: `${issue.path} ${issue.message}; left out`,
      field: issue.path
    });
  }
  if (issues.length > 0) return { call: undefined, issues, warnings };
  if (Array.isArray(call.transcript)) {
    call.transcript = call.transcript.filter((segment) => segment !== undefined);
    if ((call.transcript as unknown[]).length === 0) delete call.transcript;
  }
  if (transcriptLength(call.transcript) > MAX_TRANSCRIPT_CHARS) {
    const before = transcriptLength(call.transcript);
    call.transcript = truncateTranscript(call.transcript as Call["transcript"]);
    warnings.push({
      code: "TRANSCRIPT_TRUNCATED",
      message: `The transcript is ${before} characters; the org stores ${MAX_TRANSCRIPT_CHARS}, so it was truncated before sending.`,
      field: "transcript"
    });
  }
  return { call: call as Call, issues: [], warnings };
}
