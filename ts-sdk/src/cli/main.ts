#!/usr/bin/env node
// callcap: send calls, check health, simulate the seed's scenarios and replay saved payloads from a shell.
// This file reads the command line and runs the command; cli/input.ts reads files, cli/calls.ts makes
// calls of them, cli/output.ts prints, cli/sf.ts finds credentials through the sf CLI.
import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { accessToken } from "../auth.js";
import type { CallCaptureClient } from "../client.js";
import { clientFromEnvironment, ENVIRONMENT_VARIABLES as ENV } from "../environment.js";
import { AuthError, CallCaptureError, ConfigurationError, ValidationError } from "../errors.js";
import type { RetryEvent } from "../request.js";
import type { Call, CallResult } from "../types.js";
import { checkCalls, providerOption } from "./calls.js";
import { InputError, parseCalls, readInput } from "./input.js";
import {
  FAILURES_FILE,
  Printer,
  progressLine,
  totals,
  totalsLine,
  writeFailures,
  type Output
} from "./output.js";
import { lookupCommand, MAX_REPEAT, repeatOption } from "./lookup.js";
import { findSf, sfOrg } from "./sf.js";
import { didYouMean, UsageError } from "./usage.js";
import {
  namespaceOption,
  siteUrlOption,
  vendorOption,
  VENDORS,
  webhookSetup,
  webhookUrlCommand
} from "./webhook-url.js";

/** Exit codes (documented in ts-sdk/README.md and `callcap --help`). */
export const EXIT = { ok: 0, callsNeedAttention: 1, usage: 2, invalid: 3, auth: 4, api: 5 } as const;
export { parseCalls };

const SCENARIOS = ["emergency", "quote-request", "existing-customer", "missed-call", "budget-range"];
const COMMANDS = ["send", "validate", "get", "health", "simulate", "replay", "lookup", "webhook-url"];

/**
 * Error codes of a failed result that mean authentication failed (exit 4): a token rejected by the org, the
 * token endpoint's error codes (RFC 6749 §5.2), and an unusable token response.
 */
const AUTH_ERROR_CODES = new Set<string>([
  "INVALID_SESSION_ID",
  "invalid_request",
  "invalid_client",
  "invalid_client_id",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
  "invalid_token_response"
]);

/** Codes of a failed result that mean the call never reached the org's processing: not delivered (exit 5). */
const NOT_DELIVERED_CODES = new Set<string>(["NETWORK_ERROR", "CIRCUIT_OPEN", "REDIRECTED"]);

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
  json: { type: "boolean" },
  verbose: { type: "boolean", short: "v" },
  "target-org": { type: "string", short: "o" },
  namespace: { type: "string" },
  provider: { type: "string" },
  concurrency: { type: "string" },
  failures: { type: "string" },
  unique: { type: "boolean" },
  wait: { type: "boolean" },
  timeout: { type: "string" },
  repeat: { type: "string" },
  vendor: { type: "string" },
  "site-url": { type: "string" }
} as const;

const HELP: Record<string, string> = {
  main: `callcap — send phone calls to Call Capture in Salesforce

Usage: callcap <command> [options]

Commands:
  send <file|-> [file…]   send calls from files or stdin: a JSON call, a JSON array, {"calls":[…]}, NDJSON,
                          or form bodies (Twilio's callbacks, one a line)
  validate <file|-> […]   check calls offline (nothing is sent): errors, and what would be dropped or truncated
  get <callId> [--wait]   show the stored result of a call; --wait polls until a queued call is processed
  health                  show the org's Call Capture health
  simulate <scenario>     send one of the seed's demo calls: ${SCENARIOS.join(", ")}
  replay <dir>            send every .json / .ndjson / .txt file in a directory (e.g. saved webhooks)
  lookup <phone>          ask the org who is calling (POST /v1/lookup); --repeat N times N more lookups
  webhook-url --vendor v  the URL and settings for a vendor's webhooks straight into the org (${VENDORS.join(", ")})

Org credentials (first that applies):
  --target-org <alias>                 an sf CLI org alias, run with the project's pinned sf (tools/sf-cli)
                                       or sf on PATH (CALLCAP_SF_BIN names another)
  ${ENV.instanceUrl} (always, https) with one of:
    ${ENV.accessToken}                 a token obtained elsewhere
    ${ENV.clientId} + ${ENV.clientSecret}        client credentials flow
    ${ENV.clientId} + ${ENV.username} + ${ENV.privateKeyFile}   JWT bearer flow
  ${ENV.loginUrl}                      where tokens are requested, when not the instance URL
  ${ENV.namespace}                     '' when the package is deployed unmanaged

Common options:
  --json            machine-readable output on stdout
  --verbose         show retries as they happen
  --namespace <ns>  package namespace (default callcap; none when deployed unmanaged)
  --version         print the version
  -h, --help        help for a command

Exit codes: 0 every call delivered (processed or queued) · 1 delivered, but the org reports some calls
  failed, need review, or are still queued after --wait · 2 usage error or unreadable input · 3 invalid call
  (nothing sent) · 4 authentication failed · 5 API or network error (calls not delivered are in the failures file)`,
  send: `Usage: callcap send <file|-> [file…] [--provider vapi|retell|twilio] [--concurrency n]
                    [--failures <file>] [--wait [--timeout <s>]] [--target-org <alias>] [--json] [--verbose]

Sends the calls in each file ('-' = stdin): a JSON call object, a JSON array of calls, the API's
{"calls":[…]} body, NDJSON (one call per line), or form bodies as Twilio posts them (one per line).
Vendor webhooks are mapped by their adapter: --provider names it, or it is recognised from the payload's
shape. Twilio callbacks of one CallSid, and successive updates of one callId, are merged and sent once.
Every call is checked first; if one has a wrong required field, nothing is sent (exit 3). Many calls go in
batches of up to 200; progress (delivered, queued, failed) and a totals line go to stderr. A refused token,
a host that does not exist or 5 network failures in a row stop the run with one explanation. Calls not
delivered are written to --failures (default ${FAILURES_FILE}, mode 0600) as NDJSON:
\`callcap send ${FAILURES_FILE}\` resends them. --wait polls each call answered queued until it is
processed (at most --timeout seconds, default 120).`,
  validate: `Usage: callcap validate <file|-> [file…] [--provider vapi|retell|twilio] [--json]

Checks calls offline, like send does before sending: prints each error once with its file and place,
and each optional field that would be dropped or truncated. Exit 0 when every call can be sent, 3 when
one cannot, 2 when a file cannot be read or is not JSON or form bodies.`,
  get: `Usage: callcap get <callId> [--wait [--timeout <s>]] [--target-org <alias>] [--json]

Prints the stored result of a call: status, outcome, record ids, warnings and errors. With --wait, a call
still queued (stored, processed asynchronously by the org) is asked for again with growing pauses until it
is processed or --timeout seconds (default 120) pass. Exit 1 when the org has no call with this id, or it is
still queued.`,
  health: `Usage: callcap health [--target-org <alias>] [--json]

Prints the org's version, namespace, configuration validity, missing permissions and counts of failed
and needs-review calls. Exit 1 when the org reports a problem.`,
  simulate: `Usage: callcap simulate <scenario> [--unique] [--target-org <alias>] [--json]

Sends one of the seed's demo calls: ${SCENARIOS.join(", ")} ('quote request' and
'quote-request' both work). --unique appends a timestamp to the callId so the call is new each time;
without it a second run shows idempotency (status duplicate or updated).`,
  replay: `Usage: callcap replay <dir> [--provider vapi|retell|twilio] [--target-org <alias>] [--json]

Sends every .json, .ndjson and .txt (form bodies) file in <dir>, in name order, as one bulk send: calls
keep their callIds, so replaying is safe.`,
  lookup: `Usage: callcap lookup <phone> [--repeat N] [--target-org <alias>] [--json]

Asks the org who is calling from <phone> (POST /v1/lookup, with the integration user's access, as a sender
relaying its voice agent's lookups would) and prints the answer: known or not, first name, open lead,
opportunity or case, last call, callback owed, owner's first name, and the one-line summary. Any number
format works; an unknown or unusable number answers "unknown caller", never an error.

The first request's round trip is printed on its own (it also gets a token and opens the connection).
--repeat N then makes N more lookups, one at a time (at most ${MAX_REPEAT}; each is an API request), and
prints the p50 and p95 of their round trips (nearest rank) with min and max. This is the only way to
measure the lookup's end-to-end latency: run it against a real org, from where your relay runs. A
vendor's signed lookup through the Site takes its own network path to the same Apex.`,
  "webhook-url": `Usage: callcap webhook-url --vendor ${VENDORS.join("|")} [--site-url <https://…>] [--namespace callcap|none] [--json]

Prints the URL to give the vendor for its webhooks to reach the org straight through a Salesforce Site
(no server of your own), the settings to make in the vendor's console, and where the signing secret goes
in the admin app. --site-url is the Site's own https URL (Setup → Sites, or the Webhooks card of the Call
Capture Admin app), e.g. https://acme.my.salesforce-sites.com/calls; without it the URL has a placeholder.
--namespace none when the package is deployed unmanaged (default: CALLCAP_NAMESPACE, else callcap).
Offline: nothing is sent. The whole setup: docs/direct-webhooks.md.`
};

type Values = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]["type"] extends "boolean" ? boolean : string;
};

function scriptPath(): string | undefined {
  try {
    return process.argv[1] ? realpathSync(process.argv[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** This SDK's folder: the first one above the running script with the package's package.json. */
function packageRoot(): string | undefined {
  for (let dir = path.resolve(path.dirname(scriptPath() ?? ".")); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "package.json");
    if (existsSync(candidate)) {
      const json = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string };
      if (json.name === "@callcapture/sdk") return dir;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function packageVersion(): string {
  const root = packageRoot();
  if (!root) return "unknown";
  return (
    (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version?: string }).version ??
    "unknown"
  );
}

function scenarioFile(name: string): string {
  const slug = name.trim().toLowerCase().replace(/\s+/g, "-");
  if (!SCENARIOS.includes(slug))
    throw new UsageError(
      `Unknown scenario "${name}"${didYouMean(slug, SCENARIOS)} (use ${SCENARIOS.join(", ")})`
    );
  const root = packageRoot();
  const file = [
    root && path.join(root, `dist/scenarios/${slug}.json`),
    root && path.join(root, `../scripts/demo-calls/${slug}.json`)
  ].find((candidate): candidate is string => !!candidate && existsSync(candidate));
  if (!file) throw new UsageError(`Scenario file ${slug}.json not found`);
  return file;
}

/** The client for the credentials given: an sf org alias, or the CALLCAP_* environment variables. */
async function client(values: Values, env: NodeJS.ProcessEnv, io: Output): Promise<CallCaptureClient> {
  const onRetry = values.verbose
    ? {
        onRetry: ({ attempt, maxAttempts, delayMs, reason, calls }: RetryEvent) =>
          io.err(
            `retry: attempt ${attempt} of ${maxAttempts} for ${calls} call(s) in ${delayMs} ms (${reason})`
          )
      }
    : {};
  const namespace = values.namespace === undefined ? {} : { namespace: namespaceOption(values.namespace) };
  if (values["target-org"]) {
    const sf = findSf(env, packageRoot());
    io.err(`using sf: ${sf}`);
    const org = await sfOrg(values["target-org"], sf, env);
    return clientFromEnvironment(env, {
      instanceUrl: org.instanceUrl,
      auth: accessToken(org.accessToken),
      ...namespace,
      ...onRetry
    });
  }
  return clientFromEnvironment(env, { ...namespace, ...onRetry });
}

/** Seconds from --timeout as the wait options of the SDK. */
function waitFor(values: Values): { timeoutMs: number } {
  const seconds = values.timeout === undefined ? 120 : Number(values.timeout);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new UsageError("--timeout must be a number of seconds above 0");
  return { timeoutMs: seconds * 1000 };
}

/** Whether a failed result means "not delivered" (retryable, or the SDK could not reach the org). */
const notDelivered = (result: CallResult) =>
  result.status === "failed" &&
  (result.errors ?? []).some((error) => error.retryable === true || NOT_DELIVERED_CODES.has(error.errorCode));

async function deliver(
  sender: CallCaptureClient,
  calls: Call[],
  values: Values,
  printer: Printer
): Promise<number> {
  const { io } = printer;
  if (calls.length === 0) throw new UsageError("No calls found");
  const failuresFile = values.failures ?? FAILURES_FILE;
  const wait = values.wait ? waitFor(values) : undefined;
  let requests = 0;
  let stopped: CallCaptureError | undefined;
  const failedCalls: unknown[] = [];
  let results: readonly CallResult[];
  if (calls.length === 1) {
    try {
      results = [await sender.capture(calls[0]!, wait ? { waitForOutcome: wait } : {})];
    } catch (error) {
      // Not delivered (API or network error, refused token): the call goes to the failures file too.
      writeFailures([calls[0]], failuresFile, io);
      throw error;
    }
    requests = 1;
    if (results[0]!.status === "failed") failedCalls.push(calls[0]);
  } else {
    const concurrency = values.concurrency === undefined ? 1 : Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
      throw new UsageError("--concurrency must be a whole number from 1 to 16");
    results = await sender.captureMany(calls, {
      concurrency,
      ...(wait ? { waitForOutcomes: wait } : {}),
      onProgress: (progress) => {
        requests = progress.requests;
        io.err(progressLine(progress));
      },
      onFailure: (call) => failedCalls.push(call),
      onStopped: (error) => {
        stopped = error;
        printer.stopped(error);
      }
    });
  }
  const counts = totals(results, requests);
  if (failedCalls.length > 0) writeFailures(failedCalls, failuresFile, io);
  if (values.json) {
    const stop = stopped && {
      name: stopped.name,
      message: stopped.message,
      errorCode: stopped.errorCode,
      ...(stopped instanceof AuthError ? { checklist: stopped.checklist } : {})
    };
    io.out(JSON.stringify({ results, totals: counts, ...(stop ? { stopped: stop } : {}) }, null, 2));
  } else printer.results(results);
  io.err(totalsLine(counts));
  if (stopped) return stopped instanceof AuthError ? EXIT.auth : EXIT.api;
  if (results.some((result) => result.errors?.some((error) => AUTH_ERROR_CODES.has(error.errorCode))))
    return EXIT.auth;
  if (results.some(notDelivered)) return EXIT.api;
  return results.some(
    (result) => ["failed", "needs_review"].includes(result.status) || (wait && result.status === "queued")
  )
    ? EXIT.callsNeedAttention
    : EXIT.ok;
}

/** The files a command reads: its arguments, or every input file of the directory for replay. */
function sourcesOf(command: string, args: string[], io: Output): string[] {
  if (command !== "replay") {
    if (args.length === 0) throw new UsageError(`${command} needs a file or -`);
    return args;
  }
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
  const sources = names
    .filter((name) => /\.(nd)?json$|\.txt$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
  io.err(`replaying ${sources.length} files from ${dir}`);
  return sources;
}

/** Runs the CLI; returns the exit code. Exported for tests and for embedding. */
export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: Output = { out: console.log, err: console.error }
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    const option = /'([^']+)'/.exec((error as Error).message)?.[1];
    const code = (error as { code?: string }).code;
    const known = Object.keys(OPTIONS).map((name) => `--${name}`);
    io.err(
      code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option
        ? `callcap: unknown option ${option}${didYouMean(option, known)} (callcap --help lists the options)`
        : `callcap: ${(error as Error).message.split(".")[0]} (callcap --help)`
    );
    return EXIT.usage;
  }
  const values = parsed.values as Values;
  if (values.version) {
    io.out(packageVersion());
    return EXIT.ok;
  }
  const [command, ...args] = parsed.positionals;
  if (!command || !COMMANDS.includes(command)) {
    if (values.help && !command) {
      io.out(HELP.main!);
      return EXIT.ok;
    }
    io.err(
      command
        ? `callcap: unknown command ${command}${didYouMean(command, COMMANDS)} (callcap --help lists the commands)`
        : HELP.main!
    );
    return EXIT.usage;
  }
  if (values.help) {
    io.out(HELP[command]!);
    return EXIT.ok;
  }
  const printer = new Printer(io);
  try {
    return await run(command, args, values, env, printer);
  } catch (error) {
    return report(error, values.json ?? false, printer);
  }
}

async function run(
  command: string,
  args: string[],
  values: Values,
  env: NodeJS.ProcessEnv,
  printer: Printer
): Promise<number> {
  const { io } = printer;
  const json = values.json ?? false;
  if (command === "send" || command === "validate" || command === "replay") {
    const read = sourcesOf(command, args, io).flatMap((file) =>
      parseCalls(readInput(file), file === "-" ? "stdin" : file)
    );
    const { calls, errors, warnings, notes } = checkCalls(read, providerOption(values.provider));
    for (const note of notes) io.err(`note: ${note}`);
    if (command !== "validate" || !json) for (const warning of warnings) printer.warn(warning);
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
    return await deliver(await client(values, env, io), calls, values, printer);
  }
  if (command === "get") {
    const callId = args[0];
    if (!callId) throw new UsageError("get needs a callId");
    const sender = await client(values, env, io);
    const wait = values.wait ? waitFor(values) : undefined;
    const result = wait ? await sender.waitForOutcome(callId, wait) : await sender.getCall(callId);
    if (!result) {
      if (json) io.out(JSON.stringify({ result: null }, null, 2));
      io.err(`callcap: no call ${callId} in the org`);
      return EXIT.callsNeedAttention;
    }
    if (json) io.out(JSON.stringify(result, null, 2));
    else printer.result(result);
    if (wait && result.status === "queued") {
      io.err(
        `callcap: ${callId} is still queued after ${wait.timeoutMs / 1000} s: the org has not processed it yet`
      );
      return EXIT.callsNeedAttention;
    }
    return EXIT.ok;
  }
  if (command === "webhook-url") {
    if (args.length > 0) throw new UsageError(`webhook-url takes no arguments (${args[0]}): use --vendor`);
    const vendor = vendorOption(values.vendor);
    const siteUrl = values["site-url"] === undefined ? undefined : siteUrlOption(values["site-url"]);
    const namespace = namespaceOption(values.namespace ?? env[ENV.namespace]);
    return webhookUrlCommand(webhookSetup(vendor, siteUrl, namespace), json, io);
  }
  if (command === "lookup") {
    const phone = args.join(" ");
    if (!phone.trim()) throw new UsageError("lookup needs the caller's phone number");
    const repeat = repeatOption(values.repeat);
    return await lookupCommand(await client(values, env, io), phone, repeat, json, io);
  }
  if (command === "simulate") {
    if (args.length === 0) throw new UsageError(`simulate needs a scenario: ${SCENARIOS.join(", ")}`);
    const call = JSON.parse(readFileSync(scenarioFile(args.join(" ")), "utf8")) as Call;
    if (values.unique) call.callId = `${call.callId}-${Date.now()}`;
    return await deliver(await client(values, env, io), [call], values, printer);
  }
  const health = await (await client(values, env, io)).health();
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
}

function report(error: unknown, json: boolean, printer: Printer): number {
  const code =
    error instanceof UsageError || error instanceof InputError || error instanceof ConfigurationError
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
            requestId: error.requestId,
            ...(error instanceof AuthError ? { checklist: error.checklist } : {})
          }
        : {};
    printer.io.out(
      JSON.stringify(
        { error: { name: (error as Error).name, message: (error as Error).message, ...details } },
        null,
        2
      )
    );
  } else {
    printer.io.err(`callcap: ${(error as Error).message}`);
    if (error instanceof AuthError) for (const item of error.checklist) printer.io.err(`  check: ${item}`);
  }
  return code;
}

if (/cli[\\/]main\.(c|m)?js$/.test(scriptPath() ?? "")) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
