// `npm run test:gate` and `npm run test:scripts`: the *.test.mjs files of one folder (the argument). On Node 22.8 or
// newer they share one test process (`--experimental-test-isolation=none`): every script or check under test still
// runs as a child process, as a user runs it, and the files save a Node start and their module loads each (the gate's
// self-tests also start their runs together instead of one file after another). Node 20, which the README says still
// runs everything, does not know the option, so there each file runs in a process of its own.
// Usage: node test/run-tests.mjs <folder>
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const folder = path.resolve(process.argv[2] ?? "");
if (!process.argv[2] || !fs.existsSync(folder)) {
  console.error(
    `usage: node test/run-tests.mjs <folder of *.test.mjs files>${process.argv[2] ? ` (no ${folder})` : ""}`
  );
  process.exit(2);
}
const files = fs
  .readdirSync(folder)
  .filter((name) => name.endsWith(".test.mjs"))
  .sort()
  .map((name) => path.join(folder, name));
const [major, minor] = process.versions.node.split(".").map(Number);
const sharedProcess = major > 22 || (major === 22 && minor >= 8);
const { status } = spawnSync(
  process.execPath,
  ["--test", ...(sharedProcess ? ["--experimental-test-isolation=none"] : []), ...files],
  { stdio: "inherit" }
);
process.exit(status ?? 1); // killed by a signal or not started: a failure
