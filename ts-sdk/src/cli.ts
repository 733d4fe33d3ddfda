#!/usr/bin/env node
// callcap: send calls, check health, simulate the seed's scenarios and replay saved payloads from a shell.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { fromRetell } from "./adapters/retell.js";
import { fromTwilio } from "./adapters/twilio.js";
import { fromVapi } from "./adapters/vapi.js";
import { accessToken, clientCredentials, jwtBearer, type AuthProvider } from "./auth.js";
import { CallCaptureClient } from "./client.js";
import { ApiError, AuthError, CallCaptureError, NetworkError, ValidationError } from "./errors.js";
import type { Call, CallResult } from "./types.js";

/** Exit codes (documented in README.md and `callcap --help`). */
export const EXIT = { ok: 0, callsNeedAttention: 1, usage: 2, invalid: 3, auth: 4, api: 5 } as const;

const SCENARIOS = ["emergency", "quote-request", "existing-customer", "missed-call", "budget-range"];
const ADAPTERS: Record<string, (payload: unknown) => Call> = {
  vapi: fromVapi,
  retell: fromRetell,
  twilio: (payload) => fromTwilio(payload as Record<string, string>)
};

const HELP: Record<string, string> = {
  main: `callcap — send phone calls to Call Capture in Salesforce

Usage: callcap <command> [options]

Commands:
  send <file|-> [file…]   send calls from JSON (one call or an array) or NDJSON files, or stdin
  health                  show the org's Call Capture health
  simulate <scenario>     send one of the seed's demo calls: ${SCENARIOS.join(", ")}
  replay <dir>            send every .json / .ndjson file in a directory (e.g. saved webhooks)

Org credentials (first that applies):
  --target-org <alias>                           an sf CLI org alias (runs \`sf org display\`)
  CALLCAP_INSTANCE_URL + CALLCAP_ACCESS_TOKEN     a token obtained elsewhere
  CALLCAP_CLIENT_ID + CALLCAP_CLIENT_SECRET       client credentials flow (CALLCAP_LOGIN_URL or
                                                  CALLCAP_INSTANCE_URL = the org's My Domain URL)
  CALLCAP_CLIENT_ID + CALLCAP_USERNAME + CALLCAP_PRIVATE_KEY_FILE   JWT bearer flow (CALLCAP_LOGIN_URL)
  CALLCAP_NAMESPACE                               '' when the package is deployed unmanaged

Common options:
  --json            machine-readable output on stdout
  --namespace <ns>  package namespace (default callcap)
  -h, --help        help for a command

Exit codes: 0 every call processed · 1 delivered, but some calls failed or need review ·
  2 usage error · 3 invalid call (nothing sent) · 4 authentication failed · 5 API or network error`,
  send: `Usage: callcap send <file|-> [file…] [--provider vapi|retell|twilio] [--target-org <alias>] [--json]

Sends the calls in each file ('-' = stdin): a JSON call object, a JSON array of calls, or NDJSON (one
call per line). Many calls go in batches of up to 200. Progress goes to stderr. With --provider, each
JSON value is a raw webhook payload of that provider and is mapped to a call first.`,
  health: `Usage: callcap health [--target-org <alias>] [--json]

Prints the org's version, namespace, configuration validity, missing permissions and counts of failed
and needs-review calls. Exit 1 when the org reports a problem.`,
  simulate: `Usage: callcap simulate <scenario> [--unique] [--target-org <alias>] [--json]

Sends one of the seed's demo calls: ${SCENARIOS.join(", ")} ('quote request' and
'quote-request' both work). --unique appends a timestamp to the callId so the call is new each time;
without it a second run shows idempotency (status duplicate or updated).`,
  replay: `Usage: callcap replay <dir> [--provider vapi|retell|twilio] [--target-org <alias>] [--json]

Sends every .json and .ndjson file in <dir>, in name order, as one captureMany: calls keep their
callIds, so replaying is safe.`
};

interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Parses a file's text: one JSON value (object or array), or NDJSON. */
export function parseCalls(text: string, source: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  try {
    const value: unknown = JSON.parse(trimmed);
    return Array.isArray(value) ? value : [value];
  } catch {
    return trimmed.split(/\r?\n/).flatMap((line, index) => {
      if (line.trim() === "") return [];
      try {
        return [JSON.parse(line) as unknown];
      } catch {
        throw new UsageError(`${source}:${index + 1} is neither JSON nor NDJSON`);
      }
    });
  }
}

class UsageError extends Error {}

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
  env: NodeJS.ProcessEnv
): Promise<{ accessToken: string; instanceUrl: string }> {
  const sf = env.CALLCAP_SF_BIN ?? findUp(process.cwd(), "node_modules/.bin/sf") ?? "sf";
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
  values: { "target-org"?: string; namespace?: string },
  env: NodeJS.ProcessEnv
): Promise<CallCaptureClient> {
  let auth: AuthProvider;
  let instanceUrl = env.CALLCAP_INSTANCE_URL;
  const loginUrl = env.CALLCAP_LOGIN_URL;
  if (values["target-org"]) {
    const org = await sfOrg(values["target-org"], env);
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
  return new CallCaptureClient({ ...(instanceUrl ? { instanceUrl } : {}), namespace, auth });
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

async function deliver(client: CallCaptureClient, calls: Call[], json: boolean, io: Output): Promise<number> {
  if (calls.length === 0) throw new UsageError("No calls found");
  const results =
    calls.length === 1
      ? [await client.capture(calls[0]!)]
      : await client.captureMany(calls, {
          onProgress: ({ done, total, requests }) =>
            io.err(`sent ${done}/${total} calls in ${requests} requests`)
        });
  if (json) io.out(JSON.stringify({ results }, null, 2));
  else for (const result of results) io.out(describe(result));
  return results.some((result) => result.status === "failed" || result.status === "needs_review")
    ? EXIT.callsNeedAttention
    : EXIT.ok;
}

function toCalls(values: unknown[], provider: string | undefined): Call[] {
  if (!provider) return values as Call[];
  const adapter = ADAPTERS[provider];
  if (!adapter) throw new UsageError(`Unknown provider ${provider}: use vapi, retell or twilio`);
  return values.map(adapter);
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
        json: { type: "boolean" },
        "target-org": { type: "string", short: "o" },
        namespace: { type: "string" },
        provider: { type: "string" },
        unique: { type: "boolean" }
      }
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${HELP.main}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (!command || !(command in HELP) || command === "main") {
    if (values.help && !command) {
      io.out(HELP.main!);
      return EXIT.ok;
    }
    io.err(command ? `Unknown command ${command}\n\n${HELP.main}` : HELP.main!);
    return EXIT.usage;
  }
  if (values.help) {
    io.out(HELP[command]!);
    return EXIT.ok;
  }
  const json = values.json ?? false;
  try {
    if (command === "send") {
      if (args.length === 0) throw new UsageError("send needs a file or -");
      const values_ = args.flatMap((file) =>
        parseCalls(file === "-" ? readFileSync(0, "utf8") : readFileSync(file, "utf8"), file)
      );
      const calls = toCalls(values_, values.provider);
      return await deliver(await clientFromEnvironment(values, env), calls, json, io);
    }
    if (command === "replay") {
      const dir = args[0];
      if (!dir) throw new UsageError("replay needs a directory");
      const files = readdirSync(dir)
        .filter((name) => /\.(nd)?json$/.test(name))
        .sort();
      const calls = toCalls(
        files.flatMap((name) => parseCalls(readFileSync(path.join(dir, name), "utf8"), name)),
        values.provider
      );
      io.err(`replaying ${calls.length} calls from ${files.length} files`);
      return await deliver(await clientFromEnvironment(values, env), calls, json, io);
    }
    if (command === "simulate") {
      if (args.length === 0) throw new UsageError(`simulate needs a scenario: ${SCENARIOS.join(", ")}`);
      const call = JSON.parse(readFileSync(scenarioFile(args.join(" ")), "utf8")) as Call;
      if (values.unique) call.callId = `${call.callId}-${Date.now()}`;
      return await deliver(await clientFromEnvironment(values, env), [call], json, io);
    }
    const health = await (await clientFromEnvironment(values, env)).health();
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
    error instanceof UsageError
      ? EXIT.usage
      : error instanceof ValidationError
        ? EXIT.invalid
        : error instanceof AuthError
          ? EXIT.auth
          : error instanceof ApiError || error instanceof NetworkError
            ? EXIT.api
            : EXIT.api;
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
    if (error instanceof ValidationError)
      for (const issue of error.issues) io.err(`  ${issue.path}: ${issue.message}`);
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
