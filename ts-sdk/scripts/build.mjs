// Builds the SDK: ESM (dist/esm) and CJS (dist/cjs) with declarations, the demo scenarios the CLI's
// `simulate` sends (dist/scenarios), and the tests and benchmark (dist/tests, not published),
// type-checking everything.
// The three compilations are independent and run in parallel.
import { spawn } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// The repository's TypeScript (the workspace may hold an older copy pulled in by openapi-typescript).
const tsc = createRequire(path.join(sdk, "../package.json")).resolve("typescript/bin/tsc");
const compile = (project) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, "-p", project], { cwd: sdk, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`tsc -p ${project} failed`))));
  });

rmSync(path.join(sdk, "dist"), { recursive: true, force: true });
try {
  await Promise.all(["tsconfig.json", "tsconfig.cjs.json", "tsconfig.test.json"].map(compile));
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
writeFileSync(path.join(sdk, "dist/cjs/package.json"), '{ "type": "commonjs" }\n');
chmodSync(path.join(sdk, "dist/cjs/cli.js"), 0o755);
chmodSync(path.join(sdk, "dist/esm/cli.js"), 0o755);
const scenarios = path.resolve(sdk, "../scripts/demo-calls");
mkdirSync(path.join(sdk, "dist/scenarios"), { recursive: true });
for (const file of readdirSync(scenarios).filter((name) => name.endsWith(".json"))) {
  cpSync(path.join(scenarios, file), path.join(sdk, "dist/scenarios", file));
}
