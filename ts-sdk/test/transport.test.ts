// The default transport (node:http/https with keep-alive) on the wire: headers, time limits, cut
// responses and TLS verification, against real local servers.
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ApiError, auth, CallCaptureClient, NetworkError } from "../src/index.js";
import { AttemptTimeout, nodeTransport } from "../src/transport.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
};

describe("node transport", () => {
  it("sends the body with its Content-Length, reuses the connection and reads headers by any case", async () => {
    const seen: { length: string | undefined; body: string; socket: unknown }[] = [];
    const server = createHttpServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      request.on("end", () => {
        seen.push({ length: request.headers["content-length"], body, socket: request.socket });
        response.setHeader("Sforce-Limit-Info", "api-usage=25/15000");
        response.setHeader("X-Twice", ["a", "b"]);
        response.writeHead(201, { "Content-Type": "application/json" });
        response.end('{"ok":"é"}');
      });
    });
    const port = await listen(server);
    try {
      const transport = nodeTransport();
      const body = JSON.stringify({ text: "Grüße" });
      for (let round = 0; round < 2; round += 1) {
        const answer = await transport(
          `http://127.0.0.1:${port}/x`,
          { method: "POST", headers: {}, body },
          5_000
        );
        assert.equal(answer.status, 201);
        assert.equal(answer.text, '{"ok":"é"}');
        assert.equal(answer.header("sforce-limit-info"), "api-usage=25/15000");
        assert.equal(answer.header("SFORCE-LIMIT-INFO"), "api-usage=25/15000");
        assert.equal(answer.header("X-Twice"), "a, b");
        assert.equal(answer.header("Retry-After"), null);
      }
      assert.equal(seen[0]!.length, String(Buffer.byteLength(body)), "UTF-8 bytes, not characters");
      assert.equal(seen[0]!.body, body);
      assert.equal(seen[0]!.socket, seen[1]!.socket, "the second request reused the kept-alive socket");
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("gives up on time and closes the connection, so a late answer cannot be taken", async () => {
    let closed = false;
    const server = createHttpServer((request) => {
      request.socket.on("close", () => (closed = true));
    });
    const port = await listen(server);
    try {
      const started = Date.now();
      await assert.rejects(
        nodeTransport()(`http://127.0.0.1:${port}/slow`, { method: "GET", headers: {} }, 200),
        (error) => error instanceof AttemptTimeout
      );
      const waited = Date.now() - started;
      // The upper bound only tells "gave up" from "waited for the answer" (never sent); a loaded machine is slow.
      assert.ok(waited >= 190 && waited < 10_000, `waited ${waited} ms`);
      // The server sees the close a moment later: wait for it, up to 5 s, rather than for a fixed 50 ms.
      for (let polls = 0; !closed && polls < 100; polls += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.ok(closed, "the request's socket was closed");
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it("a body cut before its Content-Length is an error, not a short text", async () => {
    const server = createHttpServer((request, response) => {
      response.writeHead(200, { "Content-Type": "application/json", "Content-Length": "100" });
      response.write('{"results":[', () => request.socket.destroy());
    });
    const port = await listen(server);
    try {
      await assert.rejects(
        nodeTransport()(`http://127.0.0.1:${port}/cut`, { method: "GET", headers: {} }, 5_000),
        (error) => error instanceof Error && !(error instanceof AttemptTimeout)
      );
    } finally {
      server.close();
    }
  });

  it("a redirect is a clear, final error naming where the org points, not a resend elsewhere", async () => {
    const requests: string[] = [];
    const server = createHttpServer((request, response) => {
      requests.push(`${request.method} ${request.url}`);
      response.writeHead(301, {
        Location: "https://acme.my.salesforce.com/services/apexrest/callcap/v1/calls"
      });
      response.end();
    });
    const port = await listen(server);
    try {
      // The default transport, and a fetch passed in (which would otherwise follow the redirect).
      for (const transport of [{}, { fetch: (input: string, init?: RequestInit) => fetch(input, init) }]) {
        requests.length = 0;
        const client = new CallCaptureClient({
          instanceUrl: `http://127.0.0.1:${port}`,
          allowHttpLoopback: true,
          auth: auth.accessToken("token"),
          sleep: async () => {},
          ...transport
        });
        await assert.rejects(
          client.capture({ callId: "redirected-1", from: "+15551234567" }),
          (error: unknown) =>
            error instanceof ApiError &&
            error.status === 301 &&
            error.errorCode === "REDIRECTED" &&
            error.message.includes("https://acme.my.salesforce.com/services/apexrest/callcap/v1/calls") &&
            error.message.includes("My Domain")
        );
        assert.deepEqual(requests, ["POST /services/apexrest/callcap/v1/calls"], "sent once, not retried");
      }
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  describe("over https", () => {
    let dir: string;
    let server: ReturnType<typeof createHttpsServer>;
    let url: string;
    before(async () => {
      // A throwaway self-signed certificate for 127.0.0.1, made for this test and deleted after it. Its key is P-256:
      // these tests are about whether the certificate is trusted, not its algorithm, and openssl took 0.1-0.4 s of CPU
      // to find an RSA key.
      dir = mkdtempSync(path.join(os.tmpdir(), "callcap-tls-"));
      const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
      writeFileSync(path.join(dir, "key.pem"), privateKey.export({ type: "pkcs8", format: "pem" }));
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-new",
          "-key",
          path.join(dir, "key.pem"),
          "-days",
          "1",
          "-subj",
          "/CN=127.0.0.1",
          "-addext",
          "subjectAltName=IP:127.0.0.1",
          "-out",
          path.join(dir, "cert.pem")
        ],
        { stdio: "ignore" }
      );
      server = createHttpsServer(
        { key: readFileSync(path.join(dir, "key.pem")), cert: readFileSync(path.join(dir, "cert.pem")) },
        (_request, response) => {
          response.writeHead(200, { "Content-Type": "application/json" });
          response.end('{"over":"tls"}');
        }
      );
      url = `https://127.0.0.1:${await listen(server as unknown as Server)}/health`;
    });
    after(() => {
      server.closeAllConnections();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("verifies the certificate: a server the machine does not trust is refused", async () => {
      await assert.rejects(
        nodeTransport()(url, { method: "GET", headers: {} }, 5_000),
        (error: Error & { code?: string }) =>
          /SELF_SIGNED|self-signed/i.test(`${error.code} ${error.message}`)
      );
    });

    it("names an untrusted certificate as a TLS error in the client, and does not retry it", async () => {
      const sleeps: number[] = [];
      const client = new CallCaptureClient({
        instanceUrl: url.replace(/\/health$/, ""),
        auth: auth.accessToken("token"),
        sleep: async (ms) => void sleeps.push(ms)
      });
      const error = await client
        .capture({ callId: "tls-1", from: "+15551234567" })
        .catch((caught: unknown) => caught);
      assert.ok(error instanceof NetworkError, String(error));
      assert.equal(error.kind, "tls");
      assert.equal(error.retryable, false);
      assert.match(error.message, /TLS error with 127\.0\.0\.1:\d+: .*NODE_EXTRA_CA_CERTS/);
      assert.deepEqual(sleeps, [], "a certificate the machine does not trust will not be trusted on a retry");
    });

    it("delivers over TLS to a server the machine trusts (NODE_EXTRA_CA_CERTS)", async () => {
      const script = `import { nodeTransport } from ${JSON.stringify(path.join(here, "../src/transport.js"))};
        const answer = await nodeTransport()(${JSON.stringify(url)}, { method: "GET", headers: {} }, 5000);
        console.log(answer.status, answer.text);`;
      // A child process: the trusted CAs are read at start-up; this process keeps serving meanwhile.
      const child = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: path.join(dir, "cert.pem") },
        encoding: "utf8"
      });
      assert.equal(child.stderr, "");
      assert.equal(child.stdout.trim(), '200 {"over":"tls"}');
    });
  });
});
