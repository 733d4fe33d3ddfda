// How the client makes one HTTP exchange with the org. The default is Node's own http/https with a
// keep-alive agent: on Node 20 a request through `fetch` (undici: WHATWG streams, Request/Response
// objects, header validation) costs two to three times the CPU of the same request through node:http
// (measured in docs/sdk-benchmark.md), and a sender delivering thousands of calls pays that per call.
// A caller that needs fetch (a proxy agent, a test double, instrumentation) passes one, and the client
// uses it for everything instead.
import http from "node:http";
import https from "node:https";
import type { FetchLike } from "./auth.js";

/** One request as the client sends it. */
export interface ExchangeRequest {
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
}

/** One response, read to the end: its status, a header lookup and the body text. */
export interface Exchange {
  status: number;
  header(name: string): string | null;
  text: string;
}

/** Sends one request and reads its response within `timeoutMs`, or rejects (AttemptTimeout on time). */
export type Transport = (url: string, request: ExchangeRequest, timeoutMs: number) => Promise<Exchange>;

/** An exchange that did not complete within its time limit. */
export class AttemptTimeout extends Error {
  override name = "AttemptTimeout";
}

/**
 * Node's http/https with this transport's own keep-alive agents (one per client: the SDK keeps no
 * global state, so create one client and reuse it). Idle sockets do not keep the process alive (Node's
 * Agent unrefs them). On time the request is destroyed, freeing its socket.
 */
export function nodeTransport(): Transport {
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
  return (url, { method, headers, body }, timeoutMs) =>
    new Promise<Exchange>((resolve, reject) => {
      const https_ = url.startsWith("https:");
      const request = (https_ ? https : http).request(
        url,
        { method, headers, agent: https_ ? agents.https : agents.http },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            clearTimeout(timer);
            const headers_ = response.headers;
            resolve({
              status: response.statusCode ?? 0,
              header: (name) => {
                const value = headers_[name.toLowerCase()];
                return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
              },
              text: chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8")
            });
          });
          response.on("error", fail);
          // A connection closed before the body ended is an error, never a short body taken as complete.
          // Node documents the events of a premature close after the response as 'aborted' and 'close'
          // on the response (nodejs/node doc/api/http.md, "premature connection close"); 'aborted' is
          // deprecated, so the response's 'close' without `complete` is what this listens for.
          response.on("close", () => {
            if (!response.complete) fail(new Error("the connection closed before the response ended"));
          });
        }
      );
      const timer = setTimeout(() => request.destroy(new AttemptTimeout()), timeoutMs);
      function fail(error: Error) {
        clearTimeout(timer);
        reject(error);
      }
      request.on("error", fail);
      // end(body) before any header is written: Node sends the body with its Content-Length.
      request.end(body);
    });
}

/**
 * A caller's fetch as the transport. The time limit is a timer on one promise, not an AbortSignal (Node
 * 20's fetch costs measurably more per request with a signal); the late response of an abandoned
 * attempt is read and dropped, and the retry carries the same callIds. Redirects are not followed
 * (`redirect: "manual"`: Node's fetch then returns the 3xx itself), as with the default transport: a
 * followed 301/302 would resend the POST as a GET without its calls.
 */
export function fetchTransport(fetchImpl: FetchLike): Transport {
  return (url, { method, headers, body }, timeoutMs) =>
    new Promise<Exchange>((resolve, reject) => {
      const timer = setTimeout(() => reject(new AttemptTimeout()), timeoutMs);
      let answer: Promise<Response>;
      try {
        answer = fetchImpl(url, {
          method,
          headers,
          redirect: "manual",
          ...(body === undefined ? {} : { body })
        });
      } catch (error) {
        // A fetch that throws instead of rejecting: fail now and do not leave the timer running.
        clearTimeout(timer);
        return reject(error);
      }
      answer
        .then((response) =>
          response
            .text()
            .then((text) =>
              resolve({ status: response.status, header: (name) => response.headers.get(name), text })
            )
        )
        .catch(reject)
        .finally(() => clearTimeout(timer));
    });
}
