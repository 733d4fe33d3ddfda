#!/usr/bin/env node
// callcap: send calls, check health, simulate the seed's scenarios and replay saved payloads from a shell.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { fromRetell } from "./adapters/retell.js";
import { fromTwilio } from "./adapters/twilio.js";
import { fromVapi } from "./adapters/vapi.js";
import { accessToken, clientCredentials, jwtBearer, type AuthProvider } from "./auth.js";
import { CallCaptureClient } from "./client.js";
import { AuthError, CallCaptureError, ValidationError } from "./errors.js";
import { InputError, parseCalls, readInput, type SourcedValue } from "./cli-input.js";
import type { Call, CallResult } from "./types.js";
import { prepareCall } from "./validate.js";

/** Exit codes (documented in README.md and `callcap --help`). */
export const EXIT = { ok: 0, callsNeedAttention: 1, usage: 2, invalid: 3, auth: 4, api: 5 } as const;
export { parseCalls };

const SCENARIOS = ["emergency", "quote-request", "existing-customer", "missed-call", "budget-range"];
const ADAPTERS: Record<string, (payload: unknown) => Call> = {
  vapi: fromVapi,
  retell: fromRetell,
  twilio: (payload) => fromTwilio(payload as Record<string, string>)
};

const FAILURES_FILE = "callcap-failures.ndjson";
/**
 * Error codes of a failed result that mean authentication failed (exit 4): a token rejected by the org, the
 * token endpoint's error codes (RFC 6749 §5.2) and an unusable token response (auth.ts).
 */
const AUTH_ERROR_CODES = new Set<string>([
  "INVALID_SESSION_ID",
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
  "invalid_token_response"
]);

const HELP: Record<string, string> = {
  main: `callcap — send phone calls to Call Capture in Salesforce

Usage: callcap <command> [options]

Commands:
  send <file|-> [file…]   send calls from files or stdin: a JSON call, a JSON array, {"calls":[…]}, or NDJSON
  validate <file|-> […]   check calls offline (nothing is sent): errors, and what would be dropped or truncated
  get <callId>            show the stored result of a call
  health                  show the org's Call Capture health
  simulate <scenario>     send one of the seed's demo calls: ${SCENARIOS.join(", ")}
  replay <dir>            send every .json / .ndjson file in a directory (e.g. saved webhooks)

Org credentials (first that applies):
  --target-org <alias>                           an sf CLI org alias: the project's pinned sf
                                                  (tools/sf-cli), else node_modules/.bin/sf, else sf on PATH
  CALLCAP_INSTANCE_URL + CALLCAP_ACCESS_TOKEN     a token obtained elsewhere
  CALLCAP_CLIENT_ID + CALLCAP_CLIENT_SECRET       client credentials flow (CALLCAP_LOGIN_URL or
                                                  CALLCAP_INSTANCE_URL = the org's My Domain URL)
  CALLCAP_CLIENT_ID + CALLCAP_USERNAME + CALLCAP_PRIVATE_KEY_FILE   JWT bearer flow (CALLCAP_LOGIN_URL)
  CALLCAP_NAMESPACE                               '' when the package is deployed unmanaged

Common options:
  --json            machine-readable output on stdout
  --verbose         show retries and warnings as they happen
  --namespace <ns>  package namespace (default callcap)
  --version         print the version
  -h, --help        help for a command

Exit codes: 0 every call processed · 1 delivered, but the org reports some calls failed or need review ·
  2 usage error or unreadable input · 3 invalid call (nothing sent) · 4 authentication failed ·
  5 API or network error (calls not delivered are in the failures file)`,
  send: `Usage: callcap send <file|-> [file…] [--provider vapi|retell|twilio] [--concurrency n]
                    [--failures <file>] [--target-org <alias>] [--json] [--verbose]

Sends the calls in each file ('-' = stdin): a JSON call object, a JSON array of calls, the API's
{"calls":[…]} body, or NDJSON (one call per line). Every call is checked first; if one has a wrong
required field, nothing is sent (exit 3). Many calls go in batches of up to 200; progress and a totals
line go to stderr. Calls that could not be delivered are written to --failures (default
${FAILURES_FILE}) as NDJSON: \`callcap send ${FAILURES_FILE}\` resends them. With --provider, each JSON
value is a raw webhook payload of that provider and is mapped to a call first.`,
  validate: `Usage: callcap validate <file|-> [file…] [--provider vapi|retell|twilio] [--json]

Checks calls offline, like send does before sending: prints each error once with its file and place,
and each optional field that would be dropped or truncated. Exit 0 when every call can be sent, 3 when
one cannot, 2 when a file cannot be read or is not JSON.`,
  get: `Usage: callcap get <callId> [--target-org <alias>] [--json]

Prints the stored result of a call: status, outcome, record ids, warnings and errors. Exit 1 when the
org has no call with this id.`,
  health: `Usage: callcap health [--target-org <alias>] [--json]

Prints the org's version, namespace, configuration validity, missing permissions and counts of failed
and needs-review calls. Exit 1 when the org reports a problem.`,
  simulate: `Usage: callcap simulate <scenario> [--unique] [--target-org <alias>] [--json]

Sends one of the seed's demo calls: ${SCENARIOS.join(", ")} ('quote request' and
'quote-request' both work). --unique appends a timestamp to the callId so the call is new each time;
without it a second run shows idempotency (status duplicate or updated).`,
  replay: `Usage: callcap replay <dir> [--provider vapi|retell|twilio] [--target-org <alias>] [--json]

Sends every .json and .ndjson file in <dir>, in name order, as one bulk send: calls keep their
callIds, so replaying is safe.`
};

interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

class UsageError extends Error {}

/** On PATH: the full path of an executable, or undefined. */
function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The sf CLI to use: CALLCAP_SF_BIN, the project's pinned one (tools/sf-cli, installed by `npm run sf`),
 * the one in node_modules/.bin, or sf on PATH; a usage error saying how to get one when there is none.
 */
function findSf(env: NodeJS.ProcessEnv): string {
  const found =
    env.CALLCAP_SF_BIN ??
    findUp(process.cwd(), "tools/sf-cli/node_modules/.bin/sf") ??
    findUp(process.cwd(), "node_modules/.bin/sf") ??
    onPath("sf", env);
  if (found) return found;
  const pinned = findUp(process.cwd(), "tools/sf-cli/package.json");
  throw new UsageError(
    pinned
      ? `No sf CLI installed: run \`npm run sf -- --version\` in ${path.dirname(path.dirname(path.dirname(pinned)))} to install the project's pinned sf, or install @salesforce/cli`
      : "No sf CLI found on PATH: install @salesforce/cli, or use CALLCAP_* environment variables"
  );
}

const findUp = (start: string, relative: string): string | undefined => {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
};

/** Runs the sf CLI with --json and returns its `result`, or throws an AuthError with sf's own message. */
async function runSf<T>(sf: string, args: string[], env: NodeJS.ProcessEnv): Promise<T> {
  try {
    const { stdout } = await promisify(execFile)(sf, [...args, "--json"], { env, maxBuffer: 10_000_000 });
    return (JSON.parse(stdout) as { result: T }).result;
  } catch (error) {
    const output = (error as { stdout?: string }).stdout;
    const message = output ? (JSON.parse(output) as { message?: string }).message : (error as Error).message;
    throw new AuthError(`sf ${args.join(" ")} failed: ${message ?? "unknown error"}`);
  }
}

/**
 * Reads the token and instance URL of an sf CLI org alias. Recent sf versions print "[REDACTED]"
 * instead of the token in `org display`, so the token then comes from `org auth show-access-token`
 * (which does not prompt in --json mode).
 */
async function sfOrg(
  alias: string,
  env: NodeJS.ProcessEnv,
  io: Output
): Promise<{ accessToken: string; instanceUrl: string }> {
  const sf = findSf(env);
  io.err(`using sf: ${sf}`);
  const org = await runSf<{ accessToken?: string; instanceUrl?: string } | undefined>(
    sf,
    ["org", "display", "--target-org", alias],
    env
  );
  let accessToken = org?.accessToken;
  if (!accessToken || accessToken.includes("REDACTED")) {
    const shown = await runSf<{ accessToken?: string } | undefined>(
      sf,
      ["org", "auth", "show-access-token", "--target-org", alias],
      env
    );
    accessToken = shown?.accessToken;
  }
  if (!accessToken || !org?.instanceUrl)
    throw new AuthError(`sf org display --target-org ${alias} returned no access token or instance URL`);
  return { accessToken, instanceUrl: org.instanceUrl };
}

async function clientFromEnvironment(
  values: { "target-org"?: string; namespace?: string; verbose?: boolean },
  env: NodeJS.ProcessEnv,
  io: Output
): Promise<CallCaptureClient> {
  let auth: AuthProvider;
  let instanceUrl = env.CALLCAP_INSTANCE_URL;
  const loginUrl = env.CALLCAP_LOGIN_URL;
  if (values["target-org"]) {
    const org = await sfOrg(values["target-org"], env, io);
    auth = accessToken(org.accessToken);
    instanceUrl = org.instanceUrl;
  } else if (env.CALLCAP_ACCESS_TOKEN) {
    auth = accessToken(env.CALLCAP_ACCESS_TOKEN);
  } else if (env.CALLCAP_CLIENT_ID && env.CALLCAP_CLIENT_SECRET) {
    auth = clientCredentials({
      clientId: env.CALLCAP_CLIENT_ID,
      clientSecret: env.CALLCAP_CLIENT_SECRET,
      ...(loginUrl ? { loginUrl } : {})
    });
  } else if (env.CALLCAP_CLIENT_ID && env.CALLCAP_USERNAME && env.CALLCAP_PRIVATE_KEY_FILE) {
    auth = jwtBearer({
      clientId: env.CALLCAP_CLIENT_ID,
      username: env.CALLCAP_USERNAME,
      privateKey: readFileSync(env.CALLCAP_PRIVATE_KEY_FILE, "utf8"),
      ...(loginUrl ? { loginUrl } : {})
    });
  } else {
    throw new UsageError(
      "No org credentials: use --target-org <alias> or set CALLCAP_* environment variables (see callcap --help)"
    );
  }
  const namespace = values.namespace ?? env.CALLCAP_NAMESPACE ?? "callcap";
  return new CallCaptureClient({
    ...(instanceUrl ? { instanceUrl } : {}),
    namespace,
    auth,
    ...(values.verbose
      ? {
          onRetry: ({ attempt, delayMs, reason, calls }) =>
            io.err(`retry: attempt ${attempt} of ${calls} call(s) in ${delayMs} ms (${reason})`)
        }
      : {})
  });
}

function describe(result: CallResult): string {
  const ids = (["leadId", "contactId", "accountId", "opportunityId", "taskId", "callbackTaskId"] as const)
    .filter((key) => result[key])
    .map((key) => `${key}=${result[key]}`);
  const problems = [
    ...(result.errors ?? []).map((error) => `error ${error.errorCode}: ${error.message}`),
    ...(result.warnings ?? []).map((warning) => `warning ${warning.code}: ${warning.message}`)
  ];
  return [`${result.callId}: ${result.status} (${result.outcome})`, ...ids, ...problems].join("  ");
}

/** Counts results by status for the totals line. */
function totals(results: CallResult[], requests: number): Record<string, number> {
  const counts: Record<string, number> = {
    calls: results.length,
    created: 0,
    updated: 0,
    duplicate: 0,
    needs_review: 0,
    failed: 0
  };
  for (const result of results) counts[result.status] = (counts[result.status] ?? 0) + 1;
  return { ...counts, requests };
}

/** Whether a failed result means "not delivered" (retryable, or the SDK could not reach the org). */
const notDelivered = (result: CallResult) =>
  result.status === "failed" &&
  (result.errors ?? []).some(
    (error) => error.retryable === true || error.errorCode === ("NETWORK_ERROR" as string)
  );

async function deliver(
  client: CallCaptureClient,
  calls: Call[],
  options: { json: boolean; concurrency?: string; failures?: string },
  io: Output
): Promise<number> {
  if (calls.length === 0) throw new UsageError("No calls found");
  let requests = 0;
  const failedCalls: unknown[] = [];
  let results: CallResult[];
  if (calls.length === 1) {
    try {
      results = [await client.capture(calls[0]!)];
    } catch (error) {
      // Not delivered (API or network error, refused token): the call goes to the failures file too.
      writeFailures([calls[0]], options.failures, io);
      throw error;
    }
    requests = 1;
    if (results[0]!.status === "failed") failedCalls.push(calls[0]);
  } else {
    const concurrency = options.concurrency === undefined ? 1 : Number(options.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
      throw new UsageError("--concurrency must be a whole number from 1 to 16");
    results = await client.captureMany(calls, {
      concurrency,
      onProgress: (progress) => {
        requests = progress.requests;
        io.err(`sent ${progress.done}/${progress.total} calls in ${progress.requests} requests`);
      },
      onFailure: (call) => failedCalls.push(call)
    });
  }
  const counts = totals(results, requests);
  if (failedCalls.length > 0) writeFailures(failedCalls, options.failures, io);
  if (options.json) io.out(JSON.stringify({ results, totals: counts }, null, 2));
  else for (const result of results) io.out(describe(result));
  io.err(
    `totals: ${counts.calls} calls: ${counts.created} created, ${counts.updated} updated, ${counts.duplicate} duplicate, ${counts.needs_review} needs review, ${counts.failed} failed; ${counts.requests} requests`
  );
  if (results.some((result) => result.errors?.some((error) => AUTH_ERROR_CODES.has(error.errorCode))))
    return EXIT.auth;
  if (results.some(notDelivered)) return EXIT.api;
  return results.some((result) => result.status === "failed" || result.status === "needs_review")
    ? EXIT.callsNeedAttention
    : EXIT.ok;
}

/** Writes calls that were not delivered as NDJSON, so `callcap send <file>` resends them. */
function writeFailures(calls: unknown[], file = FAILURES_FILE, io: Output): void {
  writeFileSync(file, calls.map((call) => JSON.stringify(call)).join("\n") + "\n");
  io.err(`${calls.length} failed call(s) written to ${file}: resend with \`callcap send ${file}\``);
}

/**
 * Turns read values into calls (through the provider's adapter) and checks them all: every error once,
 * with its place; warnings for what will be dropped or truncated. Throws nothing; the caller decides.
 */
function checkCalls(
  values: SourcedValue[],
  provider: string | undefined
): { calls: Call[]; errors: string[]; warnings: string[] } {
  const adapter = provider ? ADAPTERS[provider] : undefined;
  if (provider && !adapter) throw new UsageError(`Unknown provider ${provider}: use vapi, retell or twilio`);
  const calls: Call[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const { value, where } of values) {
    let call: unknown = value;
    if (adapter) {
      try {
        call = adapter(value);
      } catch (error) {
        errors.push(`${where}: ${(error as Error).message}`);
        continue;
      }
    }
    const prepared = prepareCall(call);
    for (const issue of prepared.issues) errors.push(`${where}: ${issue.path} ${issue.message}`);
    for (const warning of prepared.warnings) warnings.push(`${where}: ${warning.message}`);
    if (prepared.call) calls.push(call as Call);
  }
  return { calls, errors, warnings };
}

function readAll(files: string[]): SourcedValue[] {
  return files.flatMap((file) => parseCalls(readInput(file), file === "-" ? "stdin" : file));
}

function packageVersion(): string {
  // dist/cjs holds a {"type":"commonjs"} package.json without a version; the package's own is above it.
  for (let dir = path.resolve(path.dirname(scriptPath() ?? ".")); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "package.json");
    if (existsSync(candidate)) {
      const json = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string; version?: string };
      if (json.name === "@callcapture/sdk" && json.version) return json.version;
    }
    if (path.dirname(dir) === dir) return "unknown";
  }
}

function scenarioFile(name: string): string {
  const slug = name.trim().toLowerCase().replace(/\s+/g, "-");
  if (!SCENARIOS.includes(slug))
    throw new UsageError(`Unknown scenario "${name}": use ${SCENARIOS.join(", ")}`);
  const here = path.dirname(scriptPath() ?? ".");
  const file = [
    findUp(here, `dist/scenarios/${slug}.json`),
    findUp(here, `scripts/demo-calls/${slug}.json`)
  ].find((candidate): candidate is string => !!candidate && existsSync(candidate));
  if (!file) throw new UsageError(`Scenario file ${slug}.json not found`);
  return file;
}

/** Runs the CLI; returns the exit code. Exported for tests and for embedding. */
export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: Output = { out: console.log, err: console.error }
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
        json: { type: "boolean" },
        verbose: { type: "boolean", short: "v" },
        "target-org": { type: "string", short: "o" },
        namespace: { type: "string" },
        provider: { type: "string" },
        concurrency: { type: "string" },
        failures: { type: "string" },
        unique: { type: "boolean" }
      }
    });
  } catch (error) {
    const option = /'([^']+)'/.exec((error as Error).message)?.[1];
    const code = (error as { code?: string }).code;
    io.err(
      code === "ERR_PARSE_ARGS_UNKNOWN_OPTION"
        ? `callcap: unknown option ${option} (callcap --help lists the options)`
        : `callcap: ${(error as Error).message.split(".")[0]} (callcap --help)`
    );
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out(packageVersion());
    return EXIT.ok;
  }
  const [command, ...args] = positionals;
  if (!command || !(command in HELP) || command === "main") {
    if (values.help && !command) {
      io.out(HELP.main!);
      return EXIT.ok;
    }
    io.err(command ? `callcap: unknown command ${command} (callcap --help lists the commands)` : HELP.main!);
    return EXIT.usage;
  }
  if (values.help) {
    io.out(HELP[command]!);
    return EXIT.ok;
  }
  const json = values.json ?? false;
  try {
    if (command === "send" || command === "validate" || command === "replay") {
      let sources: string[];
      if (command === "replay") {
        const dir = args[0];
        if (!dir) throw new UsageError("replay needs a directory");
        let names: string[];
        try {
          names = readdirSync(dir);
        } catch (error) {
          throw new InputError(
            `cannot read directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`
          );
        }
        sources = names
          .filter((name) => /\.(nd)?json$/.test(name))
          .sort()
          .map((name) => path.join(dir, name));
        io.err(`replaying ${sources.length} files from ${dir}`);
      } else {
        if (args.length === 0) throw new UsageError(`${command} needs a file or -`);
        sources = args;
      }
      const { calls, errors, warnings } = checkCalls(readAll(sources), values.provider);
      if (command !== "validate" || !json) for (const warning of warnings) io.err(`warning: ${warning}`);
      if (command === "validate") {
        if (json)
          io.out(
            JSON.stringify({ valid: errors.length === 0, calls: calls.length, errors, warnings }, null, 2)
          );
        else io.out(errors.length === 0 ? `${calls.length} call(s) valid` : `${errors.length} error(s)`);
        for (const error of errors) io.err(`error: ${error}`);
        return errors.length === 0 ? EXIT.ok : EXIT.invalid;
      }
      if (errors.length > 0) {
        for (const error of errors) io.err(`error: ${error}`);
        if (json) io.out(JSON.stringify({ error: { name: "ValidationError", errors } }, null, 2));
        io.err(`callcap: ${errors.length} error(s); nothing was sent`);
        return EXIT.invalid;
      }
      return await deliver(await clientFromEnvironment(values, env, io), calls, { json, ...values }, io);
    }
    if (command === "get") {
      const callId = args[0];
      if (!callId) throw new UsageError("get needs a callId");
      const result = await (await clientFromEnvironment(values, env, io)).getCall(callId);
      if (!result) {
        if (json) io.out(JSON.stringify({ result: null }, null, 2));
        io.err(`callcap: no call ${callId} in the org`);
        return EXIT.callsNeedAttention;
      }
      io.out(json ? JSON.stringify(result, null, 2) : describe(result));
      return EXIT.ok;
    }
    if (command === "simulate") {
      if (args.length === 0) throw new UsageError(`simulate needs a scenario: ${SCENARIOS.join(", ")}`);
      const call = JSON.parse(readFileSync(scenarioFile(args.join(" ")), "utf8")) as Call;
      if (values.unique) call.callId = `${call.callId}-${Date.now()}`;
      return await deliver(await clientFromEnvironment(values, env, io), [call], { json, ...values }, io);
    }
    const health = await (await clientFromEnvironment(values, env, io)).health();
    if (json) io.out(JSON.stringify(health, null, 2));
    else {
      io.out(
        `Call Capture ${health.version} (${health.namespace || "no namespace"}): ${health.ok ? "OK" : "PROBLEMS"}`
      );
      io.out(
        `settings valid: ${health.settingsValid}; failed calls: ${health.failedCount}; needs review: ${health.needsReviewCount}`
      );
      for (const permission of health.missingPermissions) io.out(`missing permission: ${permission}`);
      for (const problem of health.problems ?? [])
        io.out(`${problem.area} ${problem.code}: ${problem.message}`);
    }
    return health.ok ? EXIT.ok : EXIT.callsNeedAttention;
  } catch (error) {
    return report(error, json, io);
  }
}

function report(error: unknown, json: boolean, io: Output): number {
  const code =
    error instanceof UsageError || error instanceof InputError
      ? EXIT.usage
      : error instanceof ValidationError
        ? EXIT.invalid
        : error instanceof AuthError
          ? EXIT.auth
          : EXIT.api; // ApiError, NetworkError and anything unexpected
  if (json) {
    const details =
      error instanceof CallCaptureError
        ? {
            errorCode: error.errorCode,
            status: error.status,
            fields: error.fields,
            requestId: error.requestId
          }
        : {};
    io.out(
      JSON.stringify(
        { error: { name: (error as Error).name, message: (error as Error).message, ...details } },
        null,
        2
      )
    );
  } else {
    io.err(`callcap: ${(error as Error).message}`);
  }
  return code;
}

function scriptPath(): string | undefined {
  try {
    return process.argv[1] ? realpathSync(process.argv[1]) : undefined;
  } catch {
    return undefined;
  }
}

if (/cli\.(c|m)?js$/.test(scriptPath() ?? "")) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
