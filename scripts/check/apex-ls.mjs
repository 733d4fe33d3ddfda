// Apex semantic check: apex-ls (shipped in the PMD engine's java-lib) type-checks every class and trigger
// against the platform's standard library and the project's own objects and fields, namespace included.
// Any finding fails: unknown types/fields/methods, incompatible assignments, syntax, missing meta files.
// Usage: node scripts/check/apex-ls.mjs [--root <project dir>] | --roots <dir>,<dir>,...
// --roots (the gate's self-tests) judges each project in one JVM (apex-ls/ApexLsWorkspaces.java) as a run on it alone
// would, and prints each one's report after a line "apex-ls --root <dir>" (on stderr, in order with the findings).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fail, parseRootArg, repoRoot, report } from "./project.mjs";

const startedAt = Date.now();
const rootsAt = process.argv.indexOf("--roots");
const many = rootsAt !== -1;
const roots = many
  ? (process.argv[rootsAt + 1] ?? "").split(",").map((dir) => parseRootArg(["--root", dir]).root)
  : [parseRootArg().root];
const javaLib = path.join(repoRoot, "node_modules/@salesforce/code-analyzer-pmd-engine/dist/java-lib");
if (!fs.existsSync(javaLib)) fail(`missing: ${javaLib} (run npm ci)`);

// -n: no cache, so a run never reports from a stale index; the cache dir is still given a private
// place so nothing is written to the home directory.
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "apex-ls-"));
// short single run: the C1 compiler and serial GC halve the CPU time on 2 cores
const jvm = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", `${javaLib}/*`];
// --roots: the launcher, run by Java's source-file mode (compiled in the JVM: less CPU than a javac run first)
const java = many
  ? [path.join(repoRoot, "scripts/check/apex-ls/ApexLsWorkspaces.java"), cacheDir, ...roots]
  : ["io.github.apexdevtools.apexls.CheckForIssues", "-n", "-f", "json", "-c", cacheDir, "-w", roots[0]];
const run = spawnSync("java", [...jvm, ...java], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
fs.rmSync(cacheDir, { recursive: true, force: true });
if (run.error) fail(`missing: java 17 (${run.error.message}); install openjdk-17-jre-headless`);
if (run.status === null) fail(`apex-ls was stopped by ${run.signal}:\n${run.stderr}`);
// --roots: each project's JSON is followed by a line "apex-ls-workspace <its exit code> <dir>"
if (many && run.status !== 0) fail(`apex-ls exited with ${run.status}:\n${run.stderr || run.stdout}`);
const parts = many ? run.stdout.split(/\napex-ls-workspace (\d+) .*\n/) : [run.stdout, String(run.status)];
for (const [i, root] of roots.entries()) {
  const [stdout, status] = [parts[2 * i], Number(parts[2 * i + 1])];
  if (many) console.error(`apex-ls --root ${path.relative(process.cwd(), root)}`);
  // Exit 0 = clean, 4 = issues found; anything else is the tool failing: that fails the step, after the other roots
  if (status !== 0 && status !== 4) {
    console.error(`apex-ls exited with ${status}:\n${run.stderr || stdout}`);
    process.exitCode = 2;
    continue;
  }
  const json = stdout.slice(stdout.indexOf("{"));
  const findings = (json.trim() ? JSON.parse(json).files : []).flatMap((file) =>
    file.messages.map((m) => {
      // first line only, capped: syntax errors list every expected token, internal errors a stack trace
      const message = m.message.split("\n")[0];
      const shown = message.length > 300 ? `${message.slice(0, 300)}…` : message;
      return { file: file.path, line: m.start?.line, message: `${m.category}: ${shown}` };
    })
  );
  if (status === 4 && findings.length === 0) {
    console.error(`apex-ls reported issues it did not list:\n${stdout}`);
    process.exitCode = 2;
  } else report("apex-ls", root, findings, startedAt);
}
