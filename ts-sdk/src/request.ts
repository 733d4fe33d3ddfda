// One logical request to the org: the token (one shared fetch, one refresh and replay on a 401), the
// exchange, the error it maps to, and the retries per the retry policy. Bulk sends share a `RequestRun`
// so that a refused token, a host that does not exist or too many network failures in a row stop the
// whole run once instead of failing each batch on its own.
import { randomUUID } from "node:crypto";
import type { AuthContext, AuthProvider } from "./auth.js";
import {
  ApiError,
  AuthError,
  CallCaptureError,
  ConfigurationError,
  NetworkError,
  RateLimitError
} from "./errors.js";
import { describeNetworkFailure } from "./network-failure.js";
import { backoffDelay, isRetryable, type RetryOptions } from "./retry.js";
import { AttemptTimeout, type Exchange, type Transport } from "./transport.js";
import type { ApiErrorEntry } from "./types.js";

/** One retry, as reported to `onRetry` (the CLI prints these with --verbose). */
export interface RetryEvent {
  /** The attempt about to start: 2 for the first retry, at most `maxAttempts`. */
  attempt: number;
  /** Attempts allowed in total (retry.maxAttempts). */
  maxAttempts: number;
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

export interface RequestSpec {
  method: "GET" | "POST";
  path: string;
  body?: string;
  /** Calls in the body, for retry reports. */
  calls?: number;
  /** Statuses that are answers, not errors (e.g. 404 for getCall). */
  acceptStatuses?: number[];
}

/** What the requests of one bulk send share. */
export interface RequestRun {
  /** Requests sent so far, retries included. */
  requests: number;
  /** Why the run stopped; every later request fails with it at once, without touching the network. */
  stopped: CallCaptureError | undefined;
  /** Requests in a row that got no response at all (reset to 0 by any response). */
  networkFailuresInARow: number;
  /** The circuit breaker: this many network failures in a row stop the run. */
  maxNetworkFailuresInARow: number;
}

export function newRun(maxNetworkFailuresInARow: number): RequestRun {
  return { requests: 0, stopped: undefined, networkFailuresInARow: 0, maxNetworkFailuresInARow };
}

export interface RequesterOptions {
  /** `{instanceUrl}/services/apexrest/{namespace/}v1`. */
  endpoint: string;
  auth: AuthProvider;
  authContext: AuthContext;
  transport: Transport;
  retry: RetryOptions;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  onRetry?: (retry: RetryEvent) => void;
}

export interface SendOptions {
  /** No attempt starts after this time (default: retry.deadlineMs from now). */
  deadline?: number;
  run?: RequestRun;
}

/** Internal signal that the token was rejected; send() refreshes once or turns it into an AuthError. */
class SessionExpired extends Error {
  constructor(readonly accessToken: string) {
    super("INVALID_SESSION_ID");
  }
}

export class Requester {
  private usage: ApiUsage | undefined;

  constructor(private readonly options: RequesterOptions) {}

  /** The org's API usage from the last response, or undefined before the first one. */
  get apiUsage(): ApiUsage | undefined {
    return this.usage;
  }

  /**
   * One logical request, retried per the retry policy with the same body and request id: at most
   * maxAttempts attempts of this request. (A call resent after a per-call `retryable` failure is a new
   * request with its own attempts; its resends are counted per call, delivery.ts.)
   */
  async send<T>(spec: RequestSpec, sendOptions: SendOptions = {}): Promise<{ status: number; body: T }> {
    const { retry, now } = this.options;
    const { run } = sendOptions;
    const deadline = sendOptions.deadline ?? now() + retry.deadlineMs;
    const requestId = randomUUID();
    let replayedAfter401 = false;
    for (let attempt = 1; ; attempt += 1) {
      if (run?.stopped) throw run.stopped;
      if (run) run.requests += 1;
      try {
        const response = await this.attempt<T>(spec, requestId, deadline);
        if (run) run.networkFailuresInARow = 0;
        return response;
      } catch (error) {
        if (error instanceof SessionExpired && !replayedAfter401) {
          // A 401 INVALID_SESSION_ID refreshes once and replays once; it is not a retry attempt.
          replayedAfter401 = true;
          attempt -= 1;
          if (this.options.auth.invalidate(error.accessToken)) continue;
        }
        const failure =
          error instanceof SessionExpired
            ? new AuthError("The access token was rejected (INVALID_SESSION_ID) and could not be renewed", {
                status: 401,
                errorCode: "INVALID_SESSION_ID",
                requestId,
                checklist: [
                  "the token has expired or was revoked: get a new one (with auth.accessToken a token cannot be renewed)",
                  "the token belongs to another org than instanceUrl"
                ]
              })
            : error;
        if (run) this.record(run, failure);
        if (run?.stopped) throw run.stopped;
        if (!isRetryable(failure) || attempt >= retry.maxAttempts) throw failure;
        // A server's Retry-After wins over a shorter jittered delay, still capped by maxDelayMs.
        const asked = failure instanceof ApiError ? (failure.retryAfterMs ?? 0) : 0;
        const delay = Math.min(
          retry.maxDelayMs,
          Math.max(asked, backoffDelay(attempt - 1, retry, this.options.random))
        );
        if (now() + delay >= deadline) throw failure;
        this.options.onRetry?.({
          attempt: attempt + 1,
          maxAttempts: retry.maxAttempts,
          delayMs: delay,
          reason: (failure as CallCaptureError).errorCode ?? (failure as Error).message,
          calls: spec.calls ?? 0
        });
        await this.options.sleep(delay);
      }
    }
  }

  /**
   * Notes a failed attempt in the run: a failure that no other request can get past (credentials, the
   * client's configuration, a host that does not exist, an untrusted certificate) stops it at once, and
   * so do maxNetworkFailuresInARow network failures in a row (the circuit breaker).
   */
  private record(run: RequestRun, error: unknown): void {
    if (error instanceof AuthError || error instanceof ConfigurationError) {
      run.stopped ??= error;
      return;
    }
    if (!(error instanceof NetworkError)) {
      run.networkFailuresInARow = 0;
      return;
    }
    run.networkFailuresInARow += 1;
    if (!error.retryable) run.stopped ??= error;
    else if (run.networkFailuresInARow >= run.maxNetworkFailuresInARow) {
      run.stopped ??= new NetworkError(
        `Stopped after ${run.networkFailuresInARow} network failures in a row (the last: ${error.message}); the calls not yet delivered were not sent`,
        { kind: "circuit_open", errorCode: "CIRCUIT_OPEN", retryable: true, cause: error }
      );
    }
  }

  private async attempt<T>(
    spec: RequestSpec,
    requestId: string,
    deadline: number
  ): Promise<{ status: number; body: T }> {
    const { now, retry } = this.options;
    const token = await this.options.auth.token(this.options.authContext);
    const timeout = Math.max(1, Math.min(retry.attemptTimeoutMs, deadline - now()));
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token.accessToken}`,
      "X-Request-Id": requestId
    };
    if (spec.body !== undefined) headers["Content-Type"] = "application/json; charset=utf-8";
    const url = this.options.endpoint + spec.path;
    let response: Exchange;
    try {
      response = await this.options.transport(
        url,
        { method: spec.method, headers, body: spec.body },
        timeout
      );
    } catch (error) {
      if (error instanceof CallCaptureError) throw error;
      const failure =
        error instanceof AttemptTimeout
          ? { kind: "timeout" as const, detail: `no response within ${timeout} ms`, retryable: true }
          : describeNetworkFailure(error, new URL(url).host);
      throw new NetworkError(`${spec.method} ${spec.path} failed: ${failure.detail}`, {
        kind: failure.kind,
        retryable: failure.retryable,
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
      // body, and the bearer token to another host). A redirect means instanceUrl is not the URL the org
      // serves its API on.
      const location = response.header("Location");
      throw new ApiError(
        `${spec.method} ${spec.path} → ${status}: the org redirected to ${location ?? "another URL"}; nothing was sent there. Set instanceUrl to the org's My Domain URL (https://<MyDomain>.my.salesforce.com).`,
        { status, errors: [], requestId, errorCode: "REDIRECTED" }
      );
    }
    const errors = toErrorEntries(body, text);
    const errorCode = errors[0]?.errorCode;
    if (status === 401) throw new SessionExpired(token.accessToken);
    const message = `${spec.method} ${spec.path} → ${status}${errorCode ? ` ${errorCode}` : ""}: ${errors.map((entry) => entry.message).join("; ")}`;
    const retryAfterMs = parseRetryAfter(response.header("Retry-After"), now());
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

  private readLimitInfo(header: string | null): void {
    const match = header ? /api-usage=(\d+)\/(\d+)/.exec(header) : null;
    if (match) this.usage = { used: Number(match[1]), limit: Number(match[2]) };
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
