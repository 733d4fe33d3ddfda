// `npm run test:scripts`: the org-script tests. On Node 22.8 or newer they share one test process
// (`--experimental-test-isolation=none`): every script under test still runs as a child process, as a user runs it,
// and the files save a Node start and their module loads each. Node 20, which the README says still runs
// everything, does not know the option, so there each file runs in a process of its own.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const files = fs
  .readdirSync(here)
  .filter((name) => name.endsWith(".test.mjs"))
  .sort()
  .map((name) => path.join(here, name));
const [major, minor] = process.versions.node.split(".").map(Number);
const sharedProcess = major > 22 || (major === 22 && minor >= 8);
const { status } = spawnSync(
  process.execPath,
  ["--test", ...(sharedProcess ? ["--experimental-test-isolation=none"] : []), ...files],
  { stdio: "inherit" }
);
process.exit(status ?? 1); // killed by a signal or not started: a failure
