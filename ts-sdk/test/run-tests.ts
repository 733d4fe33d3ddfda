// `npm test` of the SDK, after the build: the built test files (dist/esm/test/*.test.js). On Node 22.8 or newer all
// but one share one test process (`--experimental-test-isolation=none`), which saves a Node start and the SDK's module
// loads per file; the CLI's stdin runs, the package test's npm and the contract's generator still start their own
// processes, as a user runs them. e2e.test.js runs beside it in a process of its own: its memory test bounds the
// process's RSS, which the other files' heaps would blur. Node 20, which the SDK supports, does not know the option, so
// there every file runs in a process of its own, as `node --test` does by default.
// Usage: node dist/esm/test/run-tests.js
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const folder = path.dirname(fileURLToPath(import.meta.url));
const files = readdirSync(folder)
  .filter((name) => name.endsWith(".test.js"))
  .sort()
  .map((name) => path.join(folder, name));
const ownProcess = files.filter((file) => path.basename(file) === "e2e.test.js");
const shared = files.filter((file) => !ownProcess.includes(file));
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
const isolationNone = major > 22 || (major === 22 && minor >= 8);

/** Runs `node --test` on files; resolves with whether it passed and, if asked, its output. */
function nodeTest(args: string[], captureOutput: boolean): Promise<{ passed: boolean; output: string }> {
  return new Promise((resolve) => {
    // A captured run would pick the TAP reporter (not a terminal): it prints as the other run does.
    const reporter = captureOutput && process.stdout.isTTY ? ["--test-reporter=spec"] : [];
    const child = spawn(process.execPath, ["--test", ...reporter, ...args], {
      stdio: captureOutput ? ["ignore", "pipe", "pipe"] : "inherit"
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", (error) => resolve({ passed: false, output: `${output}${error.message}\n` }));
    child.on("close", (code) => resolve({ passed: code === 0, output }));
  });
}

const runs = isolationNone
  ? await Promise.all([
      nodeTest(["--experimental-test-isolation=none", ...shared], false),
      // Its output follows the shared run's instead of interleaving with it.
      nodeTest(ownProcess, true)
    ])
  : [await nodeTest(files, false)];
for (const run of runs) process.stdout.write(run.output);
process.exit(runs.every((run) => run.passed) ? 0 : 1);
