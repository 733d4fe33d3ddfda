// The benchmark's org stand-in, run as its own process so its work never shares the client's event loop:
// answers POST /calls (one call or {"calls":[…]}) like the Apex endpoint, on 127.0.0.1 only. With
// `--faults` it injects, deterministically, the faults docs/sdk-benchmark.md lists under "Nothing lost
// under faults": 503 bursts, connection resets, 413 for bodies over 200,000 bytes, and per-call
// `retryable: true` failures (each call's first attempt, for 1 in 10 calls). GET /stats returns the calls
// it committed (distinct ids) so the driver can prove 0 lost.
// With `--results real` each result is shaped as a real org answers (record ids, intelligence quoting the
// call: test/org-results.ts) instead of the smallest result the contract allows. POST …/lookup answers a
// known caller as CallerLookupAnswer does, for timing `callcap lookup --repeat`.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { lookupAnswer } from "./fake-org.js";
import { realOrgResult } from "./org-results.js";

const faults = process.argv.includes("--faults");
const realResults = process.argv[process.argv.indexOf("--results") + 1] === "real";
const committed = new Set<string>();
const attempted = new Set<string>();
let requests = 0;
let commits = 0;

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "Content-Type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (request.method === "GET" && request.url === "/stats") {
      return send(200, { distinct: committed.size, commits, requests });
    }
    requests += 1;
    const body = Buffer.concat(chunks);
    if (request.method === "POST" && request.url?.endsWith("/lookup")) {
      return send(
        200,
        lookupAnswer({
          known: true,
          firstName: "Maria",
          openOpportunityStage: "Qualification",
          lastCallDate: "2026-06-02",
          lastCallReason: "Plumbing",
          callbackOwed: true,
          ownerFirstName: "Sam"
        })
      );
    }
    if (faults) {
      if (requests % 13 === 0) return void request.socket.destroy();
      if (requests % 7 === 0) return send(503, [{ errorCode: "TEMPORARY_FAILURE", message: "injected" }]);
      if (body.length > 200_000) return send(413, [{ errorCode: "PAYLOAD_TOO_LARGE", message: "too large" }]);
    }
    const payload = JSON.parse(body.toString("utf8")) as { calls?: { callId: string }[]; callId?: string };
    const process_ = (call: { callId: string }, index: number) => {
      const first = !attempted.has(call.callId);
      attempted.add(call.callId);
      if (faults && first && call.callId.endsWith("7")) {
        return {
          callId: call.callId,
          index,
          status: "failed",
          outcome: "none",
          errors: [{ errorCode: "TEMPORARY_FAILURE", message: "UNABLE_TO_LOCK_ROW", retryable: true }]
        };
      }
      commits += 1;
      committed.add(call.callId);
      if (realResults) return realOrgResult(call.callId, index, commits);
      return {
        callId: call.callId,
        index,
        status: "created",
        outcome: "lead_created",
        warnings: [],
        errors: []
      };
    };
    if (Array.isArray(payload.calls)) return send(200, { results: payload.calls.map(process_) });
    return send(201, process_(payload as { callId: string }, 0));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
