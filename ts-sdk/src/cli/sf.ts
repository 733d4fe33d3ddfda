// Credentials from an sf CLI org alias (`--target-org`). Which sf runs is decided by the installation,
// never by the working directory: CALLCAP_SF_BIN when set, the project's pinned sf (tools/sf-cli beside
// this SDK's folder in the repository), or `sf` in an absolute PATH directory. A `node_modules/.bin/sf` in
// some parent of the current folder is never run: whoever controls that folder would choose the program
// that receives the org's token.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { AuthError } from "../errors.js";
import { UsageError } from "./usage.js";

/** `sf` in a PATH directory, skipping relative entries (`.`, `node_modules/.bin`): those follow the working directory. */
function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The sf CLI to use, or a UsageError saying how to get one. `packageRoot` is this SDK's folder (the one
 * with its package.json); in the repository its parent holds tools/sf-cli.
 */
export function findSf(env: NodeJS.ProcessEnv, packageRoot: string | undefined): string {
  const pinnedDir = packageRoot ? path.join(path.dirname(packageRoot), "tools/sf-cli") : undefined;
  const pinned = pinnedDir ? path.join(pinnedDir, "node_modules/.bin/sf") : undefined;
  const found =
    env.CALLCAP_SF_BIN ??
    (pinned && existsSync(path.join(pinnedDir!, "package.json")) && existsSync(pinned)
      ? pinned
      : undefined) ??
    onPath("sf", env);
  if (found) return found;
  throw new UsageError(
    pinnedDir && existsSync(path.join(pinnedDir, "package.json"))
      ? `No sf CLI installed: run \`npm run sf -- --version\` in ${path.dirname(pinnedDir)} to install the project's pinned sf, or install @salesforce/cli`
      : "No sf CLI found on PATH: install @salesforce/cli, or use the CALLCAP_* environment variables (callcap --help)"
  );
}

/** Runs the sf CLI with --json and returns its `result`, or throws an AuthError with sf's own message. */
async function runSf<T>(sf: string, args: string[], env: NodeJS.ProcessEnv): Promise<T> {
  try {
    const { stdout } = await promisify(execFile)(sf, [...args, "--json"], { env, maxBuffer: 10_000_000 });
    return (JSON.parse(stdout) as { result: T }).result;
  } catch (error) {
    const output = (error as { stdout?: string }).stdout;
    let message: string | undefined;
    try {
      message = output ? (JSON.parse(output) as { message?: string }).message : undefined;
    } catch {
      // Not sf's JSON: the process's own error says more.
    }
    throw new AuthError(`sf ${args.join(" ")} failed: ${message ?? (error as Error).message}`);
  }
}

/**
 * The token and instance URL of an sf CLI org alias. Recent sf versions print "[REDACTED]" instead of the
 * token in `org display`, so the token then comes from `org auth show-access-token` (which does not
 * prompt in --json mode).
 */
export async function sfOrg(
  alias: string,
  sf: string,
  env: NodeJS.ProcessEnv
): Promise<{ accessToken: string; instanceUrl: string }> {
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
