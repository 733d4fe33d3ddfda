// Capped exponential backoff with full jitter and an overall deadline (the AWS architecture blog's
// "full jitter"): delay = random(0, min(maxDelayMs, baseDelayMs * 2^retryNumber)). Internal: the
// package exports only RetryOptions and DEFAULT_RETRY.
import { ApiError, NetworkError } from "./errors.js";

export interface RetryOptions {
  /** Attempts in total, including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No attempt starts, and no attempt runs, past this many ms after the first one started. */
  deadlineMs: number;
  /** Abandon one attempt that has not answered after this many ms (a slow response is retried). */
  attemptTimeoutMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  deadlineMs: 120_000,
  attemptTimeoutMs: 60_000
};

/** Error codes that mean "nothing was committed, try again" (docs/api/openapi.yaml, the error responses). */
const RETRYABLE_CODES = new Set([
  "UNABLE_TO_LOCK_ROW",
  "TEMPORARY_FAILURE",
  "REQUEST_LIMIT_EXCEEDED",
  "INTERNAL_ERROR"
]);

/** The delay before retry number `retryNumber` (0 for the first retry), given a random number in [0, 1). */
export function backoffDelay(retryNumber: number, options: RetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retryNumber);
  return Math.floor(random() * ceiling);
}

/**
 * Whether the org stopped the request on an Apex governor limit (CPU time, heap, queries, regex): Salesforce
 * answers an exception Apex cannot catch with 500 `APEX_ERROR` and the `System.LimitException` message, and
 * rolls the whole transaction back. The same batch stops the same way again (the org's own automation per call
 * sets the cost), so it is not resent as it is: a smaller batch fits (delivery splits it, as it does a 413).
 */
export function isGovernorLimit(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    error.status === 500 &&
    error.errors.some(
      (entry) => entry.errorCode === "APEX_ERROR" && /\bSystem\.LimitException\b/.test(entry.message ?? "")
    )
  );
}

/**
 * Whether sending the same request again is safe and can succeed. Safe for every request the SDK
 * makes because a POST carries its `callId`s (the idempotency key) and the others are reads.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) return error.retryable;
  if (isGovernorLimit(error)) return false;
  if (error instanceof ApiError) {
    if (error.status !== undefined && (error.status >= 500 || error.status === 429)) return true;
    return error.errorCode !== undefined && RETRYABLE_CODES.has(error.errorCode);
  }
  return false;
}

/** A seeded pseudo-random generator (mulberry32) so tests and benchmarks can replay the same jitter. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
