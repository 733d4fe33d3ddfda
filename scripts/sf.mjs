// `npm run sf -- <args>`: the project's pinned sf CLI (tools/sf-cli), installed on first use, so a
// login or any other sf command needs nothing global: e.g. npm run sf -- org login web --alias devhub
import { spawnSync } from "node:child_process";
import { ensureSfCli } from "./lib/sf-job.mjs";

const run = spawnSync(process.execPath, [ensureSfCli(), ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(run.status ?? 1);
