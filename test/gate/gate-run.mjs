// Shared by the gate's self-tests: run `npm test`'s runner (scripts/check/run-all.mjs) on a fixture project
// with planted defects, and assert WHICH step caught them. A run includes the steps that come before the one
// under test that the fixture must pass (`format`, `apex-ls`, ...), and those must pass: the planted code is
// formatted, valid for the earlier checks, and the step under test is the one that fails, on exactly the planted
// lines. `format` and `apex-ls` are the exceptions: checks.test proves every fixture of FORMATTED_TOGETHER formatted in
// one run, and judges every fixture of APEX_LS_FIXTURES with apex-ls in one run.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const fixture = (name) => path.join(repoRoot, "test/gate/fixtures", name);

/**
 * How many runs of the self-tests go at once. The test files share one process (test/run-tests.mjs), so every run
 * they start at load would otherwise start together, about thirty processes with their JVMs, crowding the steps that
 * `npm test` runs beside the gate (the SDK's timing tests); with 2, 3 or 4 at once the gate took as much CPU as with
 * all (38–43 CPU-s, 6 December 2026) and no more wall time.
 */
const MAX_RUNS = 3;
let running = 0;
const waiting = [];
/** Runs a Node script of scripts/check/ (at most MAX_RUNS at once) and collects its exit code and output. */
export async function runScript(script, args) {
  if (running < MAX_RUNS) running++;
  else await new Promise((resolve) => waiting.push(resolve)); // a finished run hands its place over
  try {
    return await runScriptNow(script, args);
  } finally {
    if (waiting.length) waiting.shift()();
    else running--;
  }
}
function runScriptNow(script, args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "scripts/check", script), ...args], {
      cwd: repoRoot,
      env: { ...process.env, FORCE_COLOR: "0" }
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code, output }));
  });
}

/**
 * The fixtures the self-tests run `npm test`'s steps on: every folder of test/gate/fixtures/ but those a test
 * reads or copies itself, and `empty` (no step to start: it shows steps failing as missing). checks.test formats
 * them all in one run, where only the deliberately messy file of `format/` may be reported, so no run on one of
 * them starts with `format` (a prettier start per run was most of the self-tests' format cost), and a new fixture
 * is in that proof from the start.
 */
const READ_DIRECTLY = new Set(["apex-jvm", "empty", "self-contained", "shipped-rules"]);
export const FORMATTED_TOGETHER = fs
  .readdirSync(path.join(repoRoot, "test/gate/fixtures"))
  .filter((name) => !READ_DIRECTLY.has(name))
  .sort();

/**
 * The fixtures apex-ls judges, in one run of `apex-ls.mjs --roots` (checks.test): `defects`, which must fail with its
 * planted findings, and the apex-rules self-tests' fixtures, whose planted defects apex-ls is blind to, so they must
 * pass it (or `npm test` would stop there first) and their self-tests run only apex-rules. The run starts one JVM
 * (about 2 CPU-s a start) that gives each fixture an apex-ls workspace of its own, as a run on it alone does, and
 * shares only the platform's types: each fixture's JSON and exit code were byte-identical to its run alone, in either
 * order, and a class planted in one naming another's object, class and standard-object fields was reported there as
 * alone while the others' results did not change (7 December 2026).
 */
export const APEX_LS_FIXTURES = [
  "defects",
  "apex-rules",
  "call-log-upsert",
  "folder-loops",
  "folder-loops-classes",
  "trigger-bypass"
];

/**
 * `npm test` on a fixture (its name under test/gate/fixtures/, or an absolute path), limited to the given steps
 * (run-all runs them in its fixed order). The last step is the one under test; the ones before it must pass
 * (assertFailedAt). The fixtures' formatting is proven once, by checks.test (FORMATTED_TOGETHER).
 * @returns {Promise<{code: number, output: string, steps: string[]}>}
 */
export async function runSteps(fixtureName, steps) {
  const root = path.isAbsolute(fixtureName) ? fixtureName : fixture(fixtureName);
  const result = await runScript("run-all.mjs", ["--root", root, "--only", steps.join(",")]);
  return { ...result, steps };
}

/**
 * The findings the failing step printed, as "file:line: message" relative to the fixture's source folder
 * (force-app/main/default/ dropped). run-all runs a step inside the fixture, so paths are relative to it.
 */
export function stepFindings(output) {
  return output
    .split("\n")
    .filter((line) => /^[\w./-]+:\d+: /.test(line))
    .map((line) => line.replace(/^force-app\/main\/default\//, ""));
}

/** Asserts that the run failed at its last step, and that every step before it passed. */
export function assertFailedAt({ code, output, steps }) {
  const step = steps.at(-1);
  assert.equal(code, 1, `npm test must fail; output:\n${output}`);
  assert.match(
    output,
    new RegExp(`^FAILED: ${step}$`, "m"),
    `the ${step} step must be the one failing:\n${output}`
  );
  for (const earlier of steps.slice(0, -1)) {
    assert.match(
      output,
      new RegExp(`^ok\\s+${earlier}\\s`, "m"),
      `${earlier} must pass on the fixture:\n${output}`
    );
  }
}

/**
 * Asserts that every expected finding is among `actual`, and nothing else is.
 * @param {string[]} actual "file:line: message" lines
 * @param {[string, ...string[]][]} expected [location "file:line", texts the message contains]
 * @param {string} where said in the failure messages (which step or files)
 */
export function assertExactly(actual, expected, where) {
  for (const [location, ...texts] of expected) {
    assert.ok(
      actual.some((f) => f.startsWith(`${location}: `) && texts.every((text) => f.includes(text))),
      `expected "${location}: …${texts.join("…")}…" ${where} among:\n${actual.join("\n")}`
    );
  }
  assert.equal(actual.length, expected.length, `unexpected extra findings ${where}:\n${actual.join("\n")}`);
}

/**
 * Asserts that the last step of the run — and no step before it — failed, naming exactly the expected findings.
 * @param {{code: number, output: string, steps: string[]}} result of runSteps(fixture, [...passing, step])
 * @param {[string, string][]} expected [location "file:line", text the message contains]
 */
export function assertCaughtBy(result, expected) {
  assertFailedAt(result);
  assertExactly(stepFindings(result.output), expected, `from ${result.steps.at(-1)}`);
}
