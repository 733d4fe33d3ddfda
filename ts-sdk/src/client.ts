// CallCaptureClient, the SDK's public face: delivers calls to the Call Capture REST API exactly once (per
// callId). The work lives in three modules: request.ts (token, retries, errors), delivery.ts (bulk
// batching) and coalesce.ts (merging a call's successive updates); this file wires them and holds the
// options a sender sets.
import type { AuthContext, AuthProvider, FetchLike } from "./auth.js";
import { DEFAULT_COALESCE, UpdateCoalescer, type CoalesceOptions } from "./coalesce.js";
import {
  DEFAULT_BATCH,
  deliverAll,
  resendDelay,
  withWarnings,
  type BatchOptions,
  type CallSource,
  type DeliveryContext,
  type DeliveryOptions
} from "./delivery.js";
import { ConfigurationError, ValidationError } from "./errors.js";
import { checkedOrgUrl } from "./org-url.js";
import { Requester, type ApiUsage, type RetryEvent } from "./request.js";
import { DEFAULT_RETRY, type RetryOptions } from "./retry.js";
import { fetchTransport, nodeTransport } from "./transport.js";
import type { Call, CallerLookupAnswer, CallResult, Health, Issue, LookupRequest } from "./types.js";
import { prepareCall, SDK_WARNING_CODES } from "./validate.js";
import { readonlyResults, ResultStore } from "./result-store.js";

export interface CallCaptureClientOptions {
  /** The org's My Domain URL, https (`https://<MyDomain>.my.salesforce.com`). Required. */
  instanceUrl: string;
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
  /**
   * Merge successive updates of one callId passed to `capture` before sending them (off by default;
   * `true` for DEFAULT_COALESCE). See coalesce.ts and the README's "Coalescing".
   */
  coalesce?: boolean | Partial<CoalesceOptions>;
  /** Allow http:// for a loopback instance or login URL (127.0.0.1, ::1, localhost): for local tests only. */
  allowHttpLoopback?: boolean;
  /** Random numbers in [0, 1) for backoff jitter (inject a seeded generator to replay delays). */
  random?: () => number;
  /** Waits between attempts (inject to observe or skip delays in tests). */
  sleep?: (ms: number) => Promise<void>;
  /** The clock, in ms. */
  now?: () => number;
  /** Told about every retry (a request resent, or calls resent after a retryable per-call failure). */
  onRetry?: (retry: RetryEvent) => void;
}

/** How long and how often to ask for the outcome of a `queued` call (GET /calls/{callId}). */
export interface WaitOptions {
  /** Give up after this many ms and return the call as it stands (still `queued`). */
  timeoutMs: number;
  /** The first wait; each next one doubles, with jitter, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_WAIT: WaitOptions = { timeoutMs: 120_000, firstDelayMs: 1_000, maxDelayMs: 15_000 };

export interface CaptureOptions {
  /** When the org answers `queued`, poll until the call has its final outcome (or the wait times out). */
  waitForOutcome?: boolean | Partial<WaitOptions>;
}

export interface CaptureManyOptions extends DeliveryOptions {
  /**
   * After delivery, poll each `queued` call until it has its final outcome (one GET per call and poll, at
   * `concurrency` at a time) and return that instead. For small sends: a backfill should not poll.
   */
  waitForOutcomes?: boolean | Partial<WaitOptions>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const waitOptions = (option: boolean | Partial<WaitOptions> | undefined): WaitOptions | undefined =>
  option ? { ...DEFAULT_WAIT, ...(option === true ? {} : option) } : undefined;

export class CallCaptureClient {
  readonly apiVersion: string;
  private readonly requester: Requester;
  private readonly delivery: DeliveryContext;
  private readonly coalescer: UpdateCoalescer | undefined;

  constructor(options: CallCaptureClientOptions) {
    const instanceUrl = checkedOrgUrl(options.instanceUrl, "instanceUrl", options.allowHttpLoopback);
    const namespace = options.namespace ?? "callcap";
    const retry = { ...DEFAULT_RETRY, ...options.retry };
    const batch = { ...DEFAULT_BATCH, ...options.batch };
    if (batch.maxCalls < 1 || batch.maxCalls > 200) {
      throw new ConfigurationError("batch.maxCalls must be from 1 to 200");
    }
    this.apiVersion = options.apiVersion ?? "62.0";
    const now = options.now ?? Date.now;
    const authContext: AuthContext = {
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      now,
      instanceUrl,
      allowHttpLoopback: options.allowHttpLoopback ?? false,
      timeoutMs: retry.attemptTimeoutMs
    };
    const shared = {
      retry,
      random: options.random ?? Math.random,
      sleep: options.sleep ?? defaultSleep,
      now,
      ...(options.onRetry ? { onRetry: options.onRetry } : {})
    };
    this.requester = new Requester({
      ...shared,
      endpoint: `${instanceUrl}/services/apexrest/${namespace ? `${namespace}/` : ""}v1`,
      auth: options.auth,
      authContext,
      transport: options.fetch ? fetchTransport(options.fetch) : nodeTransport()
    });
    this.delivery = { ...shared, requester: this.requester, batch };
    this.coalescer = options.coalesce
      ? new UpdateCoalescer(
          { ...DEFAULT_COALESCE, ...(options.coalesce === true ? {} : options.coalesce) },
          (call) => this.sendOne(call),
          now
        )
      : undefined;
  }

  /** The org's API usage from the last response, or undefined before the first one. */
  get apiUsage(): ApiUsage | undefined {
    return this.requester.apiUsage;
  }

  /**
   * Sends one call (one API request) and resolves with its result: `queued` (stored, processed later),
   * needs review or failed (202) included. A wrong required field throws a ValidationError before
   * anything is sent; optional fields that are malformed are left out, and the result's `warnings` say
   * so. With `coalesce`, the call waits for more updates of its callId and they are sent as one.
   */
  async capture(call: Call, options: CaptureOptions = {}): Promise<CallResult> {
    let result: CallResult;
    if (this.coalescer) {
      if (typeof call?.callId !== "string" || call.callId === "") {
        throw new ValidationError(prepareCall(call).issues);
      }
      result = await this.coalescer.add(call);
    } else result = await this.sendOne(call);
    const wait = waitOptions(options.waitForOutcome);
    return wait && result.status === "queued" ? this.outcomeOf(result, wait) : result;
  }

  /** Sends every call `capture` is holding for coalescing now; resolves when all are answered. */
  async flush(): Promise<void> {
    await this.coalescer?.flush();
  }

  /**
   * Sends many calls (an array, an iterable or an async iterable) in requests of ≤ batch.maxCalls calls
   * and ≤ batch.maxBytes bytes, and resolves with one result per input call, in input order. Nothing is
   * dropped: a call that could not be delivered has a result with status `failed` and its errors. Two
   * updates of one callId close together in the input are merged and sent once.
   *
   * The results are held compactly (result-store.ts) and read like an array: each read of `results[i]`
   * gives a fresh object with exactly what the org answered for that call. A million results fit in the
   * SDK's memory target; captureStream, which hands each result over without holding it, needs less still.
   */
  async captureMany(calls: CallSource, options: CaptureManyOptions = {}): Promise<readonly CallResult[]> {
    const store = new ResultStore();
    const wait = waitOptions(options.waitForOutcomes);
    const queued: number[] = [];
    await deliverAll(this.delivery, calls, options, (batch) => {
      for (const result of batch) {
        store.set(result);
        if (wait && result.status === "queued") queued.push(result.index);
      }
    });
    if (wait) {
      queued.sort((a, b) => a - b);
      const concurrency = Math.min(16, Math.max(1, Math.floor(options.concurrency ?? 1)));
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < queued.length) {
            store.set(await this.outcomeOf(store.get(queued[next++]!)!, wait));
          }
        })
      );
    }
    return readonlyResults(store);
  }

  /**
   * Streams calls to the org and yields one result per call as its batch completes (in completion order;
   * `index` is the call's position in the input). Memory stays bounded whatever the input size: at most
   * `concurrency` batches are in flight, one more is read and serialized ahead while they are, and a
   * batch's slot is freed only when its results have been taken. Per-call `retryable` failures are resent
   * within the retry budget and deadline, a batch refused as too large (413) is split, and a batch that
   * fails for good yields failed results and does not stop the others.
   */
  async *captureStream(calls: CallSource, options: DeliveryOptions = {}): AsyncGenerator<CallResult> {
    const ready: { results: CallResult[]; taken: () => void }[] = [];
    let wake: (() => void) | undefined;
    let finished = false;
    let failure: unknown;
    const signal = () => {
      wake?.();
      wake = undefined;
    };
    const run = deliverAll(
      this.delivery,
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

  /** The stored result of a call, or null when the org has no call with this id. */
  async getCall(callId: string): Promise<CallResult | null> {
    const response = await this.requester.send<CallResult>({
      method: "GET",
      path: `/calls/${encodeURIComponent(callId)}`,
      acceptStatuses: [404]
    });
    return response.status === 404 ? null : response.body;
  }

  /**
   * The call's result once it is no longer `queued`: polls GET /calls/{callId} with backoff (doubling
   * waits with jitter) until the org has processed it or `timeoutMs` passed, then returns the last answer
   * (still `queued` on time-out), or null when the org has no such call.
   */
  async waitForOutcome(callId: string, options: Partial<WaitOptions> = {}): Promise<CallResult | null> {
    const { timeoutMs, firstDelayMs, maxDelayMs } = { ...DEFAULT_WAIT, ...options };
    const { now, sleep, random } = this.delivery;
    const deadline = now() + timeoutMs;
    for (let delay = firstDelayMs; ; delay = Math.min(maxDelayMs, delay * 2)) {
      const result = await this.getCall(callId);
      if (!result || result.status !== "queued") return result;
      // Equal jitter: never less than half the delay, so polls of many calls spread without bunching.
      const wait = Math.min(deadline - now(), Math.round(delay / 2 + (random() * delay) / 2));
      if (wait <= 0) return result;
      await sleep(wait);
    }
  }

  /**
   * Who is calling (`POST /lookup`), for a sender that relays its voice agent's lookups itself: known or
   * not, first name, open Lead, Opportunity or Case, last call, callback owed, owner's first name, and a
   * one-line summary. Pass the caller's number from the call's metadata, never one the model was asked for.
   * The org answers an unknown caller rather than an error whenever the lookup cannot be made; a blank
   * number is a ValidationError before anything is sent. Retried like every request (it changes nothing).
   */
  async lookup(phone: string): Promise<CallerLookupAnswer> {
    if (typeof phone !== "string" || phone.trim() === "") {
      throw new ValidationError(
        [{ path: "phone", message: "is required: the caller's number from the call's metadata" }],
        "lookup"
      );
    }
    const body: LookupRequest = { phone };
    return (
      await this.requester.send<CallerLookupAnswer>({
        method: "POST",
        path: "/lookup",
        body: JSON.stringify(body)
      })
    ).body;
  }

  /** Version, configuration validity, missing permissions and counts of calls needing attention. */
  async health(): Promise<Health> {
    return (await this.requester.send<Health>({ method: "GET", path: "/health" })).body;
  }

  /**
   * One call, one request (retried per the retry policy), resent after a per-call `retryable` failure
   * while the call's own resends (maxAttempts) and the deadline allow.
   */
  private async sendOne(call: Call): Promise<CallResult> {
    const prepared = prepareCall(call);
    if (!prepared.call) throw new ValidationError(prepared.issues);
    const body = JSON.stringify(prepared.call);
    const { now, retry, sleep, onRetry } = this.delivery;
    const deadline = now() + retry.deadlineMs;
    for (let deliveries = 1; ; deliveries += 1) {
      const result = (
        await this.requester.send<CallResult>(
          { method: "POST", path: "/calls", body, calls: 1 },
          { deadline }
        )
      ).body;
      const delay = resendDelay(this.delivery, result, deliveries, deadline);
      if (delay === undefined) return withWarnings(result, prepared.warnings);
      onRetry?.({
        attempt: deliveries + 1,
        maxAttempts: retry.maxAttempts,
        delayMs: delay,
        reason: (result.errors ?? []).map((error) => error.errorCode).join(", ") || "retryable failure",
        calls: 1
      });
      await sleep(delay);
    }
  }

  /**
   * A queued result replaced by the call's final outcome, at the same input index and with the SDK's own
   * warnings kept. A failed poll leaves the queued result: the call was delivered, only its outcome is
   * not known yet.
   */
  private async outcomeOf(queued: CallResult, wait: WaitOptions): Promise<CallResult> {
    let final: CallResult | null;
    try {
      final = await this.waitForOutcome(queued.callId, wait);
    } catch {
      return queued;
    }
    if (!final) return queued;
    // The SDK's own warnings (prepareCall) stay on a result replaced by its final outcome.
    const sdkWarnings: Issue[] = (queued.warnings ?? []).filter((warning) =>
      SDK_WARNING_CODES.has(warning.code)
    );
    return { ...withWarnings(final, sdkWarnings), index: queued.index };
  }
}
