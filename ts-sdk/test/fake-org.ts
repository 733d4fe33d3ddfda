// A loopback HTTP server that plays a Salesforce org with Call Capture installed: the OAuth token
// endpoint and the REST resource per docs/api/openapi.yaml, with faults injected per request. It counts
// what it receives so tests can assert at the server that every call arrived, and how often.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Call, CallerLookupAnswer, CallResult } from "../src/types.js";

export type Fault =
  | { kind: "status"; status: number; errorCode: string }
  | { kind: "reset" }
  /** 201 headers and half of a body, then the connection closes (a response cut in transit). */
  | { kind: "truncated" }
  | { kind: "slow"; ms: number }
  | { kind: "expire-token" }
  /** The request is processed, but these calls (by position) fail with `retryable: true`, uncommitted. */
  | { kind: "retryable-calls"; every: number }
  /** A redirect to `location` (on the token endpoint: where a secret must never be resent). */
  | { kind: "redirect"; status: number; location: string };

export interface FakeOrg {
  url: string;
  /** Faults applied to the next REST requests, one per request, in order. */
  faults: Fault[];
  /** Faults applied to the next token requests. */
  tokenFaults: Fault[];
  /** Every call id processed (committed), in order; a repeat means processed twice. */
  processed: string[];
  /** A batch body larger than this gets 413 PAYLOAD_TOO_LARGE (the org's own view of "too large"). */
  maxBytes: number;
  /** Calls per REST POST and the byte length of each body. */
  posts: { calls: number; bytes: number; requestId: string | undefined }[];
  tokenRequests: URLSearchParams[];
  /**
   * When set, every `every`-th call of a batch (position 0, every, 2·every, …) is answered `queued`:
   * stored, processed later. GET /calls/{callId} answers `queued` for its first `polls` reads, then the
   * final result, as the org's asynchronous processing would.
   */
  queue: { every: number; polls: number } | undefined;
  /** GET /calls/{callId} requests received, by call id. */
  reads: Map<string, number>;
  /** The last version of each call received, by call id (what the org would store). */
  received: Map<string, Call>;
  /** Callers the org knows, by the digits of their number: what POST /lookup answers for them. */
  callers: Map<string, Partial<CallerLookupAnswer>>;
  /** The numbers POST /lookup was asked about, in order. */
  lookups: string[];
  /** The refresh token the org currently accepts (rotation replaces it on each use). */
  refreshToken: string;
  validTokens: Set<string>;
  /** Forgets what was received and injected (between tests); stored results stay, as in a real org. */
  reset(): void;
  close(): Promise<void>;
}

const json = (
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
) => {
  response.writeHead(status, { "Content-Type": "application/json", ...headers });
  response.end(JSON.stringify(body));
};

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });

export async function startFakeOrg(options: { namespace?: string } = {}): Promise<FakeOrg> {
  const base = `/services/apexrest/${options.namespace ?? "callcap"}/v1`;
  const results = new Map<string, CallResult>();
  const sockets = new Set<Socket>();
  let tokenCounter = 0;
  let apiUsed = 0;
  let retryableEvery = 0;
  const org: FakeOrg = {
    url: "",
    faults: [],
    tokenFaults: [],
    processed: [],
    queue: undefined,
    reads: new Map(),
    received: new Map(),
    callers: new Map(),
    lookups: [],
    maxBytes: Number.MAX_SAFE_INTEGER,
    posts: [],
    tokenRequests: [],
    refreshToken: "refresh-0",
    validTokens: new Set(["static-token"]),
    reset: () => {
      org.processed.length = 0;
      org.posts.length = 0;
      org.tokenRequests.length = 0;
      org.faults.length = 0;
      org.tokenFaults.length = 0;
      org.queue = undefined;
      org.reads.clear();
      org.received.clear();
      org.callers.clear();
      org.lookups.length = 0;
      org.validTokens.clear();
      org.validTokens.add("static-token");
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      })
  };

  const applyFault = async (
    fault: Fault | undefined,
    request: IncomingMessage,
    response: ServerResponse
  ): Promise<boolean> => {
    if (!fault) return false;
    if (fault.kind === "reset") {
      request.socket.destroy();
      return true;
    }
    if (fault.kind === "truncated") {
      const body = JSON.stringify({ callId: "cut", index: 0, status: "created", outcome: "lead_created" });
      response.writeHead(201, { "Content-Type": "application/json", "Content-Length": String(body.length) });
      response.write(body.slice(0, body.length / 2), () => request.socket.destroy());
      return true;
    }
    if (fault.kind === "slow") {
      await new Promise((resolve) => setTimeout(resolve, fault.ms));
      return false;
    }
    if (fault.kind === "expire-token") {
      org.validTokens.clear();
      return false;
    }
    if (fault.kind === "retryable-calls") {
      retryableEvery = fault.every;
      return false;
    }
    if (fault.kind === "redirect") {
      response.writeHead(fault.status, { Location: fault.location });
      response.end();
      return true;
    }
    json(response, fault.status, [{ errorCode: fault.errorCode, message: `injected ${fault.errorCode}` }]);
    return true;
  };

  const issueToken = (response: ServerResponse, extra: Record<string, string> = {}) => {
    tokenCounter += 1;
    const token = `token-${tokenCounter}`;
    org.validTokens.add(token);
    json(response, 200, { access_token: token, instance_url: org.url, token_type: "Bearer", ...extra });
  };

  /** Polls left before a queued call's final result is served. */
  const queuedPolls = new Map<string, number>();
  const process_ = (call: Call, index: number): CallResult => {
    org.received.set(call.callId, call);
    if (org.queue && index % org.queue.every === 0 && !results.has(call.callId)) {
      queuedPolls.set(call.callId, org.queue.polls);
      results.set(call.callId, finalResult(call, index));
      return { callId: call.callId, index, status: "queued", outcome: "none", warnings: [], errors: [] };
    }
    return finalResult(call, index);
  };
  const finalResult = (call: Call, index: number): CallResult => {
    const earlier = results.get(call.callId);
    org.processed.push(call.callId);
    const result: CallResult = {
      callId: call.callId,
      index,
      status: earlier ? "duplicate" : "created",
      outcome: "lead_created",
      callRecordId: earlier?.callRecordId ?? `a0X${String(results.size).padStart(15, "0")}`,
      leadId: earlier?.leadId ?? `00Q${String(results.size).padStart(15, "0")}`,
      warnings: [],
      errors: []
    };
    results.set(call.callId, result);
    return result;
  };

  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const body = await readBody(request);
    if (url.pathname === "/services/oauth2/token") {
      const form = new URLSearchParams(body);
      org.tokenRequests.push(form);
      if (await applyFault(org.tokenFaults.shift(), request, response)) return;
      const grant = form.get("grant_type");
      if (grant === "refresh_token") {
        if (form.get("refresh_token") !== org.refreshToken) {
          return json(response, 400, {
            error: "invalid_grant",
            error_description: "expired access/refresh token"
          });
        }
        org.refreshToken = `refresh-${tokenCounter + 1}`;
        return issueToken(response, { refresh_token: org.refreshToken });
      }
      if (grant === "client_credentials" && form.get("client_secret") !== "secret") {
        return json(response, 400, {
          error: "invalid_client",
          error_description: "invalid client credentials"
        });
      }
      return issueToken(response);
    }
    if (!url.pathname.startsWith(base))
      return json(response, 404, [{ errorCode: "NOT_FOUND", message: "Could not find a match for URL" }]);
    retryableEvery = 0;
    // The org refuses an oversized body before anything else happens to the request.
    if (request.method === "POST" && Buffer.byteLength(body) > org.maxBytes) {
      org.posts.push({ calls: -1, bytes: Buffer.byteLength(body), requestId: undefined });
      return json(response, 413, [{ errorCode: "PAYLOAD_TOO_LARGE", message: "Too large" }]);
    }
    if (await applyFault(org.faults.shift(), request, response)) return;
    const token = (request.headers.authorization ?? "").replace(/^Bearer /, "");
    if (!org.validTokens.has(token)) {
      return json(response, 401, [
        { errorCode: "INVALID_SESSION_ID", message: "Session expired or invalid" }
      ]);
    }
    apiUsed += 1;
    const limit = { "Sforce-Limit-Info": `api-usage=${apiUsed}/15000` };
    const route = url.pathname.slice(base.length);
    if (request.method === "GET" && route === "/health") {
      return json(
        response,
        200,
        {
          version: "1.0.0",
          namespace: "callcap",
          ok: true,
          settingsValid: true,
          failedCount: 0,
          needsReviewCount: 0,
          missingPermissions: []
        },
        limit
      );
    }
    if (request.method === "GET" && route.startsWith("/calls/")) {
      const callId = decodeURIComponent(route.slice("/calls/".length));
      org.reads.set(callId, (org.reads.get(callId) ?? 0) + 1);
      const polls = queuedPolls.get(callId);
      if (polls !== undefined && polls > 0) {
        queuedPolls.set(callId, polls - 1);
        const queued: CallResult = { callId, index: 0, status: "queued", outcome: "none" };
        return json(response, 200, queued, limit);
      }
      const result = results.get(callId);
      return result
        ? json(response, 200, result, limit)
        : json(response, 404, [{ errorCode: "NOT_FOUND", message: "No such call", field: "callId" }], limit);
    }
    if (request.method === "POST" && route === "/calls") {
      let payload: { calls?: Call[] } & Partial<Call>;
      try {
        payload = JSON.parse(body) as typeof payload;
      } catch {
        return json(response, 400, [{ errorCode: "INVALID_JSON", message: "Body is not JSON" }]);
      }
      const requestId = request.headers["x-request-id"] as string | undefined;
      if (Array.isArray(payload.calls)) {
        org.posts.push({ calls: payload.calls.length, bytes: Buffer.byteLength(body), requestId });
        if (payload.calls.length > 200)
          return json(response, 413, [
            { errorCode: "TOO_MANY_CALLS", message: "At most 200", field: "calls" }
          ]);
        const results = payload.calls.map((call, index) =>
          retryableEvery > 0 && index % retryableEvery === 0
            ? ({
                callId: call.callId,
                index,
                status: "failed",
                outcome: "none",
                errors: [{ errorCode: "TEMPORARY_FAILURE", message: "UNABLE_TO_LOCK_ROW", retryable: true }]
              } satisfies CallResult)
            : process_(call, index)
        );
        return json(response, 200, { results }, limit);
      }
      org.posts.push({ calls: 1, bytes: Buffer.byteLength(body), requestId });
      const result = process_(payload as Call, 0);
      const status = result.status === "created" ? 201 : result.status === "queued" ? 202 : 200;
      return json(response, status, result, limit);
    }
    if (request.method === "POST" && route === "/lookup") {
      // As CallerLookupResource: a body that is not JSON is INVALID_JSON; one without a phone, MISSING_FIELD.
      let payload: unknown;
      try {
        payload = JSON.parse(body);
      } catch {
        return json(response, 400, [
          {
            errorCode: "INVALID_JSON",
            message: "The request body is not a JSON object.",
            field: null,
            retryable: false
          }
        ]);
      }
      const phone =
        payload && typeof payload === "object" ? (payload as { phone?: unknown }).phone : undefined;
      if (typeof phone !== "string" || phone.trim() === "") {
        return json(response, 400, [
          {
            errorCode: "MISSING_FIELD",
            message: "phone is required: the caller's number from the call.",
            field: "phone",
            retryable: false
          }
        ]);
      }
      org.lookups.push(phone);
      return json(response, 200, lookupAnswer(org.callers.get(phone.replace(/\D/g, ""))), limit);
    }
    return json(response, 404, [{ errorCode: "NOT_FOUND", message: "No route" }]);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  org.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return org;
}

/**
 * The answer CallerLookupAnswer.toJsonMap gives: every member present (null when unknown) and the summary in
 * one line, as the Apex writes it.
 */
export function lookupAnswer(known: Partial<CallerLookupAnswer> | undefined): CallerLookupAnswer {
  const answer: CallerLookupAnswer = {
    known: known !== undefined,
    firstName: null,
    openLeadStatus: null,
    openOpportunityStage: null,
    openCaseStatus: null,
    lastCallDate: null,
    lastCallReason: null,
    callbackOwed: false,
    ownerFirstName: null,
    summary: "Unknown caller: no record has this number.",
    ...known
  };
  if (!answer.known) return answer;
  const sentences = [answer.firstName ? `Known caller: ${answer.firstName}.` : "Known caller."];
  if (answer.openLeadStatus) sentences.push(`Open lead: ${answer.openLeadStatus}.`);
  if (answer.openOpportunityStage) sentences.push(`Open opportunity: ${answer.openOpportunityStage}.`);
  if (answer.openCaseStatus) sentences.push(`Open case: ${answer.openCaseStatus}.`);
  if (answer.lastCallDate) {
    sentences.push(
      `Last call ${answer.lastCallDate}${answer.lastCallReason ? ` about ${answer.lastCallReason}` : ""}.`
    );
  }
  if (answer.callbackOwed) sentences.push("A callback is owed.");
  if (answer.ownerFirstName) sentences.push(`Owner: ${answer.ownerFirstName}.`);
  return { ...answer, summary: sentences.join(" ") };
}

/** Demo-sized calls with distinct ids. */
export function makeCalls(count: number, prefix = "call", transcriptChars = 0): Call[] {
  return Array.from({ length: count }, (_, index) => ({
    callId: `${prefix}-${index}`,
    from: `+1555${String(1_000_000 + index).slice(-7)}`,
    disposition: "answered" as const,
    ...(transcriptChars > 0 ? { transcript: "x".repeat(transcriptChars) } : {})
  }));
}
