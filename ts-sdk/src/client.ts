// CallCaptureClient: delivers calls to the Call Capture REST API exactly once (per callId) with local
// validation, one shared token, safe retries and batches that respect both the call and byte caps.
import { randomUUID } from "node:crypto";
import type { AuthContext, AuthProvider, FetchLike } from "./auth.js";
import {
  ApiError,
  AuthError,
  CallCaptureError,
  NetworkError,
  RateLimitError,
  ValidationError
} from "./errors.js";
import { backoffDelay, DEFAULT_RETRY, isRetryable, type RetryOptions } from "./retry.js";
import type { ApiErrorEntry, BatchResponse, Call, CallResult, Health } from "./types.js";
import { assertValidCalls } from "./validate.js";

export interface BatchOptions {
  /** Calls per request (the API accepts 1–200). */
  maxCalls: number;
  /** Bytes of the serialized request body; well under the 6 MB Apex heap. */
  maxBytes: number;
}

export const DEFAULT_BATCH: BatchOptions = { maxCalls: 200, maxBytes: 3_000_000 };

export interface CallCaptureClientOptions {
  /** The org's My Domain URL. Optional when the auth flow's token response names it (`instance_url`). */
  instanceUrl?: string;
  /** The package namespace; '' when deployed unmanaged. */
  namespace?: string;
  /** The Salesforce API version used for record access (ts-force). */
  apiVersion?: string;
  auth: AuthProvider;
  /** The transport; defaults to the global fetch. */
  fetch?: FetchLike;
  retry?: Partial<RetryOptions>;
  batch?: Partial<BatchOptions>;
  /** Random numbers in [0, 1) for backoff jitter (inject `seededRandom(n)` to replay delays). */
  random?: () => number;
  /** Waits between attempts (inject to observe or skip delays in tests). */
  sleep?: (ms: number) => Promise<void>;
  /** The clock, in ms. */
  now?: () => number;
}

/** API usage of the org as reported by the last response's `Sforce-Limit-Info: api-usage=25/15000`. */
export interface ApiUsage {
  used: number;
  limit: number;
}

export interface CaptureManyOptions {
  /** Called after each request with the number of calls delivered so far and the total. */
  onProgress?: (progress: { done: number; total: number; requests: number }) => void;
}

/** Thrown by captureMany when a batch request fails for good; `results` holds what was delivered before. */
export interface PartialResults {
  results: CallResult[];
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const byteLength = (text: string) => Buffer.byteLength(text, "utf8");

interface RequestSpec {
  method: "GET" | "POST";
  path: string;
  body?: string;
  /** Statuses that are answers, not errors (e.g. 404 for getCall). */
  acceptStatuses?: number[];
}

export class CallCaptureClient {
  readonly apiVersion: string;
  private readonly options: CallCaptureClientOptions;
  private readonly fetchImpl: FetchLike;
  private readonly retryOptions: RetryOptions;
  private readonly batchOptions: BatchOptions;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private usage: ApiUsage | undefined;

  constructor(options: CallCaptureClientOptions) {
    this.options = options;
    this.apiVersion = options.apiVersion ?? "62.0";
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.retryOptions = { ...DEFAULT_RETRY, ...options.retry };
    this.batchOptions = { ...DEFAULT_BATCH, ...options.batch };
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? Date.now;
    if (this.batchOptions.maxCalls < 1 || this.batchOptions.maxCalls > 200) {
      throw new CallCaptureError("batch.maxCalls must be from 1 to 200");
    }
  }

  /** The org's API usage from the last response, or undefined before the first one. */
  get apiUsage(): ApiUsage | undefined {
    return this.usage;
  }

  /** Sends one call (one API request). Resolves with its result, also when it needs review or failed (202). */
  async capture(call: Call): Promise<CallResult> {
    assertValidCalls([call], () => "");
    const result = await this.send<CallResult>({
      method: "POST",
      path: "/calls",
      body: JSON.stringify(call)
    });
    return result.body;
  }

  /**
   * Sends many calls in as few requests as both caps allow (≤ batch.maxCalls calls and ≤ batch.maxBytes
   * bytes per request). Validates every call first; results come back in input order.
   */
  async captureMany(calls: readonly Call[], options: CaptureManyOptions = {}): Promise<CallResult[]> {
    assertValidCalls(calls, (index) => `calls[${index}]`);
    const batches = this.planBatches(calls);
    const results: CallResult[] = [];
    let requests = 0;
    for (const batch of batches) {
      let response: BatchResponse;
      try {
        response = (await this.send<BatchResponse>({ method: "POST", path: "/calls", body: batch.body }))
          .body;
      } catch (error) {
        if (error instanceof CallCaptureError) Object.assign(error, { results } satisfies PartialResults);
        throw error;
      }
      requests += 1;
      for (const result of response.results) {
        results.push({ ...result, index: batch.start + result.index });
      }
      options.onProgress?.({ done: batch.start + batch.count, total: calls.length, requests });
    }
    return results;
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

  /** Splits calls into request bodies that respect both caps, keeping input order. */
  private planBatches(calls: readonly Call[]): { start: number; count: number; body: string }[] {
    const { maxCalls, maxBytes } = this.batchOptions;
    const envelope = byteLength('{"calls":[]}');
    const batches: { start: number; count: number; body: string }[] = [];
    let parts: string[] = [];
    let bytes = envelope;
    let start = 0;
    const flush = () => {
      if (parts.length === 0) return;
      batches.push({ start, count: parts.length, body: `{"calls":[${parts.join(",")}]}` });
      start += parts.length;
      parts = [];
      bytes = envelope;
    };
    calls.forEach((call, index) => {
      const json = JSON.stringify(call);
      const size = byteLength(json);
      if (envelope + size > maxBytes) {
        throw new ValidationError([
          {
            path: `calls[${index}]`,
            message: `is ${size} bytes serialized; a request holds at most ${maxBytes - envelope}`
          }
        ]);
      }
      const separator = parts.length > 0 ? 1 : 0;
      if (parts.length >= maxCalls || bytes + separator + size > maxBytes) flush();
      bytes += (parts.length > 0 ? 1 : 0) + size;
      parts.push(json);
    });
    flush();
    return batches;
  }

  /** One logical request: retried per the retry policy with the same body and request id. */
  private async send<T>(spec: RequestSpec): Promise<{ status: number; body: T }> {
    const requestId = randomUUID();
    const started = this.now();
    const deadline = started + this.retryOptions.deadlineMs;
    let replayedAfter401 = false;
    for (let attempt = 1; ; attempt += 1) {
      try {
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
        await this.sleep(delay);
      }
    }
  }

  private async attempt<T>(
    spec: RequestSpec,
    requestId: string,
    deadline: number
  ): Promise<{ status: number; body: T }> {
    const context: AuthContext = {
      fetch: this.fetchImpl,
      now: this.now,
      ...(this.options.instanceUrl ? { instanceUrl: this.options.instanceUrl } : {})
    };
    const token = await this.options.auth.token(context);
    const instanceUrl = this.options.instanceUrl ?? token.instanceUrl;
    if (!instanceUrl)
      throw new CallCaptureError(
        "No instanceUrl: pass it to the client or use a flow that returns instance_url"
      );
    const namespace = this.options.namespace ?? "callcap";
    const url = `${instanceUrl.replace(/\/+$/, "")}/services/apexrest/${namespace ? `${namespace}/` : ""}v1${spec.path}`;
    const timeout = Math.max(1, Math.min(this.retryOptions.attemptTimeoutMs, deadline - this.now()));
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(url, {
        method: spec.method,
        headers: {
          Authorization: `Bearer ${token.accessToken}`,
          Accept: "application/json",
          "X-Request-Id": requestId,
          ...(spec.body === undefined ? {} : { "Content-Type": "application/json; charset=utf-8" })
        },
        ...(spec.body === undefined ? {} : { body: spec.body }),
        signal: controller.signal
      });
      text = await response.text();
    } catch (error) {
      const reason = controller.signal.aborted
        ? `no response within ${timeout} ms`
        : (error as Error).message;
      throw new NetworkError(`${spec.method} ${spec.path} failed: ${reason}`, { requestId, cause: error });
    } finally {
      clearTimeout(timer);
    }
    this.readLimitInfo(response.headers.get("Sforce-Limit-Info"));
    const body = parseJson(text);
    if (response.ok || spec.acceptStatuses?.includes(response.status)) {
      return { status: response.status, body: body as T };
    }
    const errors = toErrorEntries(body, text);
    const errorCode = errors[0]?.errorCode;
    if (response.status === 401) {
      throw new SessionExpired(token.accessToken);
    }
    const message = `${spec.method} ${spec.path} → ${response.status}${errorCode ? ` ${errorCode}` : ""}: ${errors.map((entry) => entry.message).join("; ")}`;
    const retryAfterMs = parseRetryAfter(response.headers.get("Retry-After"), this.now());
    const details = {
      status: response.status,
      errors,
      requestId,
      ...(errorCode ? { errorCode } : {}),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs })
    };
    if (response.status === 429 || errorCode === "REQUEST_LIMIT_EXCEEDED")
      throw new RateLimitError(message, details);
    throw new ApiError(message, details);
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
