// Runs the org and packaging scripts as a user would, with the fake sf CLI in place of the real one.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

// source-deploy-retrieve (these tests and the kit's zip) logs through @salesforce/core, which by default starts a
// worker thread per process to append to ~/.sf/sf-<date>.log: a log outside the repository that no test reads, and
// about 0.15 s of CPU for each process that converts metadata. Its switch (SF_DISABLE_LOG_FILE, one of the sf CLI's
// environment variables) keeps the log in memory; the scripts' children inherit it.
process.env.SF_DISABLE_LOG_FILE = "true";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const fakeSf = path.join(repoRoot, "test", "scripts", "fixtures", "fake-sf");

export const scripts = {
  setup: "scripts/org/setup.mjs",
  deploy: "scripts/org/deploy.mjs",
  "deploy:companion": "scripts/org/deploy-companion.mjs",
  "test:apex": "scripts/org/test-apex.mjs",
  "org:delete": "scripts/org/delete.mjs",
  "package:version": "scripts/package/version.mjs",
  "package:promote": "scripts/package/promote.mjs",
  "package:install": "scripts/package/install.mjs",
  "release:kit": "scripts/package/release-kit.mjs"
};

export function tempDir(prefix) {
  return mkdtempSync(path.join(os.tmpdir(), `callcap-${prefix}-`));
}

/**
 * Runs one script; resolves with its exit code, output and the sf calls it made (argument arrays).
 * @param {string} name npm script name, e.g. 'setup'
 * @param {string[]} args
 * @param {{ state?: string, env?: Record<string,string> }} [options]
 */
export function runScript(name, args, { state = "no-org", env = {} } = {}) {
  const log = path.join(tempDir("sf-log"), "calls.jsonl");
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, scripts[name]), ...args], {
      cwd: repoRoot,
      env: { ...process.env, CALLCAP_SF_BIN: fakeSf, FAKE_SF_STATE: state, FAKE_SF_LOG: log, ...env }
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => {
      const sfCalls = existsSync(log)
        ? readFileSync(log, "utf8")
            .trim()
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line))
        : [];
      resolve({ code, stdout, stderr, output: stdout + stderr, sfCalls });
    });
  });
}

/** The `$ …` command lines a run printed, without the prompt. */
export function printedCommands(stdout) {
  return stdout
    .split("\n")
    .filter((line) => line.startsWith("   $ "))
    .map((line) => line.slice(5));
}
