// `npm run test:gate`, `npm run test:scripts` and the SDK's `npm test`: the *.test.mjs / *.test.js files of one folder
// (the argument). On Node 22.8 or newer they share one test process (`--experimental-test-isolation=none`): every
// script or check under test still runs as a child process, as a user runs it, and the files save a Node start and
// their module loads each (the gate's self-tests also start their runs together instead of one file after another).
// A file named by --own-process runs beside that process in one of its own (the SDK's e2e test bounds its process's
// RSS, which the other files' heaps would blur); its output follows the shared run's. Node 20, which the README says
// still runs everything, does not know the option, so there each file runs in a process of its own.
// Usage: node test/run-tests.mjs <folder> [--own-process <file name>,...]
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { "own-process": { type: "string", default: "" } }
});
const folder = path.resolve(positionals[0] ?? "");
if (!positionals[0] || !fs.existsSync(folder)) {
  console.error(
    `usage: node test/run-tests.mjs <folder of *.test.mjs files> [--own-process a.test.js,...]${positionals[0] ? ` (no ${folder})` : ""}`
  );
  process.exit(2);
}
const files = fs
  .readdirSync(folder)
  .filter((name) => /\.test\.m?js$/.test(name))
  .sort()
  .map((name) => path.join(folder, name));
const ownNames = values["own-process"].split(",").filter(Boolean);
const own = files.filter((file) => ownNames.includes(path.basename(file)));
// a renamed file must not slip into the shared process unnoticed (the SDK's memory bound needs its own)
const unknown = ownNames.filter((name) => !own.some((file) => path.basename(file) === name));
if (unknown.length) {
  console.error(`--own-process: no ${unknown.join(", ")} in ${folder}`);
  process.exit(2);
}
const [major, minor] = process.versions.node.split(".").map(Number);
const sharedProcess = major > 22 || (major === 22 && minor >= 8);

/** `node --test` on files; resolves with whether it passed and, when captured, its output. */
function nodeTest(args, capture) {
  return new Promise((resolve) => {
    // a captured run would pick the TAP reporter (not a terminal): it prints as the other run does
    const reporter = capture && process.stdout.isTTY ? ["--test-reporter=spec"] : [];
    const child = spawn(process.execPath, ["--test", ...reporter, ...args], {
      stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit"
    });
    let output = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => resolve({ passed: false, output: `${output}${error.message}\n` }));
    // killed by a signal or not started: a failure
    child.on("close", (code) => resolve({ passed: code === 0, output }));
  });
}

const shared = files.filter((file) => !own.includes(file));
const runs = sharedProcess
  ? await Promise.all([
      nodeTest(["--experimental-test-isolation=none", ...shared], false),
      ...(own.length ? [nodeTest(own, true)] : [])
    ])
  : [await nodeTest(files, false)];
for (const run of runs) process.stdout.write(run.output);
process.exit(runs.every((run) => run.passed) ? 0 : 1);
