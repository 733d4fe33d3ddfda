// Benchmark (npm run bench --workspace ts-sdk; not part of npm test: it takes minutes). The org stand-in
// runs in its own process (test/bench-org.ts); each side times its own serialization; rounds alternate
// which side goes first. Measures SDK time / plain-fetch time (min, median, max) for batches of 200 and
// for single calls at concurrency 1 and 16, proves 0 calls lost under injected faults, and the peak RSS
// of 1,000,000 calls with 10,000-character transcripts streamed through the SDK, the API requests per
// phone call when a vendor reports each call in three webhooks (coalescing), and how fast a bulk send
// gives up on an org that is down (circuit breaker). Writes docs/sdk-benchmark.md, every figure in it:
// nothing in that file is typed by hand. `--quick` runs a small version of everything (to try the script).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { auth, CallCaptureClient, type Call } from "../src/index.js";
import { ResultStore } from "../src/result-store.js";
import { realOrgResult } from "./org-results.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../../../..");
const quick = process.argv.includes("--quick");
const ROUNDS = quick ? 3 : 5;
const BATCH_CALLS = quick ? 2_000 : 10_000;
const SINGLE_CALLS = quick ? 400 : 2_000;
const FAULT_CALLS = quick ? 2_000 : 20_000;
const MEMORY_CALLS = quick ? 20_000 : 1_000_000;
const RESULT_COST_RESULTS = quick ? 20_000 : 100_000;
const TRANSCRIPT = 1_000;
const MEMORY_TRANSCRIPT = 10_000;
const PROGRESSIVE_CALLS = quick ? 100 : 1_000;
const DOWN_CALLS = 1_000;
const LOOKUPS = quick ? 50 : 500;

interface Org {
  url: string;
  child: ChildProcess;
  stats(): Promise<{ distinct: number; commits: number; requests: number }>;
  stop(): void;
}

async function startOrg(args: string[] = []): Promise<Org> {
  const child = spawn(process.execPath, [path.join(here, "bench-org.js"), ...args], {
    stdio: ["ignore", "pipe", "inherit"]
  });
  const port = await new Promise<string>((resolve) =>
    child.stdout!.once("data", (data: Buffer) => resolve(data.toString().trim()))
  );
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    child,
    stats: async () => (await (await fetch(`${url}/stats`)).json()) as Awaited<ReturnType<Org["stats"]>>,
    stop: () => void child.kill()
  };
}

const calls = (count: number, prefix: string, transcriptChars: number): Call[] =>
  Array.from({ length: count }, (_, index) => ({
    callId: `${prefix}-${index}`,
    from: `+1555${String(1_000_000 + (index % 9_000_000)).slice(-7)}`,
    disposition: "answered" as const,
    answeredBy: "ai" as const,
    transcript: "x".repeat(transcriptChars)
  }));

/** The SDK as a sender uses it: its default transport (node:http), or with Node's fetch passed in. */
const sdkClient = (org: Org, transport: "default" | "fetch" = "default") =>
  new CallCaptureClient({
    instanceUrl: org.url,
    allowHttpLoopback: true,
    auth: auth.accessToken("bench-token"),
    batch: { maxCalls: 200 },
    ...(transport === "fetch" ? { fetch: (input: string, init?: RequestInit) => fetch(input, init) } : {})
  });

const endpoint = (org: Org) => `${org.url}/services/apexrest/callcap/v1/calls`;

/**
 * Plain fetch, batches of 200: serializes each body, posts it, and keeps every call's result, as
 * captureMany does (it returns one result per call).
 */
async function rawBatched(org: Org, input: Call[]): Promise<unknown[]> {
  const results: unknown[] = [];
  for (let start = 0; start < input.length; start += 200) {
    const body = JSON.stringify({ calls: input.slice(start, start + 200) });
    const response = await fetch(endpoint(org), {
      method: "POST",
      headers: { Authorization: "Bearer bench-token", "Content-Type": "application/json" },
      body
    });
    for (const result of ((await response.json()) as { results: unknown[] }).results) results.push(result);
  }
  return results;
}

/** Runs `work` over the items with at most `concurrency` in flight. */
async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    })
  );
}

async function rawSingle(org: Org, input: Call[], concurrency: number): Promise<void> {
  await pool(input, concurrency, async (call) => {
    const response = await fetch(endpoint(org), {
      method: "POST",
      headers: { Authorization: "Bearer bench-token", "Content-Type": "application/json" },
      body: JSON.stringify(call)
    });
    await response.json();
  });
}

/** Plain node:http with a keep-alive agent, the way a hand-written sender without fetch would post. */
const httpAgent = new http.Agent({ keepAlive: true });
function httpPost(url: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent: httpAgent,
        headers: { Authorization: "Bearer bench-token", "Content-Type": "application/json" }
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        response.on("error", reject);
      }
    );
    request.on("error", reject);
    request.end(body);
  });
}

async function httpBatched(org: Org, input: Call[]): Promise<unknown[]> {
  const results: unknown[] = [];
  for (let start = 0; start < input.length; start += 200) {
    const text = await httpPost(endpoint(org), JSON.stringify({ calls: input.slice(start, start + 200) }));
    for (const result of (JSON.parse(text) as { results: unknown[] }).results) results.push(result);
  }
  return results;
}

async function httpSingle(org: Org, input: Call[], concurrency: number): Promise<void> {
  await pool(input, concurrency, async (call) =>
    JSON.parse(await httpPost(endpoint(org), JSON.stringify(call)))
  );
}

/** Times `work` from a collected heap (node --expose-gc), so neither side pays for the other's garbage. */
/**
 * Times `work` from a collected heap (node --expose-gc), so neither side pays for the other's garbage:
 * wall time, and this process's CPU time (user + system), which other jobs on the machine barely move.
 */
const time = async (work: () => Promise<unknown>) => {
  (globalThis as { gc?: () => void }).gc?.();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await work();
  const cpu = process.cpuUsage(cpuBefore);
  return { ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
};

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)! };
};

/** The 1-minute load average at the start of each round of the comparisons. */
const loadSamples: number[] = [];

/** Alternated rounds of SDK vs plain fetch on fresh call ids; returns per-round ratios and times. */
async function compare(
  org: Org,
  label: string,
  sdk: (input: Call[]) => Promise<unknown>,
  raw: (input: Call[]) => Promise<unknown>,
  count: number,
  transcriptChars: number
) {
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const sdkTimes: number[] = [];
  const rawTimes: number[] = [];
  // One warm-up round each (JIT, connection pool), not counted.
  await sdk(calls(Math.min(count, 400), `${label}-warm-sdk`, transcriptChars));
  await raw(calls(Math.min(count, 400), `${label}-warm-raw`, transcriptChars));
  for (let round = 0; round < ROUNDS; round += 1) {
    loadSamples.push(os.loadavg()[0]!);
    const sdkInput = calls(count, `${label}-sdk-${round}`, transcriptChars);
    const rawInput = calls(count, `${label}-raw-${round}`, transcriptChars);
    let sdkRun: Awaited<ReturnType<typeof time>>;
    let rawRun: Awaited<ReturnType<typeof time>>;
    if (round % 2 === 0) {
      sdkRun = await time(() => sdk(sdkInput));
      rawRun = await time(() => raw(rawInput));
    } else {
      rawRun = await time(() => raw(rawInput));
      sdkRun = await time(() => sdk(sdkInput));
    }
    sdkTimes.push(sdkRun.ms);
    rawTimes.push(rawRun.ms);
    ratios.push(sdkRun.ms / rawRun.ms);
    cpuRatios.push(sdkRun.cpuMs / rawRun.cpuMs);
    console.error(
      `${label} round ${round + 1}: sdk ${sdkRun.ms.toFixed(0)} ms (cpu ${sdkRun.cpuMs.toFixed(0)}), raw ${rawRun.ms.toFixed(0)} ms (cpu ${rawRun.cpuMs.toFixed(0)}), ratio ${(sdkRun.ms / rawRun.ms).toFixed(3)}, cpu ratio ${(sdkRun.cpuMs / rawRun.cpuMs).toFixed(3)}`
    );
  }
  return {
    label,
    count,
    ratios: stats(ratios),
    cpuRatios: stats(cpuRatios),
    sdk: stats(sdkTimes),
    raw: stats(rawTimes)
  };
}

async function faultRun() {
  const org = await startOrg(["--faults"]);
  try {
    const client = new CallCaptureClient({
      instanceUrl: org.url,
      allowHttpLoopback: true,
      auth: auth.accessToken("bench-token"),
      retry: { baseDelayMs: 20, maxDelayMs: 200 }
    });
    const input = calls(FAULT_CALLS, "fault", TRANSCRIPT);
    const results = await client.captureMany(input, { concurrency: 4 });
    const failed = results.filter((result) => result.status === "failed").length;
    const server = await org.stats();
    return {
      calls: input.length,
      results: results.length,
      failed,
      committed: server.distinct,
      requests: server.requests,
      lost: input.length - server.distinct
    };
  } finally {
    org.stop();
  }
}

/**
 * A vendor reporting each phone call in three webhooks (status, then recording, then transcript, a few ms
 * apart and interleaved across calls, as Twilio's callbacks arrive), each passed to capture() as it comes,
 * with coalescing on: API requests per phone call, counted by the stand-in.
 */
async function progressiveRun() {
  const org = await startOrg();
  try {
    const client = new CallCaptureClient({
      instanceUrl: org.url,
      allowHttpLoopback: true,
      auth: auth.accessToken("bench-token"),
      coalesce: { quietMs: 200, maxWaitMs: 5_000 }
    });
    const answers: Promise<unknown>[] = [];
    const started = performance.now();
    for (let step = 0; step < 3; step += 1) {
      for (let index = 0; index < PROGRESSIVE_CALLS; index += 1) {
        const callId = `progressive-${index}`;
        const from = "+15551230000";
        answers.push(
          client.capture(
            step === 0
              ? { callId, from, disposition: "answered", durationSeconds: 95 }
              : step === 1
                ? { callId, from, recordingUrl: `https://recordings.example.com/${index}.mp3` }
                : { callId, from, transcript: "Caller: my heater is out. ".repeat(40) }
          )
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all(answers);
    const server = await org.stats();
    return {
      phoneCalls: PROGRESSIVE_CALLS,
      updates: answers.length,
      requests: server.requests,
      perCall: server.requests / PROGRESSIVE_CALLS,
      seconds: (performance.now() - started) / 1000
    };
  } finally {
    org.stop();
  }
}

/**
 * The org down (connections refused): how long captureMany takes to give every call a failed result, with
 * the default retry policy and circuit breaker, and how many requests it tried.
 */
async function orgDownRun() {
  const listener = http.createServer();
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const { port } = listener.address() as { port: number };
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  const client = new CallCaptureClient({
    instanceUrl: `http://127.0.0.1:${port}`,
    allowHttpLoopback: true,
    auth: auth.accessToken("bench-token")
  });
  let requests = 0;
  let stoppedBy = "";
  const started = performance.now();
  const results = await client.captureMany(calls(DOWN_CALLS, "down", TRANSCRIPT), {
    concurrency: 4,
    onProgress: (progress) => (requests = progress.requests),
    onStopped: (error) => (stoppedBy = error.errorCode ?? error.name)
  });
  return {
    calls: DOWN_CALLS,
    failed: results.filter((result) => result.status === "failed").length,
    requests,
    stoppedBy,
    seconds: (performance.now() - started) / 1000
  };
}

/**
 * `callcap lookup <phone> --repeat N --json` against the stand-in, run as a user runs it (the built CLI in
 * its own process, an access token from the environment): the CLI's own p50 and p95.
 */
function lookupRun(org: Org) {
  const cli = path.resolve(here, "../../cjs/cli/main.js");
  const output = execFileSync(
    process.execPath,
    [cli, "lookup", "+1 (415) 555-0100", "--repeat", String(LOOKUPS), "--json"],
    {
      env: {
        PATH: process.env.PATH ?? "",
        CALLCAP_INSTANCE_URL: org.url,
        CALLCAP_ACCESS_TOKEN: "bench-token",
        CALLCAP_ALLOW_HTTP_LOOPBACK: "1"
      },
      encoding: "utf8"
    }
  );
  return JSON.parse(output) as {
    answer: { known: boolean };
    firstMs: number;
    latency: { lookups: number; p50Ms: number; p95Ms: number; minMs: number; maxMs: number };
  };
}

/** Peak RSS of this process from the kernel's high-water mark (VmHWM), in bytes. */
function peakRss(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return match ? Number(match[1]) * 1024 : process.memoryUsage().rss;
}

/**
 * The ways a million calls are measured: streamed (captureStream, nothing held), and captureMany holding
 * every result: the stand-in's smallest results, and results shaped as a real org's (record ids, and
 * intelligence quoting the call).
 */
const MEMORY_WAYS = {
  stream: { label: "`captureStream`", held: "none (handed over)", orgArgs: [] as string[] },
  many: { label: "`captureMany`", held: "the stand-in's smallest results", orgArgs: [] as string[] },
  "many-real": {
    label: "`captureMany`",
    held: "a real org's results: record ids, intelligence",
    orgArgs: ["--results", "real"]
  }
};
type MemoryWay = keyof typeof MEMORY_WAYS;

/** A million calls through the SDK, in this process, one of the ways above. */
async function memoryRun(kind: MemoryWay) {
  const org = await startOrg(MEMORY_WAYS[kind].orgArgs);
  try {
    const client = new CallCaptureClient({
      instanceUrl: org.url,
      allowHttpLoopback: true,
      auth: auth.accessToken("bench-token")
    });
    const transcript = "y".repeat(MEMORY_TRANSCRIPT);
    async function* source(): AsyncGenerator<Call> {
      for (let index = 0; index < MEMORY_CALLS; index += 1) {
        // A new string per call, as a real sender's calls would be.
        yield { callId: `memory-${index}`, from: "+15551234567", transcript: `${index}${transcript}` };
      }
    }
    const before = peakRss();
    const started = performance.now();
    let delivered = 0;
    let failed = 0;
    const options = {
      concurrency: 4,
      onProgress: ({ done }: { done: number }) => {
        if (done % 100_000 < 80)
          console.error(`memory run (${kind}): ${done} calls, peak RSS ${(peakRss() / 1e6).toFixed(0)} MB`);
      }
    };
    const results =
      kind === "stream"
        ? client.captureStream(source(), options)
        : await client.captureMany(source(), options);
    for await (const result of results) {
      if (result.status === "failed") failed += 1;
      else delivered += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    const server = await org.stats();
    return {
      calls: MEMORY_CALLS,
      delivered,
      failed,
      committed: server.distinct,
      requests: server.requests,
      seconds,
      peakBefore: before,
      peak: peakRss()
    };
  } finally {
    org.stop();
  }
}

/**
 * What one result costs held: parsed from the org's JSON and kept as objects (as captureMany kept them
 * before it had a store), and in captureMany's store; bytes of heap plus buffers per result, after a full
 * collection, for the stand-in's smallest result and a real org's.
 */
async function resultCosts() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  // After a turn of the event loop: zlib lets go of a finished stream's buffers (its input and output)
  // only then, and they are garbage, not what the store holds.
  const held = async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    gc();
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const shapes = {
    smallest: (index: number) => ({
      callId: `memory-${index}`,
      index: index % 200,
      status: "created",
      outcome: "lead_created",
      warnings: [],
      errors: []
    }),
    real: (index: number) => realOrgResult(`memory-${index}`, index % 200, index)
  };
  const costs = async (shape: (index: number) => unknown) => {
    // The org's answers as the SDK receives them: JSON text of 200 results per request.
    const bodies: string[] = [];
    for (let start = 0; start < RESULT_COST_RESULTS; start += 200) {
      bodies.push(JSON.stringify({ results: Array.from({ length: 200 }, (_, k) => shape(start + k)) }));
    }
    const measure = async (keep: (result: { index: number }, position: number) => void) => {
      const before = await held();
      let position = 0;
      for (const body of bodies) {
        for (const result of (JSON.parse(body) as { results: { index: number }[] }).results) {
          keep(result, position++);
        }
      }
      return ((await held()) - before) / RESULT_COST_RESULTS;
    };
    const objects: unknown[] = [];
    const asObjects = await measure((result) => objects.push(result));
    const store = new ResultStore();
    const inStore = await measure((result, position) => {
      result.index = position;
      store.set(result as never);
    });
    // Both held until measured (a collected heap would otherwise free them before the second reading).
    return { asObjects, inStore, held: objects.length + store.length, json: bodies[0]!.length / 200 };
  };
  return { smallest: await costs(shapes.smallest), real: await costs(shapes.real) };
}

/** Runs memoryRun in a fresh process (this script with --memory-run <kind>) and returns its numbers. */
async function memoryInChild(kind: MemoryWay): Promise<Awaited<ReturnType<typeof memoryRun>>> {
  const child = spawn(
    process.execPath,
    [fileURLToPath(import.meta.url), "--memory-run", kind, ...(quick ? ["--quick"] : [])],
    {
      stdio: ["ignore", "pipe", "inherit"]
    }
  );
  let output = "";
  child.stdout!.on("data", (data: Buffer) => (output += data.toString()));
  await new Promise((resolve) => child.on("exit", resolve));
  return JSON.parse(output) as Awaited<ReturnType<typeof memoryRun>>;
}

async function main() {
  const loadAtStart = os.loadavg();
  const org = await startOrg();
  // One client per measure, reused across its rounds as a sender keeps one (its connections with it),
  // while plain fetch keeps its process-wide pool.
  const captureMany = (transport: "default" | "fetch") => {
    const client = sdkClient(org, transport);
    return (input: Call[]) => client.captureMany(input);
  };
  const captures = (transport: "default" | "fetch", concurrency: number) => {
    const client = sdkClient(org, transport);
    return (input: Call[]) => pool(input, concurrency, (call) => client.capture(call));
  };
  const fetchBatched = (input: Call[]) => rawBatched(org, input);
  const fetchSingle = (concurrency: number) => (input: Call[]) => rawSingle(org, input, concurrency);
  // The target rows: the SDK as shipped against plain fetch.
  const batched = await compare(
    org,
    "batched",
    captureMany("default"),
    fetchBatched,
    BATCH_CALLS,
    TRANSCRIPT
  );
  const single1 = await compare(
    org,
    "single-c1",
    captures("default", 1),
    fetchSingle(1),
    SINGLE_CALLS,
    TRANSCRIPT
  );
  const single16 = await compare(
    org,
    "single-c16",
    captures("default", 16),
    fetchSingle(16),
    SINGLE_CALLS,
    TRANSCRIPT
  );
  // The SDK's own cost on an equal transport: with fetch passed in against plain fetch, and as shipped
  // against plain node:http.
  const batchedOnFetch = await compare(
    org,
    "batched-fetch",
    captureMany("fetch"),
    fetchBatched,
    BATCH_CALLS,
    TRANSCRIPT
  );
  const single16OnFetch = await compare(
    org,
    "single-c16-fetch",
    captures("fetch", 16),
    fetchSingle(16),
    SINGLE_CALLS,
    TRANSCRIPT
  );
  const batchedOnHttp = await compare(
    org,
    "batched-http",
    captureMany("default"),
    (input) => httpBatched(org, input),
    BATCH_CALLS,
    TRANSCRIPT
  );
  const single16OnHttp = await compare(
    org,
    "single-c16-http",
    captures("default", 16),
    (input) => httpSingle(org, input, 16),
    SINGLE_CALLS,
    TRANSCRIPT
  );
  org.stop();
  const faults = await faultRun();
  const progressive = await progressiveRun();
  const down = await orgDownRun();
  const lookupOrg = await startOrg();
  const lookup = (() => {
    try {
      return lookupRun(lookupOrg);
    } finally {
      lookupOrg.stop();
    }
  })();
  // The memory run gets a process of its own, so the comparisons before it do not raise its peak.
  const skipMemory = process.argv.includes("--skip-memory");
  const costs = await resultCosts();
  const memory: [MemoryWay, Awaited<ReturnType<typeof memoryRun>> | undefined][] = [];
  for (const way of Object.keys(MEMORY_WAYS) as MemoryWay[]) {
    memory.push([way, skipMemory ? undefined : await memoryInChild(way)]);
  }
  const cpu =
    /model name\s*:\s*(.*)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ??
    os.cpus()[0]?.model ??
    "unknown";
  const row = (result: Awaited<ReturnType<typeof compare>>, what: string) =>
    `| ${what} | ${result.count.toLocaleString("en-US")} | ${result.ratios.min.toFixed(3)} | **${result.ratios.median.toFixed(3)}** | ${result.ratios.max.toFixed(3)} | ${result.sdk.median.toFixed(0)} | ${result.raw.median.toFixed(0)} | ${result.cpuRatios.median.toFixed(3)} |`;
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
  const report = `# SDK benchmark

Written by \`npm run bench --workspace ts-sdk\` (test/bench.ts; ${quick ? "**quick run: small sizes**" : "full run"}) on
${new Date().toISOString().slice(0, 10)}: every figure on this page comes from that run; nothing is typed by hand.
Not part of \`npm test\`: it takes minutes. The small, fast versions of the fault, memory, coalescing and
circuit-breaker checks are in the SDK's tests (test/e2e.test.ts, test/updates.test.ts, test/fail-fast.test.ts).

## Machine

- \`nproc\`: ${os.availableParallelism?.() ?? os.cpus().length} (shared with other work while this ran)
- \`node --version\`: ${process.version}; scheduling priority (nice) of this run and its stand-in: ${os.getPriority()}
- CPU (/proc/cpuinfo): ${cpu}
- ${(os.totalmem() / 1e9).toFixed(1)} GB RAM, ${os.type()} ${os.release()}
- load average when the comparisons started: ${loadAtStart.map((load) => load.toFixed(1)).join(", ")} (1, 5, 15 min); at the end:
  ${os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(", ")}; sampled at the start of each comparison run: ${Math.min(...loadSamples).toFixed(1)} to
  ${Math.max(...loadSamples).toFixed(1)}. Other jobs shared the cores, so single runs swing; the medians of
  alternated runs are the figures to read, and the CPU ratio (this process's CPU time of each side, which
  other jobs barely move) says what the SDK's own work costs when the wall-clock ratio is drowned in load.

## Method

- The org stand-in (test/bench-org.ts) runs in **its own process** on 127.0.0.1 and answers like the Apex
  endpoint (one call → 201 with a result; \`{"calls":[…]}\` → 200 with one result per call).
- Both sides time their own work, serialization included: plain \`fetch\` runs \`JSON.stringify\` for each
  body inside its timed region, like the SDK does.
- ${ROUNDS} runs per measure, on fresh call ids, **alternating** which side goes first; one warm-up run each
  is not counted. ${(globalThis as { gc?: unknown }).gc ? "Each side starts from a collected heap (\`node --expose-gc\`), so neither pays for the garbage of the run before it." : "(Run without --expose-gc: a side may pay for the garbage of the run before it.)"} The ratio is SDK time / plain-fetch time of the same run; the table gives min, median
  and max of the ratios, the median times, and the median of the CPU-time ratios (the client process's
  user + system time of each side; the stand-in's work is in its own process).
- Calls carry ${TRANSCRIPT.toLocaleString("en-US")}-character transcripts. Batched: plain fetch posts
  batches of 200 and keeps every call's result (as \`captureMany\` returns them); the SDK's \`captureMany\` makes its own batches (≤ 200 calls, ≤ 750,000 bytes: the same
  200-call batches here). Single: \`capture()\` per call versus one \`fetch\` per call, 1 or 16 at a time.
- The SDK sends through Node's own http/https with a keep-alive agent unless a \`fetch\` is passed
  (src/transport.ts). The first table is the SDK as shipped against plain \`fetch\` (the target); the
  second isolates the SDK's own work by putting both sides on the same transport.
- The SDK side uses one client per measure, across its rounds, as a sender keeps one (and with it
  its connections); plain \`fetch\` keeps its process-wide pool.

## SDK time / plain fetch time (target ≤ 1.11, median, batched and at concurrency 16)

| measure | calls | min | median | max | SDK median ms | fetch median ms | CPU ratio, median |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${row(batched, "batched, 200 per request")}
${row(single1, "single calls, concurrency 1")}
${row(single16, "single calls, concurrency 16")}

## The SDK's own cost, on the same transport as the plain sender

Validation, leniency, batching by bytes, retries, the time limit per attempt and the result per call, with
the transport difference taken out: the SDK with Node's \`fetch\` passed in against plain \`fetch\`, and the
SDK as shipped against plain \`node:http\` (keep-alive agent, the same headers as plain fetch).

| measure | calls | min | median | max | SDK median ms | plain median ms | CPU ratio, median |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${row(batchedOnFetch, "batched, SDK on fetch / plain fetch")}
${row(single16OnFetch, "single, concurrency 16, SDK on fetch / plain fetch")}
${row(batchedOnHttp, "batched, SDK / plain node:http")}
${row(single16OnHttp, "single, concurrency 16, SDK / plain node:http")}

## Nothing lost under faults (target 0)

The stand-in started with \`--faults\`: every 13th request has its connection reset, every 7th gets
\`503 TEMPORARY_FAILURE\`, a body over 200,000 bytes gets \`413 PAYLOAD_TOO_LARGE\` (so 200-call batches of
~230 KB are split), and 1 call in 10 fails with \`retryable: true\` on its first attempt. \`captureMany\` at
concurrency 4, backoff base 20 ms:

| calls | results | failed | committed at the org (distinct) | requests | lost |
| ---: | ---: | ---: | ---: | ---: | ---: |
| ${faults.calls.toLocaleString("en-US")} | ${faults.results.toLocaleString("en-US")} | ${faults.failed} | ${faults.committed.toLocaleString("en-US")} | ${faults.requests.toLocaleString("en-US")} | **${faults.lost}** |

## Progressive updates: API requests per phone call (target ≤ 1.2)

${progressive.phoneCalls.toLocaleString("en-US")} phone calls, each reported in three updates as a vendor's webhooks arrive (status; then the
recording; then the transcript; the rounds 50 ms apart and interleaved across calls), each update passed to
\`capture()\` as it comes, with \`coalesce: { quietMs: 200, maxWaitMs: 5000 }\`. Requests counted by the stand-in.

| phone calls | updates | requests | **requests per phone call** | seconds |
| ---: | ---: | ---: | ---: | ---: |
| ${progressive.phoneCalls.toLocaleString("en-US")} | ${progressive.updates.toLocaleString("en-US")} | ${progressive.requests.toLocaleString("en-US")} | **${progressive.perCall.toFixed(2)}** | ${progressive.seconds.toFixed(1)} |

## An org that is down: how fast a bulk send gives up

${down.calls.toLocaleString("en-US")} calls to a port where nothing listens (every connection refused), \`captureMany\` at concurrency 4 with the
default retry policy (5 attempts, backoff from 500 ms) and circuit breaker (5 network failures in a row).

| calls | failed results | requests tried | stopped by | **seconds** |
| ---: | ---: | ---: | --- | ---: |
| ${down.calls.toLocaleString("en-US")} | ${down.failed.toLocaleString("en-US")} | ${down.requests} | ${down.stoppedBy || "–"} | **${down.seconds.toFixed(1)}** |

## Caller lookup: \`callcap lookup --repeat\` against the stand-in

\`callcap lookup "+1 (415) 555-0100" --repeat ${LOOKUPS} --json\`, the built CLI in its own process, against the stand-in
(its own process, 127.0.0.1), which answers a known caller as the org's \`CallerLookupAnswer\` does. Lookups one at
a time; p50 and p95 by nearest rank, as the CLI prints them.

| timed lookups | first request ms | p50 ms | p95 ms | min ms | max ms |
| ---: | ---: | ---: | ---: | ---: | ---: |
| ${lookup.latency.lookups} | ${lookup.firstMs.toFixed(1)} | **${lookup.latency.p50Ms.toFixed(1)}** | **${lookup.latency.p95Ms.toFixed(1)}** | ${lookup.latency.minMs.toFixed(1)} | ${lookup.latency.maxMs.toFixed(1)} |

This is what the SDK and the CLI add to a lookup (a request, its JSON, the timing) on a loaded machine: a floor,
not the lookup's latency. A real org adds what no stand-in has: the network to the org and TLS, Salesforce's
REST dispatch and the Apex of the lookup (at most 3 SOQL queries), and, for a vendor's signed lookup, the Site.
Only \`callcap lookup --repeat N\` against a real org, run from where the relay runs, measures that
(docs/direct-webhooks.md, "Caller lookup during the call").

## Memory (target: peak RSS < 300 MB for 1,000,000 calls through \`captureMany\`)

### What one result costs held

${RESULT_COST_RESULTS.toLocaleString("en-US")} results parsed from the org's JSON (200 per response), held as objects (an array of
them, as \`captureMany\` used to return) and in \`captureMany\`'s result store (src/result-store.ts: each result
held until its block of 256 is full, then the block written as one JSON text and compressed with deflate; a
read gives a fresh copy);
bytes of heap plus buffers per result after a full collection. The smallest result is the stand-in's
(\`{callId, index, status, outcome, warnings: [], errors: []}\`); a real org's carries every member of the
contract, three record ids and intelligence with one explanation quoting the call (test/org-results.ts). Its
80 quoted characters are pseudo-random letters, different in every result, which deflate cannot shrink: real
words compress, so a real org's results cost the store at most this.

| result | JSON bytes | held as objects | **in the store** |
| --- | ---: | ---: | ---: |
${
  costs
    ? [
        ["the stand-in's smallest", costs.smallest],
        ["a real org's", costs.real]
      ]
        .map(
          ([what, cost]) =>
            typeof cost === "object" &&
            `| ${what} | ${cost.json.toFixed(0)} | ${cost.asObjects.toFixed(0)} | **${cost.inStore.toFixed(0)}** |`
        )
        .join("\n")
    : "| not measured (run without --expose-gc) | | | |"
}

### A million calls

${MEMORY_CALLS.toLocaleString("en-US")} calls with ${MEMORY_TRANSCRIPT.toLocaleString("en-US")}-character transcripts, generated one at a time by an async
generator, at concurrency 4, requests up to 750,000 bytes, each way in a fresh process. Peak RSS is the
kernel's high-water mark of the client process (VmHWM in /proc/self/status).

- \`captureStream\` hands each result over as its batch completes, without keeping it.
- \`captureMany\` returns every result, so it holds a million of them, in its store. What that costs depends
  on what the org answers: the stand-in's smallest results, or results shaped as a real org's (record ids
  and intelligence quoting the call; the stand-in started with \`--results real\`).

| way | results held | calls | delivered | failed | committed at the org | requests | seconds | peak RSS before | **peak RSS** |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${memory
  .map(([way, run]) =>
    run
      ? `| ${MEMORY_WAYS[way].label} | ${MEMORY_WAYS[way].held} | ${run.calls.toLocaleString("en-US")} | ${run.delivered.toLocaleString("en-US")} | ${run.failed} | ${run.committed.toLocaleString("en-US")} | ${run.requests.toLocaleString("en-US")} | ${run.seconds.toFixed(0)} | ${mb(run.peakBefore)} | **${mb(run.peak)}** |`
      : `| ${MEMORY_WAYS[way].label} | ${MEMORY_WAYS[way].held} | not run (--skip-memory) | | | | | | | |`
  )
  .join("\n")}
`;
  const target = path.join(repo, "docs/sdk-benchmark.md");
  writeFileSync(target, report);
  // Formatted like every Markdown file of the repository (the format check runs prettier on docs/).
  execFileSync(
    process.execPath,
    [path.join(repo, "node_modules/prettier/bin/prettier.cjs"), "--write", target],
    {
      cwd: repo,
      stdio: "ignore"
    }
  );
  console.log(report);
  console.error(`written to ${target}`);
}

const memoryKind = process.argv[process.argv.indexOf("--memory-run") + 1];
if (process.argv.includes("--memory-run")) {
  if (!(memoryKind! in MEMORY_WAYS))
    throw new Error(`--memory-run ${memoryKind}: not one of the ways measured`);
  console.log(JSON.stringify(await memoryRun(memoryKind as MemoryWay)));
} else await main();
