// Bulk delivery, the engine of captureMany and captureStream: reads calls one at a time, merges repeated
// updates of a callId, fills batches up to both caps, keeps a bounded number in flight, resends per-call
// retryable failures, splits batches the org finds too large, and hands back one result per input call.
import { mergeCallUpdates } from "./coalesce.js";
import { CallCaptureError, NetworkError, ValidationError } from "./errors.js";
import { jsonLengthEstimate } from "./json-size.js";
import { MAX_CALLS_PER_REQUEST, MAX_REQUEST_BYTES } from "./limits.js";
import { newRun, type Requester, type RequestRun, type RetryEvent } from "./request.js";
import { backoffDelay, isGovernorLimit, isRetryable, type RetryOptions } from "./retry.js";
import type { ApiErrorEntry, BatchResponse, Call, CallResult, Issue } from "./types.js";
import { prepareCall } from "./validate.js";

export interface BatchOptions {
  /** Calls per request (the API accepts 1–200). */
  maxCalls: number;
  /** Bytes of the serialized request body: at most the endpoint's cap (MAX_REQUEST_BYTES). */
  maxBytes: number;
}

export const DEFAULT_BATCH: BatchOptions = { maxCalls: MAX_CALLS_PER_REQUEST, maxBytes: MAX_REQUEST_BYTES };

/** Where a bulk send stands, after each request. Counts are of results, never of calls attempted. */
export interface CaptureProgress {
  /** Calls with a result (delivered or failed). */
  done: number;
  /** Calls in the input, when it is an array; undefined for iterables. */
  total: number | undefined;
  /** Of `done`, calls the org accepted: processed, or `queued` (stored, processed later; nothing to resend). */
  delivered: number;
  /** Of `delivered`, calls answered `queued`. */
  queued: number;
  /** Of `done`, calls that failed (their result has status `failed`). */
  failed: number;
  /** Requests sent so far, retries included. */
  requests: number;
}

export interface DeliveryOptions {
  /** Called after each batch with the counts so far. */
  onProgress?: (progress: CaptureProgress) => void;
  /** Batches sent at the same time (default 1, at most 16). Memory grows with it: one batch each, plus one read ahead. */
  concurrency?: number;
  /**
   * Called for each call that failed for good, with the call as it was (or would have been) sent, so it
   * can be written somewhere and sent again (the CLI's `--failures` file).
   */
  onFailure?: (call: unknown, result: CallResult) => void;
  /**
   * Called once when the run stops early, with why: the token endpoint refused the credentials, the host
   * does not exist, its certificate is not trusted, or `stopAfterNetworkFailures` requests in a row got no
   * response. Every call not yet delivered then gets a failed result carrying that error.
   */
  onStopped?: (error: CallCaptureError) => void;
  /** The circuit breaker: stop the run after this many requests in a row got no response (default 5). */
  stopAfterNetworkFailures?: number;
}

/** Anything captureMany reads calls from. */
export type CallSource = Iterable<Call> | AsyncIterable<Call>;

/**
 * One call on its way: its input position(s), the call as sent, the warnings of preparing it, and how
 * many times the org has answered for it (its per-call resends are counted against maxAttempts).
 */
interface PendingCall {
  index: number;
  call: Call;
  warnings: Issue[];
  attempts: number;
  /** Later inputs with the same callId, merged into this call: each gets the call's result. */
  merged?: { index: number; warnings: Issue[] }[];
}

const MAX_CONCURRENCY = 16;
export const DEFAULT_STOP_AFTER_NETWORK_FAILURES = 5;
/** How a call missing from a batch response is treated: failed, retryable (nothing says it was stored). */
const NO_RESULT: CallResult = {
  callId: "",
  index: 0,
  status: "failed",
  outcome: "none",
  errors: [{ errorCode: "INTERNAL_ERROR", message: "no result returned", retryable: true }]
};
const ENVELOPE = '{"calls":[]}';

/** What the client lends the delivery engine. */
export interface DeliveryContext {
  requester: Requester;
  retry: RetryOptions;
  batch: BatchOptions;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  onRetry?: (retry: RetryEvent) => void;
}

/**
 * Reads calls (synchronously from arrays and iterables, without a wait per call), batches them,
 * delivers up to `concurrency` batches at a time, and hands each batch's results to `emit`; a slot is
 * freed when `emit`'s promise settles.
 */
export async function deliverAll(
  context: DeliveryContext,
  calls: CallSource,
  options: DeliveryOptions,
  emit: (results: CallResult[]) => void | Promise<void>
): Promise<void> {
  const concurrency = Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(options.concurrency ?? 1)));
  const total = Array.isArray(calls) ? calls.length : undefined;
  const run = newRun(options.stopAfterNetworkFailures ?? DEFAULT_STOP_AFTER_NETWORK_FAILURES);
  const inFlight = new Set<Promise<void>>();
  // With more than one batch in flight, a later update of a callId must not overtake an earlier one:
  // its batch waits for the one carrying the earlier update. (With one in flight, batches are in order.)
  const flying = concurrency > 1 ? new Map<string, Promise<void>>() : undefined;
  const batcher = new Batcher(context.batch);
  let done = 0;
  let delivered = 0;
  let queued = 0;
  let failed = 0;
  let stopReported = false;
  const finish = async (results: CallResult[]) => {
    done += results.length;
    for (const result of results) {
      if (result.status === "failed") failed += 1;
      else {
        delivered += 1;
        if (result.status === "queued") queued += 1;
      }
    }
    if (run.stopped && !stopReported) {
      stopReported = true;
      options.onStopped?.(run.stopped);
    }
    options.onProgress?.({ done, total, delivered, queued, failed, requests: run.requests });
    await emit(results);
  };
  const dispatch = async (planned: Planned) => {
    if (!Array.isArray(planned)) {
      options.onFailure?.(planned.call, planned.result);
      return finish([planned.result]);
    }
    // This batch was read, checked and serialized while the others were in flight (one batch ahead):
    // the client's JSON work overlaps the org's, instead of waiting its turn after each response. It
    // is sent once a slot is free, so at most `concurrency` batches are in flight and one more is ready.
    // Waiting for setImmediate first lets the request just sent reach its socket before this work.
    if (inFlight.size > 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const body = run.stopped ? undefined : serialize(planned, context.batch.maxBytes);
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (flying) {
      const earlier = new Set<Promise<void>>();
      for (const pending of planned) {
        const flight = flying.get(pending.call.callId);
        if (flight) earlier.add(flight);
      }
      if (earlier.size > 0) await Promise.all(earlier);
    }
    const deadline = context.now() + context.retry.deadlineMs;
    const delivery: Promise<void> = deliverBatch(context, planned, run, deadline, options, body)
      .then(finish)
      .finally(() => {
        inFlight.delete(delivery);
        if (flying)
          for (const pending of planned)
            if (flying.get(pending.call.callId) === delivery) flying.delete(pending.call.callId);
      });
    inFlight.add(delivery);
    if (flying) for (const pending of planned) flying.set(pending.call.callId, delivery);
  };
  if (Symbol.asyncIterator in calls) {
    for await (const input of calls) for (const planned of batcher.add(input)) await dispatch(planned);
  } else {
    for (const input of calls) for (const planned of batcher.add(input)) await dispatch(planned);
  }
  for (const planned of batcher.flush()) await dispatch(planned);
  while (inFlight.size > 0) await Promise.race(inFlight);
}

/**
 * Delivers one batch and resolves with one result per input call; never rejects. A 413 splits the batch
 * in halves; calls whose result failed with `retryable: true` are resent after a backoff while attempts
 * and the deadline allow; a batch that fails for good yields failed results for its calls. `body` is the
 * batch serialized ahead of time (deliverAll); resends and halves are serialized here.
 */
async function deliverBatch(
  context: DeliveryContext,
  batch: PendingCall[],
  run: RequestRun,
  deadline: number,
  options: DeliveryOptions,
  prepared?: Body
): Promise<CallResult[]> {
  const fail = (error: CallCaptureError) => {
    const results: CallResult[] = [];
    for (const pending of batch) {
      const result = failedResult(pending.call, pending.index, error, pending.warnings);
      options.onFailure?.(pending.call, result);
      addResults(results, pending, result);
    }
    return results;
  };
  if (run.stopped) return fail(run.stopped);
  const { text: body, bytes } = prepared ?? serialize(batch, context.batch.maxBytes);
  if (bytes !== undefined && bytes > context.batch.maxBytes) {
    // The batch was filled by an estimate; multi-byte text or escapes made it larger than the cap.
    if (batch.length > 1) return splitBatch(context, batch, run, deadline, options);
    return fail(tooLarge(bytes, context.batch.maxBytes));
  }
  let response: BatchResponse;
  try {
    response = (
      await context.requester.send<BatchResponse>(
        { method: "POST", path: "/calls", body, calls: batch.length },
        { deadline, run }
      )
    ).body;
  } catch (error) {
    const known = error instanceof CallCaptureError ? error : new CallCaptureError(String(error));
    // A batch refused as too large, or stopped by an Apex governor limit (the org rolled it back), was not
    // processed: its halves keep the calls' attempts as they were, and a smaller batch fits.
    if ((known.status === 413 || isGovernorLimit(known)) && batch.length > 1)
      return splitBatch(context, batch, run, deadline, options);
    return fail(known);
  }
  // The org answered: each call has been through its processing once more.
  for (const pending of batch) pending.attempts += 1;
  const results: CallResult[] = [];
  const again: PendingCall[] = [];
  let delay = 0;
  // Which positions of the batch the org answered (one byte each: this loop runs for every call sent).
  const answered = new Uint8Array(batch.length);
  let answers = 0;
  for (const result of response.results ?? []) {
    const pending = batch[result.index];
    if (!pending || answered[result.index] === 1) continue;
    answered[result.index] = 1;
    answers += 1;
    const wait = resendDelay(context, result, pending.attempts, deadline);
    if (wait !== undefined) {
      again.push(pending);
      delay = Math.max(delay, wait);
      continue;
    }
    // The parsed result is the SDK's own object: its index becomes the call's position in the input.
    const final = withWarnings(result, pending.warnings);
    final.index = pending.index;
    if (final.status === "failed") options.onFailure?.(pending.call, final);
    addResults(results, pending, final);
  }
  // A call the org returned no result for was not processed as far as the SDK can tell: resend it.
  for (let position = 0; answers < batch.length && position < batch.length; position += 1) {
    if (answered[position] === 1) continue;
    const pending = batch[position]!;
    const wait = resendDelay(context, NO_RESULT, pending.attempts, deadline);
    if (wait !== undefined) {
      again.push(pending);
      delay = Math.max(delay, wait);
      continue;
    }
    const error = new CallCaptureError("The org returned no result for this call", {
      errorCode: "INTERNAL_ERROR"
    });
    const result = failedResult(pending.call, pending.index, error, pending.warnings);
    options.onFailure?.(pending.call, result);
    addResults(results, pending, result);
  }
  if (again.length === 0) return results;
  context.onRetry?.({
    attempt: again[0]!.attempts + 1,
    maxAttempts: context.retry.maxAttempts,
    delayMs: delay,
    reason: "retryable per-call failure",
    calls: again.length
  });
  await context.sleep(delay);
  return [...results, ...(await deliverBatch(context, again, run, deadline, options))];
}

/** Delivers a batch the org (or the byte cap) finds too large as two halves. */
async function splitBatch(
  context: DeliveryContext,
  batch: PendingCall[],
  run: RequestRun,
  deadline: number,
  options: DeliveryOptions
): Promise<CallResult[]> {
  const half = Math.ceil(batch.length / 2);
  const first = await deliverBatch(context, batch.slice(0, half), run, deadline, options);
  return [...first, ...(await deliverBatch(context, batch.slice(half), run, deadline, options))];
}

/**
 * Adds the call's result to `results`, and one for each later input merged into it: the same outcome
 * under the input's own index, with its own SDK warnings before the org's.
 */
function addResults(results: CallResult[], pending: PendingCall, result: CallResult): void {
  results.push(result);
  if (!pending.merged) return;
  const orgWarnings = (result.warnings ?? []).slice(pending.warnings.length);
  for (const input of pending.merged) {
    results.push({ ...result, index: input.index, warnings: [...input.warnings, ...orgWarnings] });
  }
}

/** The wait before resending a call whose result failed with `retryable: true`, or undefined: final. */
export function resendDelay(
  context: Pick<DeliveryContext, "retry" | "random" | "now">,
  result: CallResult,
  attempts: number,
  deadline: number
): number | undefined {
  const retryable =
    result.status === "failed" && (result.errors ?? []).some((error) => error.retryable === true);
  if (!retryable || attempts >= context.retry.maxAttempts) return undefined;
  const delay = backoffDelay(attempts - 1, context.retry, context.random);
  return context.now() + delay < deadline ? delay : undefined;
}

/** A call that does not fit in one request even alone: failed locally, never sent. */
const tooLarge = (bytes: number, cap: number) =>
  new CallCaptureError(`The call is ${bytes} bytes serialized; a request holds at most ${cap}`, {
    errorCode: "PAYLOAD_TOO_LARGE"
  });

/** The result of a call the SDK could not deliver: status `failed`, with the error that stopped it. */
export function failedResult(
  call: unknown,
  index: number,
  error: CallCaptureError,
  warnings: Issue[]
): CallResult {
  const callId =
    call && typeof call === "object" && typeof (call as { callId?: unknown }).callId === "string"
      ? (call as { callId: string }).callId
      : "";
  const entries: ApiErrorEntry[] =
    error instanceof ValidationError
      ? error.issues.map((issue) => ({
          errorCode: (issue.message.includes("is required")
            ? "MISSING_FIELD"
            : (error.errorCode ?? "INVALID_FIELD")) as ApiErrorEntry["errorCode"],
          message: `${issue.path} ${issue.message}`,
          field: issue.path,
          retryable: false
        }))
      : [
          {
            errorCode: (error.errorCode ??
              (error instanceof NetworkError ? "NETWORK_ERROR" : "UNKNOWN")) as ApiErrorEntry["errorCode"],
            message: error.message,
            retryable: isRetryable(error)
          }
        ];
  return { callId, index, status: "failed", outcome: "none", warnings, errors: entries };
}

/** The SDK's own warnings (what it dropped or truncated) first, then the org's. */
export function withWarnings(result: CallResult, warnings: Issue[]): CallResult {
  return warnings.length === 0 ? result : { ...result, warnings: [...warnings, ...(result.warnings ?? [])] };
}

/** A batch's request body, and its UTF-8 length when it had to be measured (undefined: it surely fits). */
interface Body {
  text: string;
  bytes: number | undefined;
}

/**
 * Serializes a batch in one JSON.stringify. The batch was filled by an estimate (json-size.ts), so its
 * exact length decides whether it fits the cap; UTF-8 takes at most 3 bytes per UTF-16 code unit, so a
 * text of at most a third of the cap fits without being measured (most batches of short calls).
 */
function serialize(batch: PendingCall[], cap: number): Body {
  const text = JSON.stringify({ calls: batch.map((pending) => pending.call) });
  return { text, bytes: text.length * 3 <= cap ? undefined : Buffer.byteLength(text) };
}

/** What the batcher hands on: a full batch, or the failed result of a call that cannot be sent. */
type Planned = PendingCall[] | { call: unknown; result: CallResult };

/**
 * Groups calls into batches that respect both caps, sizing each call once: `add` returns the batch it
 * completed (if any) or the failed result of a call that cannot be sent at all. A callId already in the
 * open batch is merged into it (mergeCallUpdates), so two updates of a call cost one place in a request.
 */
class Batcher {
  private batch: PendingCall[] = [];
  private byCallId = new Map<string, { pending: PendingCall; size: number }>();
  private bytes = 0;
  private index = 0;
  private readonly room: number;

  constructor(private readonly caps: BatchOptions) {
    this.room = caps.maxBytes - Buffer.byteLength(ENVELOPE);
  }

  add(input: unknown): Planned[] {
    const position = this.index++;
    const prepared = prepareCall(input);
    if (!prepared.call) {
      const error = new ValidationError(prepared.issues);
      return [{ call: input, result: failedResult(input, position, error, prepared.warnings) }];
    }
    const open = this.byCallId.get(prepared.call.callId);
    if (open) {
      open.pending.call = mergeCallUpdates(open.pending.call, prepared.call);
      (open.pending.merged ??= []).push({ index: position, warnings: prepared.warnings });
      const size = jsonLengthEstimate(open.pending.call);
      this.bytes += size - open.size;
      open.size = size;
      return [];
    }
    const size = jsonLengthEstimate(prepared.call);
    if (size > this.room) {
      const error = tooLarge(size, this.room);
      return [
        { call: prepared.call, result: failedResult(prepared.call, position, error, prepared.warnings) }
      ];
    }
    const full =
      this.batch.length >= this.caps.maxCalls ||
      this.bytes + (this.batch.length > 0 ? 1 : 0) + size > this.room;
    const completed = full ? this.flush() : [];
    this.bytes += (this.batch.length > 0 ? 1 : 0) + size;
    const pending: PendingCall = {
      index: position,
      call: prepared.call,
      warnings: prepared.warnings,
      attempts: 0
    };
    this.batch.push(pending);
    this.byCallId.set(pending.call.callId, { pending, size });
    return completed;
  }

  flush(): PendingCall[][] {
    if (this.batch.length === 0) return [];
    const completed = this.batch;
    this.batch = [];
    this.byCallId = new Map();
    this.bytes = 0;
    return [completed];
  }
}
