// Shared by the gate's self-tests: run `npm test`'s runner (scripts/check/run-all.mjs) on a fixture project
// with planted defects, and assert WHICH step caught them. Every run includes the steps that come before
// the one under test (at least `format`), and those must pass: the planted code is formatted, valid for
// the earlier checks, and the step under test is the one that fails, on exactly the planted lines.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const fixture = (name) => path.join(repoRoot, "test/gate/fixtures", name);

/** Runs a Node script of scripts/check/ and collects its exit code and output. */
export function runScript(script, args) {
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

/** `npm test` on a fixture, limited to the given steps (run-all runs them in its fixed order). */
export const runSteps = (fixtureName, steps) =>
  runScript("run-all.mjs", ["--root", fixture(fixtureName), "--only", steps.join(",")]);

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

/**
 * Asserts that `step` — and no step before it — failed, naming exactly the expected findings.
 * @param {{code: number, output: string}} result of runSteps(fixture, [...passing, step])
 * @param {string} step the step meant to catch the planted defects
 * @param {string[]} passing the steps that ran before it and must pass (e.g. ["format"])
 * @param {[string, string][]} expected [location "file:line", text the message contains]
 */
export function assertCaughtBy(result, step, passing, expected) {
  const { code, output } = result;
  assert.equal(code, 1, `npm test must fail; output:\n${output}`);
  assert.match(
    output,
    new RegExp(`^FAILED: ${step}$`, "m"),
    `the ${step} step must be the one failing:\n${output}`
  );
  for (const earlier of passing) {
    assert.match(
      output,
      new RegExp(`^ok\\s+${earlier}\\s`, "m"),
      `${earlier} must pass on the fixture:\n${output}`
    );
  }
  const actual = stepFindings(output);
  for (const [location, text] of expected) {
    assert.ok(
      actual.some((f) => f.startsWith(`${location}: `) && f.includes(text)),
      `expected "${location}: …${text}…" from ${step} among:\n${actual.join("\n")}`
    );
  }
  assert.equal(
    actual.length,
    expected.length,
    `unexpected extra findings from ${step}:\n${actual.join("\n")}`
  );
}
