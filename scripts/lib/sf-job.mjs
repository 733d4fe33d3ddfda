// The one shared runner behind the org and packaging scripts: option parsing and --help, numbered
// steps, --dry-run (print every command, run none), running the sf CLI with visible progress,
// step-named failures that show the CLI's own error, and the org / Dev Hub login checks.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export const DEV_HUB_LOGIN = "npm run sf -- org login web --set-default-dev-hub --alias devhub";

const HEARTBEAT_MS = 15000;

/** Flags whose values are secrets: shown as <hidden> in printed commands. */
const SECRET_FLAGS = new Set(["--installation-key"]);

/** A mistake on the command line: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {}

/** A step that could not finish: printed with the step's number and title, exit code 1. */
export class StepError extends Error {}

/** Shared option: every command accepts it. */
const DRY_RUN = {
  type: "boolean",
  description: "Print the exact commands in order, run none of them, and exit 0."
};
const HELP = { type: "boolean", short: "h", description: "Show this help." };

/** Options shared by several commands, so each is described once. */
export const commonOptions = {
  targetOrg: (description) => ({ type: "string", value: "alias|username", description }),
  targetDevHub: {
    type: "string",
    value: "alias|username",
    description: "Dev Hub to use (default: the default Dev Hub set with --set-default-dev-hub)."
  }
};

/**
 * Runs one command: parses argv against the command's options, prints help, runs the plan and
 * turns errors into exit codes (0 ok, 1 a step failed, 2 a usage error).
 */
export async function runCommand(command, argv, plan) {
  let options;
  try {
    options = parseOptions(command, argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(
      `${command.name}: ${error.message}\nRun "npm run ${command.npmScript} -- --help" for the options.`
    );
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    console.log(helpText(command));
    return;
  }
  const job = new Job({ dryRun: options["dry-run"], title: command.summary });
  try {
    await plan(job, options);
    job.finish();
  } catch (error) {
    if (!(error instanceof StepError)) throw error;
    console.error(`\n✖ ${error.message}`);
    process.exitCode = 1;
  }
}

/** Parses argv strictly (unknown options and stray arguments are errors) and validates values. */
export function parseOptions(command, argv) {
  const spec = { ...command.options, "dry-run": DRY_RUN, help: HELP };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: Object.fromEntries(
        Object.entries(spec).map(([name, o]) => [
          name,
          { type: o.type, ...(o.short ? { short: o.short } : {}) }
        ])
      ),
      strict: true,
      allowPositionals: false
    });
  } catch (error) {
    throw new UsageError(error.message.replace(/\. To specify a positional argument.*$/s, "."));
  }
  const values = { ...parsed.values };
  if (values.help) return values;
  // conflicts are judged on what was typed, before defaults fill in the rest
  const conflict = command.conflicts?.(values);
  if (conflict) throw new UsageError(conflict);
  for (const [name, option] of Object.entries(spec)) {
    if (values[name] === undefined && option.default !== undefined) values[name] = option.default;
    if (option.type === "string" && values[name] !== undefined && values[name].trim() === "") {
      throw new UsageError(`--${name} needs a value.`);
    }
    if (option.required && values[name] === undefined) throw new UsageError(`--${name} is required.`);
    const problem = values[name] !== undefined && option.validate?.(values[name]);
    if (problem) throw new UsageError(`--${name} ${problem}`);
  }
  return values;
}

/** The --help text: usage, what the command does, options, prerequisites, examples. */
export function helpText(command) {
  const spec = { ...command.options, "dry-run": DRY_RUN, help: HELP };
  const flag = ([name, o]) => `--${name}${o.type === "string" ? ` <${o.value ?? "value"}>` : ""}`;
  const width = Math.max(...Object.entries(spec).map((entry) => flag(entry).length)) + 2;
  const lines = [
    command.summary,
    "",
    `Usage: npm run ${command.npmScript} -- [options]`,
    "",
    ...command.description.map((line) => `  ${line}`),
    "",
    "Options:",
    ...Object.entries(spec).map((entry) => {
      const [, o] = entry;
      const suffix = o.required ? " (required)" : o.default !== undefined ? ` (default: ${o.default})` : "";
      return `  ${flag(entry).padEnd(width)}${o.description}${suffix}`;
    }),
    "",
    `Needs: ${command.needs}`
  ];
  if (command.examples?.length) lines.push("", "Examples:", ...command.examples.map((e) => `  ${e}`));
  return lines.join("\n");
}

/** Quotes an argument the way a POSIX shell would need it, so printed commands can be pasted. */
export function shellQuote(arg) {
  const text = String(arg);
  if (/^[\w@%+=:,./-]+$/.test(text)) return text;
  if (!text.includes("'")) return `'${text}'`;
  if (!/[$`"\\!]/.test(text)) return `"${text}"`;
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** npm as run by `npm run` (its own CLI script), else the npm on the PATH. */
export function npmExecutable() {
  const npmCli = process.env.npm_execpath;
  return npmCli && /\.[cm]?js$/.test(npmCli) ? [process.execPath, npmCli] : ["npm"];
}

/** The pinned sf CLI's own folder: a package with its own lockfile, so `npm ci` for the tests skips it. */
export const SF_CLI_DIR = path.join(repoRoot, "tools", "sf-cli");
const SF_CLI_RUN = path.join(SF_CLI_DIR, "node_modules", "@salesforce", "cli", "bin", "run.js");

/**
 * Installs the pinned sf CLI from tools/sf-cli/package-lock.json on first use (about half a minute),
 * so nothing global is assumed and the offline checks never download it.
 * @returns the path of the CLI's entry script
 */
export function ensureSfCli() {
  if (!existsSync(SF_CLI_RUN)) {
    const [npm, ...npmArgs] = npmExecutable();
    console.log("   installing the pinned sf CLI (first use): npm ci --prefix tools/sf-cli");
    const install = spawnSync(npm, [...npmArgs, "ci", "--prefix", SF_CLI_DIR, "--no-audit", "--no-fund"], {
      stdio: "inherit"
    });
    if (install.status !== 0 || !existsSync(SF_CLI_RUN)) {
      throw new Error(`could not install the sf CLI (npm ci --prefix tools/sf-cli exited ${install.status})`);
    }
  }
  return SF_CLI_RUN;
}

/** The pinned sf CLI as an executable (its bin link), for programs that run `sf` themselves. */
export function sfCliExecutable() {
  ensureSfCli();
  return path.join(SF_CLI_DIR, "node_modules", ".bin", "sf");
}

/** The sf CLI to run: CALLCAP_SF_BIN (tests point it at a fake), else the project's pinned CLI. */
function sfExecutable() {
  const override = process.env.CALLCAP_SF_BIN;
  if (override) return /\.[cm]?js$/.test(override) ? [process.execPath, override] : [override];
  return [process.execPath, ensureSfCli()];
}

/** Environment for the CLI: no update checks or release notes interleaved with our output. */
function sfEnvironment() {
  return {
    ...process.env,
    SF_SKIP_NEW_VERSION_CHECK: "true",
    SF_HIDE_RELEASE_NOTES: "true",
    SF_DISABLE_TELEMETRY: process.env.SF_DISABLE_TELEMETRY ?? "true"
  };
}

function formatDuration(ms) {
  const seconds = Math.round(ms / 1000);
  return seconds < 60
    ? `${seconds}s`
    : `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, "0")}s`;
}

/** The sf CLI's own words for a failure, from its --json error output. */
function sfErrorText(json) {
  const message = json?.message ?? json?.result?.message;
  const actions =
    Array.isArray(json?.actions) && json.actions.length ? `\n  ${json.actions.join("\n  ")}` : "";
  // sf's messages carry their own line breaks and tabs; indent them under ours
  const text = message && `${json.name ? `${json.name}: ` : ""}${message.trim()}${actions}`;
  return text ? text.replace(/\s*\n\s*/g, "\n    ") : undefined;
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * One run of a command: numbered steps, each printing the commands it runs. In a dry run the
 * commands are printed and not run; values that only a real run can know come back as <labels>.
 */
export class Job {
  constructor({ dryRun, title }) {
    this.dryRun = Boolean(dryRun);
    this.stepNumber = 0;
    this.stepTitle = undefined;
    /** Optional steps that failed: { message, byHand } */
    this.failures = [];
    console.log(`${title}${this.dryRun ? " — dry run: these commands would run, in this order" : ""}\n`);
  }

  /** Runs fn as the next numbered step; any failure inside names this step. */
  async step(title, fn) {
    this.stepNumber += 1;
    this.stepTitle = title;
    console.log(`${this.stepNumber}. ${title}`);
    const started = Date.now();
    await fn();
    if (!this.dryRun) console.log(`   done in ${formatDuration(Date.now() - started)}`);
    console.log("");
  }

  /**
   * Runs fn as the next numbered step, like step(), but a failure does not end the command: it is kept, with the
   * commands that finish the step by hand, and the command goes on with the steps that do not need this one.
   * finish() then lists every failed step and exits 1. For steps the rest does not depend on (setup's companion
   * permission sets, record pages, assignments, demo data).
   * @param {string} title
   * @param {() => Promise<void>} fn
   * @param {string[]} byHand commands that do the step by hand
   * @returns {Promise<boolean>} true when the step succeeded
   */
  async optionalStep(title, fn, byHand) {
    try {
      await this.step(title, fn);
      return true;
    } catch (error) {
      if (!(error instanceof StepError)) throw error;
      console.error(`   ✖ ${error.message}\n   Going on with the next steps.\n`);
      this.failures.push({ message: error.message, byHand });
      return false;
    }
  }

  /** A step that does not apply to this run, still numbered so the plan reads the same. */
  skip(title, reason) {
    this.stepNumber += 1;
    console.log(`${this.stepNumber}. ${title} — skipped: ${reason}\n`);
  }

  note(text) {
    console.log(`   ${text}`);
  }

  /** Fails the current step with a message (and exit code 1). */
  fail(message) {
    throw new StepError(`Step ${this.stepNumber} (${this.stepTitle}) failed: ${message}`);
  }

  /**
   * Runs `sf <args>` with its output on the terminal (the CLI shows its own progress).
   * Resolves with the exit code; codes not in okCodes fail the step.
   */
  async sf(args, { okCodes = [0], heartbeat = false } = {}) {
    const exitCode = await this.#run("sf", sfExecutable, args, { capture: false, heartbeat });
    if (exitCode !== undefined && !okCodes.includes(exitCode)) {
      this.fail(`sf ${args.slice(0, 3).join(" ")} exited with code ${exitCode} (its error is above).`);
    }
    return exitCode;
  }

  /**
   * Runs `sf <args> --json` and resolves with its `result`. In a dry run resolves undefined.
   * A failure shows the CLI's own error message and fails the step.
   */
  async sfJson(args) {
    const fullArgs = [...args, "--json"];
    const output = await this.#run("sf", sfExecutable, fullArgs, { capture: true, heartbeat: true });
    if (output === undefined) return undefined;
    const json = parseJson(output.stdout);
    if (output.exitCode !== 0 || json?.status !== 0) {
      const why = sfErrorText(json) ?? (output.stderr.trim() || output.stdout.trim() || "no output");
      this.fail(`sf ${args.slice(0, 3).join(" ")} exited with code ${output.exitCode}:\n  ${why}`);
    }
    return json.result;
  }

  /** Like sfJson, but a failure resolves to the CLI's error JSON instead of failing the step. */
  async sfJsonOrError(args, { heartbeat = false } = {}) {
    const output = await this.#run("sf", sfExecutable, [...args, "--json"], { capture: true, heartbeat });
    if (output === undefined) return undefined;
    const json = parseJson(output.stdout);
    return output.exitCode === 0 && json?.status === 0
      ? { result: json.result }
      : { error: sfErrorText(json) ?? (output.stderr.trim() || "no output") };
  }

  /** Runs another program (npm, node) with its output on the terminal. */
  async exec(display, argv) {
    const exitCode = await this.#run(display, argv, [], { capture: false, heartbeat: false });
    if (exitCode !== undefined && exitCode !== 0) {
      this.fail(`${display} exited with code ${exitCode} (its error is above).`);
    }
  }

  /**
   * Runs another program and resolves with its captured stdout; a failure shows its stderr.
   * env adds variables for this program only.
   */
  async execCapture(display, argv, env = {}) {
    const output = await this.#run(display, argv, [], { capture: true, heartbeat: true, env });
    if (output === undefined) return undefined;
    if (output.exitCode !== 0) {
      const why = output.stderr.trim() || output.stdout.trim() || "no output";
      this.fail(`${display} exited with code ${output.exitCode}:\n  ${why.replaceAll("\n", "\n  ")}`);
    }
    return output.stdout;
  }

  /** In a dry run, a readable stand-in for a value only a real run knows; else the value itself. */
  known(value, label) {
    if (this.dryRun) return `<${label}>`;
    if (value === undefined || value === null || value === "") this.fail(`the CLI did not return ${label}.`);
    return value;
  }

  finish() {
    if (this.failures.length) {
      console.error(
        `\n✖ Finished, but ${this.failures.length} step(s) failed. What failed and how to finish by hand:`
      );
      for (const { message, byHand } of this.failures) {
        console.error(`  - ${message.split("\n")[0]}`);
        for (const command of byHand) console.error(`      ${command}`);
      }
      process.exitCode = 1;
      return;
    }
    console.log(this.dryRun ? "Dry run: nothing was run." : "Done.");
  }

  #run(display, executable, args, { capture, heartbeat, env = {} }) {
    const shown =
      display === "sf"
        ? ["sf", ...args.map((arg, i) => (SECRET_FLAGS.has(args[i - 1]) ? "<hidden>" : shellQuote(arg)))]
        : [display];
    console.log(`   $ ${shown.join(" ")}`);
    if (this.dryRun) return Promise.resolve(undefined);
    const [program, ...programArgs] = typeof executable === "function" ? executable() : executable;
    const started = Date.now();
    const ticker = heartbeat
      ? setInterval(() => {
          console.log(`   … still running (${formatDuration(Date.now() - started)})`);
        }, HEARTBEAT_MS)
      : undefined;
    return new Promise((resolve) => {
      const child = spawn(program, [...programArgs, ...args], {
        cwd: repoRoot,
        env: { ...sfEnvironment(), ...env },
        stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit"
      });
      let stdout = "";
      let stderr = "";
      child.stdout?.on("data", (chunk) => (stdout += chunk));
      child.stderr?.on("data", (chunk) => (stderr += chunk));
      child.on("error", (error) => {
        clearInterval(ticker);
        stderr += error.message;
        resolve(capture ? { exitCode: 127, stdout, stderr } : 127);
      });
      child.on("close", (code) => {
        clearInterval(ticker);
        resolve(capture ? { exitCode: code ?? 1, stdout, stderr } : (code ?? 1));
      });
    });
  }
}

/** The command that logs in to an org under an alias (the org's own name when given). */
const orgLogin = (targetOrg) => `npm run sf -- org login web --alias ${targetOrg ?? "<alias>"}`;

/**
 * Whether `sf org login web` can open a browser here: not over SSH, not on a Linux machine without a display
 * (CALLCAP_BROWSER=0 or 1 overrides the guess).
 */
export function browserCanOpen(env = process.env, platform = process.platform) {
  if (env.CALLCAP_BROWSER === "0" || env.CALLCAP_BROWSER === "1") return env.CALLCAP_BROWSER === "1";
  if (env.SSH_CONNECTION || env.SSH_TTY) return false;
  return platform !== "linux" || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * What to run to log in: the browser login, and where no browser can open the two logins that need none here: an
 * auth URL saved from a machine that has a browser (`sf org login sfdx-url`), and the JWT bearer flow with your own
 * External Client App or connected app holding your certificate (`sf org login jwt`). Not the device flow: since 28
 * August 2025 Salesforce blocks it for the sf CLI's default connected app (the sf CLI team's announcement
 * "Restricted usage of the Salesforce CLI connected app"); it works only with an app of your own (--client-id).
 * @param {string} webLogin the `npm run sf -- org login web …` command
 */
export function loginInstructions(webLogin) {
  const flags = webLogin.replace(/^npm run sf -- org login web/, "");
  const lines = [`Log in first: ${webLogin}`];
  if (!browserCanOpen()) {
    lines.push(
      "No browser can open here. Log in on a machine with a browser, print the org's auth URL there",
      "(sf org display --target-org <alias> --verbose --json: sfdxAuthUrl; keep it as secret as a password),",
      "save it in a file here and run:",
      `  npm run sf -- org login sfdx-url --sfdx-url-file <file>${flags}`,
      "or log in with a JWT (your own External Client App holding your certificate):",
      `  npm run sf -- org login jwt --client-id <consumer key> --jwt-key-file <server.key> --username <username>${flags}`
    );
  }
  return lines.join("\n  ");
}

/**
 * Checks that an org is authorised (the named one, or the default org when none is named) and
 * resolves with `sf org display` for it. Stops the job with the login command (orgLogin unless told
 * otherwise) when it is not, or when its connection or scratch org status is not usable (unless anyStatus).
 */
export async function requireOrg(
  job,
  targetOrg,
  loginHint = orgLogin(targetOrg),
  { anyStatus = false } = {}
) {
  const args = ["org", "display", ...(targetOrg ? ["--target-org", targetOrg] : [])];
  const outcome = await job.sfJsonOrError(args);
  if (outcome === undefined) return { instanceUrl: "<instance URL>", username: "<username>" };
  const who = targetOrg ? `the org "${targetOrg}"` : "a default org";
  if (outcome.error) {
    job.fail(
      `no authorised org: sf cannot find ${who}.\n  ${outcome.error}\n  ${loginInstructions(loginHint)}`
    );
  }
  const org = outcome.result;
  const status = org.connectedStatus ?? org.status;
  if (!anyStatus && status && !["Connected", "Active"].includes(status)) {
    job.fail(`${who} (${org.username}) is not usable: ${status}.\n  Log in again: ${loginHint}`);
  }
  return org;
}

/**
 * Checks that a Dev Hub is authorised (the named one, or the default Dev Hub) with `sf org list`.
 * Stops the job with the login command when there is none.
 */
export async function requireDevHub(job, targetDevHub) {
  const outcome = await job.sfJsonOrError(["org", "list"]);
  if (outcome === undefined) return;
  if (outcome.error) job.fail(`sf could not list the authorised orgs.\n  ${outcome.error}`);
  const hubs = outcome.result?.devHubs ?? [];
  const hub = targetDevHub
    ? hubs.find((h) => h.alias === targetDevHub || h.username === targetDevHub)
    : hubs.find((h) => h.isDefaultDevHubUsername);
  if (!hub) {
    const which = targetDevHub ? `no authorised Dev Hub named "${targetDevHub}"` : "no default Dev Hub";
    const known = hubs.length
      ? ` (authorised Dev Hubs: ${hubs.map((h) => h.alias ?? h.username).join(", ")})`
      : "";
    job.fail(
      `${which}${known}.\n  ${loginInstructions(DEV_HUB_LOGIN).replace("Log in first", "Log in to your Dev Hub first")}`
    );
  }
  if (hub.connectedStatus && hub.connectedStatus !== "Connected") {
    job.fail(
      `the Dev Hub ${hub.username} is not connected: ${hub.connectedStatus}.\n  Log in again: ${DEV_HUB_LOGIN}`
    );
  }
  job.note(`Dev Hub: ${hub.username}${hub.alias ? ` (${hub.alias})` : ""}`);
}

/** Deploys the package's source; the one deploy that setup and `npm run deploy` share. */
export async function deployForceApp(job, targetOrg) {
  await job.sf(
    [
      "project",
      "deploy",
      "start",
      "--source-dir",
      "force-app",
      ...(targetOrg ? ["--target-org", targetOrg] : []),
      "--wait",
      "30"
    ],
    { heartbeat: false }
  );
}

/** The companion metadata: standard-object permissions and org-default record pages, outside the package. */
export const COMPANION = {
  permissions: "companion/permissions",
  recordPages: "companion/record-pages",
  adminPermissionSet: "Call_Capture_Admin_Standard",
  integrationPermissionSet: "Call_Capture_Integration_Standard",
  userPermissionSet: "Call_Capture_User_Standard"
};

/** The companion permission sets, each deployed on its own so one that fails names itself and the others land. */
export const COMPANION_PERMISSION_SETS = [
  COMPANION.adminPermissionSet,
  COMPANION.integrationPermissionSet,
  COMPANION.userPermissionSet
];

/** The deploy of one companion permission set (its own file: `--source-dir` takes a file too). */
export const companionPermissionSetDeploy = (name, targetOrg) => [
  "project",
  "deploy",
  "start",
  "--source-dir",
  `${COMPANION.permissions}/permissionsets/${name}.permissionset-meta.xml`,
  ...(targetOrg ? ["--target-org", targetOrg] : []),
  "--wait",
  "10"
];

/**
 * The deploy of the View overrides that make the Call Capture record pages the org defaults (they name the pages
 * without a namespace prefix, so only for orgs where force-app was deployed from source).
 */
export const recordPagesDeploy = (targetOrg) => [
  "project",
  "deploy",
  "start",
  "--source-dir",
  COMPANION.recordPages,
  ...(targetOrg ? ["--target-org", targetOrg] : []),
  "--wait",
  "10"
];

/**
 * Deploys the companion permission sets, each as an optional step of its own, and with recordPages the record
 * pages as one more: a permission set the org refuses names itself and the others still land. Shared by setup and
 * `npm run deploy:companion`.
 * @returns {Promise<string[]>} the permission sets that were deployed
 */
export async function deployCompanion(job, targetOrg, { recordPages }) {
  const deployed = [];
  for (const name of COMPANION_PERMISSION_SETS) {
    const args = companionPermissionSetDeploy(name, targetOrg);
    const ok = await job.optionalStep(`Deploy the companion permission set ${name}`, () => job.sf(args), [
      `npm run sf -- ${args.join(" ")}`,
      "(or create it in Setup with the grants docs/permissions.md lists)"
    ]);
    if (ok) deployed.push(name);
  }
  if (recordPages) {
    const args = recordPagesDeploy(targetOrg);
    await job.optionalStep("Activate the call panel record pages", () => job.sf(args), [
      `npm run sf -- ${args.join(" ")}`,
      "(or activate each Call Capture record page in Lightning App Builder: docs/install.md)"
    ]);
  }
  return deployed;
}

/** sfdx-project.json; CALLCAP_SFDX_PROJECT points the packaging scripts' tests at a copy. */
export function sfdxProjectPath() {
  return process.env.CALLCAP_SFDX_PROJECT ?? path.join(repoRoot, "sfdx-project.json");
}

export function readSfdxProject() {
  return JSON.parse(readFileSync(sfdxProjectPath(), "utf8"));
}

/** Writes sfdx-project.json as Prettier formats it (two-space JSON, final newline). */
export function writeSfdxProject(project) {
  writeFileSync(sfdxProjectPath(), `${JSON.stringify(project, null, 2)}\n`);
}

/** Reads a JSON file of the project. */
export function readProjectJson(relativePath) {
  return JSON.parse(readFileSync(path.join(repoRoot, relativePath), "utf8"));
}

export function projectFileExists(relativePath) {
  return existsSync(path.resolve(repoRoot, relativePath));
}

/** Validators for option values. */
export const validators = {
  integerBetween: (min, max) => (value) =>
    /^\d+$/.test(value) && Number(value) >= min && Number(value) <= max
      ? undefined
      : `must be a whole number from ${min} to ${max} (got "${value}").`,
  packageVersionId: (value) =>
    /^04t[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/.test(value)
      ? undefined
      : `must be a package version id 04t… (got "${value}").`
};
