// CallCaptureClient: delivers calls to the Call Capture REST API exactly once (per callId) with local
// validation, one shared token, safe retries and batches that respect both the call and byte caps.
import { randomUUID } from "node:crypto";
import type { AccessToken, AuthContext, AuthProvider, FetchLike } from "./auth.js";
import {
  ApiError,
  AuthError,
  CallCaptureError,
  NetworkError,
  RateLimitError,
  ValidationError
} from "./errors.js";
import { backoffDelay, DEFAULT_RETRY, isRetryable, type RetryOptions } from "./retry.js";
import { jsonLengthEstimate } from "./json-size.js";
import { MAX_CALLS_PER_REQUEST, MAX_REQUEST_BYTES } from "./limits.js";
import type { ApiErrorEntry, BatchResponse, Call, CallResult, Health, Issue } from "./types.js";
import { AttemptTimeout, fetchTransport, nodeTransport, type Exchange, type Transport } from "./transport.js";
import { prepareCall } from "./validate.js";

export interface BatchOptions {
  /** Calls per request (the API accepts 1–200). */
  maxCalls: number;
  /** Bytes of the serialized request body: at most the endpoint's cap (MAX_REQUEST_BYTES). */
  maxBytes: number;
}

export const DEFAULT_BATCH: BatchOptions = { maxCalls: MAX_CALLS_PER_REQUEST, maxBytes: MAX_REQUEST_BYTES };

export interface CallCaptureClientOptions {
  /** The org's My Domain URL. Optional when the auth flow's token response names it (`instance_url`). */
  instanceUrl?: string;
  /** The package namespace; '' when deployed unmanaged. */
  namespace?: string;
  /** The Salesforce API version used for record access (ts-force). */
  apiVersion?: string;
  auth: AuthProvider;
  /**
   * A fetch to make every request with (the org's and the token endpoint's): a proxy agent, a test double.
   * Without one, calls go through Node's http/https with keep-alive (less CPU per request than Node's
   * fetch: docs/sdk-benchmark.md) and tokens through the global fetch.
   */
  fetch?: FetchLike;
  retry?: Partial<RetryOptions>;
  batch?: Partial<BatchOptions>;
  /** Random numbers in [0, 1) for backoff jitter (inject `seededRandom(n)` to replay delays). */
  random?: () => number;
  /** Waits between attempts (inject to observe or skip delays in tests). */
  sleep?: (ms: number) => Promise<void>;
  /** The clock, in ms. */
  now?: () => number;
  /** Told about every retry (a request resent, or calls resent after a retryable per-call failure). */
  onRetry?: (retry: RetryEvent) => void;
}

/** One retry, as reported to `onRetry` (the CLI prints these with --verbose). */
export interface RetryEvent {
  /** The attempt about to start (2 for the first retry). */
  attempt: number;
  /** The wait before it, in ms. */
  delayMs: number;
  /** Why: the error's code or message. */
  reason: string;
  /** Calls in the request being resent. */
  calls: number;
}

/** API usage of the org as reported by the last response's `Sforce-Limit-Info: api-usage=25/15000`. */
export interface ApiUsage {
  used: number;
  limit: number;
}

/** Where a bulk send stands, after each request. */
export interface CaptureProgress {
  /** Calls with a final result (delivered or failed). */
  done: number;
  /** Calls in the input, when it is an array; undefined for iterables. */
  total: number | undefined;
  /** Of `done`, calls that failed (their result has status `failed`). */
  failed: number;
  /** Requests sent so far, retries included. */
  requests: number;
}

export interface CaptureManyOptions {
  /** Called after each batch with the calls done so far. */
  onProgress?: (progress: CaptureProgress) => void;
  /** Batches sent at the same time (default 1, at most 16). Memory grows with it: one batch each, plus one read ahead. */
  concurrency?: number;
  /**
   * Called for each call that failed for good, with the call as it was (or would have been) sent, so it
   * can be written somewhere and sent again (the CLI's `--failures` file).
   */
  onFailure?: (call: unknown, result: CallResult) => void;
}

/** Anything captureMany reads calls from. */
export type CallSource = Iterable<Call> | AsyncIterable<Call>;

/** One call on its way: its input position, the call as sent, the warnings of preparing it, attempts so far. */
interface PendingCall {
  index: number;
  call: Call;
  warnings: Issue[];
  attempts: number;
}

/** What a bulk send shares between its batches. */
interface DeliveryState {
  requests: number;
  /** An auth failure stops sending: every later call fails with it instead of hammering the token endpoint. */
  authFailure: CallCaptureError | undefined;
}

const MAX_CONCURRENCY = 16;
/** How a call missing from a batch response is treated: failed, retryable (nothing says it was stored). */
const NO_RESULT: CallResult = {
  callId: "",
  index: 0,
  status: "failed",
  outcome: "none",
  errors: [{ errorCode: "INTERNAL_ERROR", message: "no result returned", retryable: true }]
};
const ENVELOPE = '{"calls":[]}';
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface RequestSpec {
  method: "GET" | "POST";
  path: string;
  body?: string;
  /** Calls in the body, for retry reports. */
  calls?: number;
  /** Statuses that are answers, not errors (e.g. 404 for getCall). */
  acceptStatuses?: number[];
}

export class CallCaptureClient {
  readonly apiVersion: string;
  private readonly options: CallCaptureClientOptions;
  private readonly transport: Transport;
  private readonly retryOptions: RetryOptions;
  private readonly batchOptions: BatchOptions;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private usage: ApiUsage | undefined;
  /** What auth providers are handed on every token() call (the same for the client's lifetime). */
  private readonly authContext: AuthContext;
  /** The REST endpoint's base URL, kept for the instance URL it was built from. */
  private endpoint: { instanceUrl: string; url: string } | undefined;

  constructor(options: CallCaptureClientOptions) {
    this.options = options;
    this.apiVersion = options.apiVersion ?? "62.0";
    this.transport = options.fetch ? fetchTransport(options.fetch) : nodeTransport();
    this.retryOptions = { ...DEFAULT_RETRY, ...options.retry };
    this.batchOptions = { ...DEFAULT_BATCH, ...options.batch };
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? Date.now;
    this.authContext = {
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      now: this.now,
      ...(options.instanceUrl ? { instanceUrl: options.instanceUrl } : {})
    };
    if (this.batchOptions.maxCalls < 1 || this.batchOptions.maxCalls > 200) {
      throw new CallCaptureError("batch.maxCalls must be from 1 to 200");
    }
  }

  /** The org's API usage from the last response, or undefined before the first one. */
  get apiUsage(): ApiUsage | undefined {
    return this.usage;
  }

  /**
   * Sends one call (one API request). Resolves with its result, also when it needs review or failed (202).
   * A wrong required field throws a ValidationError before anything is sent; optional fields that are
   * malformed are left out, and the result's `warnings` say so.
   */
  async capture(call: Call): Promise<CallResult> {
    const prepared = prepareCall(call);
    if (!prepared.call) throw new ValidationError(prepared.issues);
    const body = JSON.stringify(prepared.call);
    const deadline = this.now() + this.retryOptions.deadlineMs;
    for (let attempt = 1; ; attempt += 1) {
      const result = (
        await this.send<CallResult>({ method: "POST", path: "/calls", body, calls: 1 }, deadline)
      ).body;
      const delay = this.resendDelay(result, attempt, deadline);
      if (delay === undefined) return withWarnings(result, prepared.warnings);
      this.options.onRetry?.({ attempt: attempt + 1, delayMs: delay, reason: reasonOf(result), calls: 1 });
      await this.sleep(delay);
    }
  }

  /**
   * Sends many calls (an array, an iterable or an async iterable) in requests of ≤ batch.maxCalls calls
   * and ≤ batch.maxBytes bytes, and resolves with one result per input call, in input order. Nothing is
   * dropped: a call that could not be delivered has a result with status `failed` and its errors.
   * For very many calls use captureStream, which does not hold the results.
   */
  async captureMany(calls: CallSource, options: CaptureManyOptions = {}): Promise<CallResult[]> {
    const results: CallResult[] = [];
    await this.deliverAll(calls, options, (batch) => {
      for (const result of batch) results[result.index] = result;
    });
    return results;
  }

  /**
   * Streams calls to the org and yields one result per call as its batch completes (in completion order;
   * `index` is the call's position in the input). Memory stays bounded whatever the input size: at most
   * `concurrency` batches are in flight, one more is read and serialized ahead while they are, and a
   * batch's slot is freed only when its results have been taken. Per-call `retryable` failures are resent
   * within the retry budget and deadline, a batch refused as too large (413) is split, and a batch that
   * fails for good yields failed results and does not stop the others.
   */
  async *captureStream(calls: CallSource, options: CaptureManyOptions = {}): AsyncGenerator<CallResult> {
    const ready: { results: CallResult[]; taken: () => void }[] = [];
    let wake: (() => void) | undefined;
    let finished = false;
    let failure: unknown;
    const signal = () => {
      wake?.();
      wake = undefined;
    };
    const run = this.deliverAll(
      calls,
      options,
      (results) =>
        new Promise<void>((taken) => {
          ready.push({ results, taken });
          signal();
        })
    ).then(
      () => {
        finished = true;
        signal();
      },
      (error: unknown) => {
        failure = error;
        finished = true;
        signal();
      }
    );
    for (;;) {
      const next = ready.shift();
      if (next) {
        yield* next.results;
        next.taken();
      } else if (finished) break;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
    await run;
    if (failure) throw failure;
  }

  /**
   * The one engine of captureMany and captureStream: reads calls (synchronously from arrays and
   * iterables, without a wait per call), batches them, delivers up to `concurrency` batches at a time,
   * and hands each batch's results to `emit`; a slot is freed when `emit`'s promise settles.
   */
  private async deliverAll(
    calls: CallSource,
    options: CaptureManyOptions,
    emit: (results: CallResult[]) => void | Promise<void>
  ): Promise<void> {
    const concurrency = Math.min(MAX_CONCURRENCY, Math.max(1, Math.floor(options.concurrency ?? 1)));
    const total = Array.isArray(calls) ? calls.length : undefined;
    const state: DeliveryState = { requests: 0, authFailure: undefined };
    const inFlight = new Set<Promise<void>>();
    const batcher = new Batcher(this.batchOptions);
    let done = 0;
    let failed = 0;
    const finish = async (results: CallResult[]) => {
      done += results.length;
      for (const result of results) if (result.status === "failed") failed += 1;
      options.onProgress?.({ done, total, failed, requests: state.requests });
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
      const body = serialize(planned);
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      const deadline = this.now() + this.retryOptions.deadlineMs;
      const delivery: Promise<void> = this.deliverBatch(planned, state, deadline, options, body)
        .then(finish)
        .finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    };
    if (Symbol.asyncIterator in calls) {
      for await (const input of calls) for (const planned of batcher.add(input)) await dispatch(planned);
    } else {
      for (const input of calls) for (const planned of batcher.add(input)) await dispatch(planned);
    }
    for (const planned of batcher.flush()) await dispatch(planned);
    while (inFlight.size > 0) await Promise.race(inFlight);
  }

  /** The stored result of a call, or null when the org has no call with this id. */
  async getCall(callId: string): Promise<CallResult | null> {
    const response = await this.send<CallResult>({
      method: "GET",
      path: `/calls/${encodeURIComponent(callId)}`,
      acceptStatuses: [404]
    });
    return response.status === 404 ? null : response.body;
  }

  /** Version, configuration validity, missing permissions and counts of calls needing attention. */
  async health(): Promise<Health> {
    return (await this.send<Health>({ method: "GET", path: "/health" })).body;
  }

  /**
   * Delivers one batch and resolves with one result per call; never rejects. A 413 splits the batch in
   * halves; calls whose result failed with `retryable: true` are resent after a backoff while attempts
   * and the deadline allow; a batch that fails for good yields failed results for its calls. `body` is
   * the batch serialized ahead of time (deliverAll); resends and halves are serialized here.
   */
  private async deliverBatch(
    batch: PendingCall[],
    state: DeliveryState,
    deadline: number,
    options: CaptureManyOptions,
    { text: body, bytes }: Body = serialize(batch)
  ): Promise<CallResult[]> {
    const fail = (error: CallCaptureError) =>
      batch.map((pending) => {
        const result = failedResult(pending.call, pending.index, error, pending.warnings);
        options.onFailure?.(pending.call, result);
        return result;
      });
    if (state.authFailure) return fail(state.authFailure);
    if (bytes > this.batchOptions.maxBytes) {
      // The batch was filled by an estimate; multi-byte text or escapes made it larger than the cap.
      if (batch.length > 1) return this.splitBatch(batch, state, deadline, options);
      const error = tooLarge(bytes, this.batchOptions.maxBytes);
      return fail(error);
    }
    for (const pending of batch) pending.attempts += 1;
    let response: BatchResponse;
    try {
      response = (
        await this.send<BatchResponse>(
          { method: "POST", path: "/calls", body, calls: batch.length },
          deadline,
          state
        )
      ).body;
    } catch (error) {
      const known = error instanceof CallCaptureError ? error : new CallCaptureError(String(error));
      if (known.status === 413 && batch.length > 1) return this.splitBatch(batch, state, deadline, options);
      if (known instanceof AuthError) state.authFailure = known;
      return fail(known);
    }
    const results: CallResult[] = [];
    const again: PendingCall[] = [];
    let delay = 0;
    const answered = new Set<number>();
    for (const result of response.results ?? []) {
      const pending = batch[result.index];
      if (!pending || answered.has(result.index)) continue;
      answered.add(result.index);
      const wait = this.resendDelay(result, pending.attempts, deadline);
      if (wait !== undefined) {
        again.push(pending);
        delay = Math.max(delay, wait);
        continue;
      }
      // The parsed result is the SDK's own object: its index becomes the call's position in the input.
      const final = withWarnings(result, pending.warnings);
      final.index = pending.index;
      if (final.status === "failed") options.onFailure?.(pending.call, final);
      results.push(final);
    }
    // A call the org returned no result for was not processed as far as the SDK can tell: resend it.
    const missing = batch.filter((_, position) => !answered.has(position));
    for (const pending of missing) {
      const wait = this.resendDelay(NO_RESULT, pending.attempts, deadline);
      if (wait !== undefined) {
        again.push(pending);
        delay = Math.max(delay, wait);
        continue;
      }
      const error = new CallCaptureError("The org returned no result for this call", {
        errorCode: "INTERNAL_ERROR"
      });
      results.push(failedResult(pending.call, pending.index, error, pending.warnings));
      options.onFailure?.(pending.call, results.at(-1)!);
    }
    if (again.length === 0) return results;
    this.options.onRetry?.({
      attempt: again[0]!.attempts + 1,
      delayMs: delay,
      reason: "retryable per-call failure",
      calls: again.length
    });
    await this.sleep(delay);
    return [...results, ...(await this.deliverBatch(again, state, deadline, options))];
  }

  /** Delivers a batch the org (or the byte cap) finds too large as two halves. */
  private async splitBatch(
    batch: PendingCall[],
    state: DeliveryState,
    deadline: number,
    options: CaptureManyOptions
  ): Promise<CallResult[]> {
    const half = Math.ceil(batch.length / 2);
    const first = await this.deliverBatch(batch.slice(0, half), state, deadline, options);
    return [...first, ...(await this.deliverBatch(batch.slice(half), state, deadline, options))];
  }

  /** The wait before resending a call whose result failed with `retryable: true`, or undefined: final. */
  private resendDelay(result: CallResult, attempts: number, deadline: number): number | undefined {
    const retryable =
      result.status === "failed" && (result.errors ?? []).some((error) => error.retryable === true);
    if (!retryable || attempts >= this.retryOptions.maxAttempts) return undefined;
    const delay = backoffDelay(attempts - 1, this.retryOptions, this.random);
    return this.now() + delay < deadline ? delay : undefined;
  }

  /**
   * One logical request: retried per the retry policy with the same body and request id, until `deadline`
   * (default: deadlineMs from now). `state` counts the requests of a bulk send.
   */
  private async send<T>(
    spec: RequestSpec,
    deadline = this.now() + this.retryOptions.deadlineMs,
    state?: { requests: number }
  ): Promise<{ status: number; body: T }> {
    const requestId = randomUUID();
    let replayedAfter401 = false;
    for (let attempt = 1; ; attempt += 1) {
      try {
        if (state) state.requests += 1;
        return await this.attempt<T>(spec, requestId, deadline);
      } catch (error) {
        if (error instanceof SessionExpired && !replayedAfter401) {
          // A 401 INVALID_SESSION_ID refreshes once and replays once; it is not a retry attempt.
          replayedAfter401 = true;
          attempt -= 1;
          if (this.options.auth.invalidate(error.accessToken)) continue;
        }
        if (error instanceof SessionExpired) {
          throw new AuthError("The access token was rejected (INVALID_SESSION_ID) and could not be renewed", {
            status: 401,
            errorCode: "INVALID_SESSION_ID",
            requestId
          });
        }
        if (!isRetryable(error) || attempt >= this.retryOptions.maxAttempts) throw error;
        // A server's Retry-After wins over a shorter jittered delay, still capped by maxDelayMs.
        const asked = error instanceof ApiError ? (error.retryAfterMs ?? 0) : 0;
        const delay = Math.min(
          this.retryOptions.maxDelayMs,
          Math.max(asked, backoffDelay(attempt - 1, this.retryOptions, this.random))
        );
        if (this.now() + delay >= deadline) throw error;
        this.options.onRetry?.({
          attempt: attempt + 1,
          delayMs: delay,
          reason: (error as CallCaptureError).errorCode ?? (error as Error).message,
          calls: spec.calls ?? 0
        });
        await this.sleep(delay);
      }
    }
  }

  private async attempt<T>(
    spec: RequestSpec,
    requestId: string,
    deadline: number
  ): Promise<{ status: number; body: T }> {
    const token = await this.options.auth.token(this.authContext);
    const timeout = Math.max(1, Math.min(this.retryOptions.attemptTimeoutMs, deadline - this.now()));
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token.accessToken}`,
      "X-Request-Id": requestId
    };
    if (spec.body !== undefined) headers["Content-Type"] = "application/json; charset=utf-8";
    let response: Exchange;
    try {
      response = await this.transport(
        this.endpointFor(token) + spec.path,
        { method: spec.method, headers, body: spec.body },
        timeout
      );
    } catch (error) {
      if (error instanceof CallCaptureError) throw error;
      const reason =
        error instanceof AttemptTimeout ? `no response within ${timeout} ms` : (error as Error).message;
      throw new NetworkError(`${spec.method} ${spec.path} failed: ${reason}`, {
        requestId,
        ...(error instanceof AttemptTimeout ? {} : { cause: error })
      });
    }
    const { status, text } = response;
    this.readLimitInfo(response.header("Sforce-Limit-Info"));
    const body = parseJson(text);
    if ((status >= 200 && status < 300) || spec.acceptStatuses?.includes(status)) {
      return { status, body: body as T };
    }
    if (status >= 300 && status < 400) {
      // Neither transport follows redirects (a followed 301/302 resends the POST as a GET without its
      // body). A redirect means instanceUrl is not the URL the org serves its API on.
      const location = response.header("Location");
      throw new ApiError(
        `${spec.method} ${spec.path} → ${status}: the org redirected to ${location ?? "another URL"}; nothing was sent there. Set instanceUrl to the org's My Domain URL (https://<MyDomain>.my.salesforce.com).`,
        { status, errors: [], requestId, errorCode: "REDIRECTED" }
      );
    }
    const errors = toErrorEntries(body, text);
    const errorCode = errors[0]?.errorCode;
    if (status === 401) {
      throw new SessionExpired(token.accessToken);
    }
    const message = `${spec.method} ${spec.path} → ${status}${errorCode ? ` ${errorCode}` : ""}: ${errors.map((entry) => entry.message).join("; ")}`;
    const retryAfterMs = parseRetryAfter(response.header("Retry-After"), this.now());
    const details = {
      status,
      errors,
      requestId,
      ...(errorCode ? { errorCode } : {}),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs })
    };
    if (status === 429 || errorCode === "REQUEST_LIMIT_EXCEEDED") throw new RateLimitError(message, details);
    throw new ApiError(message, details);
  }

  /** `{instanceUrl}/services/apexrest/{namespace/}v1`, for the client's or the token's instance URL. */
  private endpointFor(token: AccessToken): string {
    const instanceUrl = this.options.instanceUrl ?? token.instanceUrl;
    if (!instanceUrl)
      throw new CallCaptureError(
        "No instanceUrl: pass it to the client or use a flow that returns instance_url"
      );
    if (this.endpoint?.instanceUrl !== instanceUrl) {
      const namespace = this.options.namespace ?? "callcap";
      this.endpoint = {
        instanceUrl,
        url: `${instanceUrl.replace(/\/+$/, "")}/services/apexrest/${namespace ? `${namespace}/` : ""}v1`
      };
    }
    return this.endpoint.url;
  }

  private readLimitInfo(header: string | null): void {
    const match = header ? /api-usage=(\d+)\/(\d+)/.exec(header) : null;
    if (match) this.usage = { used: Number(match[1]), limit: Number(match[2]) };
  }
}

/** Internal signal that the token was rejected; send() refreshes once or turns it into an AuthError. */
class SessionExpired extends Error {
  constructor(readonly accessToken: string) {
    super("INVALID_SESSION_ID");
  }
}

/** `Retry-After` as delay-seconds or an HTTP date, in ms from now. */
function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Error bodies are `[{errorCode, message, field?}]` (ours and the platform's); anything else is wrapped. */
function toErrorEntries(body: unknown, text: string): ApiErrorEntry[] {
  const list = Array.isArray(body) ? body : body && typeof body === "object" ? [body] : [];
  const entries = list
    .filter((entry): entry is Record<string, unknown> => typeof entry === "object" && entry !== null)
    .map((entry) => ({
      ...entry,
      errorCode: String(entry.errorCode ?? entry.error ?? "UNKNOWN"),
      message: String(entry.message ?? entry.error_description ?? "")
    })) as ApiErrorEntry[];
  return entries.length > 0
    ? entries
    : [{ errorCode: "UNKNOWN" as ApiErrorEntry["errorCode"], message: text.slice(0, 500) }];
}

/** A call that does not fit in one request even alone: failed locally, never sent. */
const tooLarge = (bytes: number, cap: number) =>
  new CallCaptureError(`The call is ${bytes} bytes serialized; a request holds at most ${cap}`, {
    errorCode: "PAYLOAD_TOO_LARGE"
  });

/** The result of a call the SDK could not deliver: status `failed`, with the error that stopped it. */
function failedResult(call: unknown, index: number, error: CallCaptureError, warnings: Issue[]): CallResult {
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
function withWarnings(result: CallResult, warnings: Issue[]): CallResult {
  return warnings.length === 0 ? result : { ...result, warnings: [...warnings, ...(result.warnings ?? [])] };
}

const reasonOf = (result: CallResult) =>
  (result.errors ?? []).map((error) => error.errorCode).join(", ") || "retryable failure";

/** A batch's request body and its exact UTF-8 length. */
interface Body {
  text: string;
  bytes: number;
}

/**
 * Serializes a batch in one JSON.stringify and measures it exactly: the batch was filled by an estimate
 * (json-size.ts), and this length decides whether it fits the cap.
 */
function serialize(batch: PendingCall[]): Body {
  const text = JSON.stringify({ calls: batch.map((pending) => pending.call) });
  return { text, bytes: Buffer.byteLength(text) };
}

/** What the batcher hands on: a full batch, or the failed result of a call that cannot be sent. */
type Planned = PendingCall[] | { call: unknown; result: CallResult };

/**
 * Groups calls into batches that respect both caps, serializing each call once: `add` returns the batch
 * it completed (if any) or the failed result of a call that cannot be sent at all.
 */
class Batcher {
  private batch: PendingCall[] = [];
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
    this.batch.push({ index: position, call: prepared.call, warnings: prepared.warnings, attempts: 0 });
    return completed;
  }

  flush(): PendingCall[][] {
    if (this.batch.length === 0) return [];
    const completed = this.batch;
    this.batch = [];
    this.bytes = 0;
    return [completed];
  }
}
