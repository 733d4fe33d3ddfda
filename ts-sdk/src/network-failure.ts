// Names why a request got no response, from the error Node raised (node:http sets `code` on the error;
// Node's fetch rejects with "fetch failed" and the same error as its `cause`). A sender reading
// "host not found" fixes the URL; one reading "connection refused" checks the network; "fetch failed"
// tells neither.
import type { NetworkFailureKind } from "./errors.js";

export interface NetworkFailure {
  kind: NetworkFailureKind;
  /** What happened, in words, with the host where Node named it. */
  detail: string;
  /** False where trying again cannot help until something is fixed (the URL, the trust store). */
  retryable: boolean;
}

// Node's TLS verification codes (OpenSSL's X509_V_ERR_* names) and its own ERR_TLS_* / ERR_SSL_* codes.
const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_(GET|VERIFY|DECRYPT)|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED_CERT|HOSTNAME_MISMATCH|EPROTO$)/;
const RESET_CODES = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);
const TIMEOUT_CODES = new Set([
  "ETIMEDOUT",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT"
]);
const UNREACHABLE_CODES = new Set(["EHOSTUNREACH", "ENETUNREACH", "ENETDOWN", "EHOSTDOWN"]);

interface NodeSystemError {
  code?: unknown;
  hostname?: unknown;
  address?: unknown;
  port?: unknown;
  message?: unknown;
  name?: unknown;
  cause?: unknown;
}

/** The innermost error that carries a Node error code (fetch wraps it in `cause`, sometimes twice). */
function rootCause(error: unknown): NodeSystemError {
  let current = error as NodeSystemError;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth += 1) {
    if (typeof current.code === "string") return current;
    if (!current.cause || typeof current.cause !== "object") break;
    current = current.cause as NodeSystemError;
  }
  return (error ?? {}) as NodeSystemError;
}

/** Names the cause of a failed exchange with `host` (the URL's host, used when Node does not say). */
export function describeNetworkFailure(error: unknown, host: string): NetworkFailure {
  const cause = rootCause(error);
  const code = typeof cause.code === "string" ? cause.code : "";
  const message = typeof cause.message === "string" ? cause.message : String(error);
  const where =
    typeof cause.address === "string" && cause.port !== undefined ? `${cause.address}:${cause.port}` : host;
  if (code === "ENOTFOUND") {
    return {
      kind: "dns",
      detail: `host not found: ${typeof cause.hostname === "string" ? cause.hostname : host} does not resolve (DNS ENOTFOUND); check the URL's spelling`,
      retryable: false
    };
  }
  if (code === "EAI_AGAIN") {
    return { kind: "dns", detail: `DNS lookup of ${host} failed for now (EAI_AGAIN)`, retryable: true };
  }
  if (code === "ECONNREFUSED") {
    return { kind: "refused", detail: `connection refused by ${where} (ECONNREFUSED)`, retryable: true };
  }
  if (TLS_CODE.test(code)) {
    return {
      kind: "tls",
      detail: `TLS error with ${host}: ${message} (${code}); this machine does not trust the server's certificate (a private CA goes in NODE_EXTRA_CA_CERTS)`,
      retryable: false
    };
  }
  if (TIMEOUT_CODES.has(code) || cause.name === "TimeoutError") {
    return {
      kind: "timeout",
      detail: `no response from ${host} in time (${code || "timeout"})`,
      retryable: true
    };
  }
  if (UNREACHABLE_CODES.has(code)) {
    return { kind: "unreachable", detail: `no route to ${where} (${code})`, retryable: true };
  }
  if (RESET_CODES.has(code) || /socket hang up|closed before the response ended/.test(message)) {
    return {
      kind: "reset",
      detail: `the connection to ${host} was cut (${code || message})`,
      retryable: true
    };
  }
  return { kind: "other", detail: `${message}${code ? ` (${code})` : ""}`, retryable: true };
}
