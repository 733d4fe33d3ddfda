// The SDK's typed errors (stripe-node style): one base class, a subclass per way a request can fail,
// each carrying what a caller needs to decide what to do next.
import type { ApiErrorEntry } from "./types.js";

/** The base of every error the SDK throws. */
export class CallCaptureError extends Error {
  /** The HTTP status, when a response was received. */
  readonly status: number | undefined;
  /** The first `errorCode` of the error body (`TEMPORARY_FAILURE`, `invalid_grant`, …). */
  readonly errorCode: string | undefined;
  /** The field paths the error body named. */
  readonly fields: string[];
  /** The `X-Request-Id` the SDK sent with the failing request (the same on every retry). */
  readonly requestId: string | undefined;

  constructor(
    message: string,
    details: {
      status?: number;
      errorCode?: string;
      fields?: string[];
      requestId?: string;
      cause?: unknown;
    } = {}
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.fields = details.fields ?? [];
    this.requestId = details.requestId;
  }
}

/** The client's own options are wrong (a missing or non-https instanceUrl, a batch size out of range). */
export class ConfigurationError extends CallCaptureError {}

/** One problem found by local validation: the path of the bad value and what is wrong with it. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** The call(s) (or a lookup) failed local validation; nothing was sent. `issues` lists every bad path. */
export class ValidationError extends CallCaptureError {
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[], what = "call") {
    super(`Invalid ${what}: ${issues.map((issue) => `${issue.path} ${issue.message}`).join("; ")}`, {
      errorCode: "INVALID_FIELD",
      fields: issues.map((issue) => issue.path)
    });
    this.issues = issues;
  }
}

/**
 * Getting or using a token failed (`invalid_grant`, `invalid_client`, a redirect from the token endpoint,
 * a 401 after one refresh). Never retried: a bulk send stops at the first one. `checklist` names what to
 * check, most likely first.
 */
export class AuthError extends CallCaptureError {
  readonly checklist: readonly string[];

  constructor(
    message: string,
    details: ConstructorParameters<typeof CallCaptureError>[1] & { checklist?: readonly string[] } = {}
  ) {
    super(message, details);
    this.checklist = details.checklist ?? [];
  }
}

/** The API answered with an error status. `errors` is the parsed error body. */
export class ApiError extends CallCaptureError {
  readonly errors: ApiErrorEntry[];
  /** The wait the server asked for with `Retry-After`, in ms, when it sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    details: {
      status: number;
      errorCode?: string;
      errors?: ApiErrorEntry[];
      requestId?: string;
      retryAfterMs?: number;
    }
  ) {
    const errors = details.errors ?? [];
    super(message, {
      status: details.status,
      errorCode: details.errorCode,
      requestId: details.requestId,
      fields: errors.map((entry) => entry.field).filter((field): field is string => typeof field === "string")
    });
    this.errors = errors;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** The org's API request limit (`REQUEST_LIMIT_EXCEEDED`) or an HTTP 429. Retried with backoff. */
export class RateLimitError extends ApiError {}

/**
 * What went wrong on the network, as named in a NetworkError's message: the host name did not resolve
 * (`dns`), the host refused the connection (`refused`), the connection was reset or cut (`reset`), no
 * answer in time (`timeout`), no route to the host (`unreachable`), the TLS handshake failed (`tls`), or
 * a bulk send stopped after too many network failures in a row (`circuit_open`).
 */
export type NetworkFailureKind =
  "dns" | "refused" | "reset" | "timeout" | "unreachable" | "tls" | "circuit_open" | "other";

/**
 * No usable response. `kind` names the cause; `retryable` is false where trying again cannot help (a host
 * name that does not exist, a certificate this machine does not trust): those are never retried.
 */
export class NetworkError extends CallCaptureError {
  readonly kind: NetworkFailureKind;
  readonly retryable: boolean;

  constructor(
    message: string,
    details: {
      kind?: NetworkFailureKind;
      retryable?: boolean;
      errorCode?: string;
      requestId?: string;
      cause?: unknown;
    } = {}
  ) {
    super(message, {
      errorCode: details.errorCode ?? "NETWORK_ERROR",
      ...(details.requestId === undefined ? {} : { requestId: details.requestId }),
      ...(details.cause === undefined ? {} : { cause: details.cause })
    });
    this.kind = details.kind ?? "other";
    this.retryable = details.retryable ?? true;
  }
}
