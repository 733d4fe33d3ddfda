// Shared by the gate's self-tests: run `npm test`'s runner (scripts/check/run-all.mjs) on a fixture project
// with planted defects, and assert WHICH step caught them. A run includes the steps that come before the one
// under test that the fixture must pass (`format`, `apex-ls`, ...), and those must pass: the planted code is
// formatted, valid for the earlier checks, and the step under test is the one that fails, on exactly the planted
// lines. `format` and `apex-ls` are the exceptions: checks.test proves every fixture of FORMATTED_TOGETHER formatted in
// one run, and every fixture of APEX_LS_TOGETHER passing apex-ls in one run.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readProject, toPosix, walk } from "../../scripts/check/project.mjs";

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
 * Fixtures whose planted defects apex-ls is blind to (rules of the apex-rules step catch them): each must pass apex-ls,
 * or `npm test` would stop there first. checks.test proves it for all of them in one apex-ls run (a JVM of about
 * 2 CPU-s per run) on a project with one package directory per fixture (apexLsProject), so their self-tests run only
 * apex-rules. That run must judge each fixture as a run on it alone would, and apex-ls does not always
 * (apexLsTogetherProblems lists how it could differ); the fixture `apex-rules` is not among them: its standard-object
 * fields are a blind spot of apex-ls only in a project's first package directory, so it is proven alone.
 */
export const APEX_LS_TOGETHER = ["call-log-upsert", "folder-loops", "folder-loops-classes", "trigger-bypass"];

/** Each fixture's sfdx project as the checks read it (namespace, API version, package directories' absolute paths). */
const fixtureProject = (name) => readProject(fixture(name));

/**
 * Copies the fixtures into dir/<name>/ and writes dir/sfdx-project.json with every package directory of each, in
 * their shared namespace and API version (apexLsTogetherProblems refuses fixtures that differ).
 */
export function apexLsProject(names, dir) {
  const projects = names.map(fixtureProject);
  const packageDirectories = names.flatMap((name, i) =>
    projects[i].packageDirs.map((dir) => ({
      path: toPosix(path.join(name, path.relative(fixture(name), dir)))
    }))
  );
  packageDirectories[0].default = true;
  for (const name of names) fs.cpSync(fixture(name), path.join(dir, name), { recursive: true });
  const { namespace, sourceApiVersion } = projects[0];
  fs.writeFileSync(
    path.join(dir, "sfdx-project.json"),
    JSON.stringify({ packageDirectories, namespace: namespace || undefined, sourceApiVersion }, null, 2)
  );
}

/**
 * What a fixture declares that Apex can name, lower-cased: every file's name up to its first dot under its package
 * directories (classes, objects, fields, custom metadata, components, ...), the custom objects' folders and the
 * custom labels; and apart, the standard objects it adds fields or other parts to.
 */
function declarations(name) {
  const declared = new Set();
  const standard = new Set();
  for (const file of fixtureProject(name).packageDirs.flatMap((dir) => walk(dir))) {
    const parts = file.split(path.sep);
    const object = parts[parts.lastIndexOf("objects") + 1];
    if (parts.includes("objects") && object !== parts.at(-1))
      (object.includes("__") ? declared : standard).add(object.toLowerCase());
    declared.add(path.basename(file).split(".")[0].toLowerCase());
    if (file.endsWith(".labels-meta.xml"))
      for (const [, label] of fs.readFileSync(file, "utf8").matchAll(/<fullName>(\w+)<\/fullName>/g))
        declared.add(label.toLowerCase());
  }
  return { declared: new Set([...declared].filter((n) => !standard.has(n))), standard };
}

/** Every identifier in a fixture's Apex (classes and triggers, comments and strings included), lower-cased. */
function apexWords(name, namespace) {
  const words = new Set();
  for (const file of fixtureProject(name).packageDirs.flatMap((dir) => walk(dir))) {
    if (!/\.(cls|trigger)$/.test(file)) continue;
    for (const [word] of fs.readFileSync(file, "utf8").matchAll(/[A-Za-z_]\w*/g)) {
      const lower = word.toLowerCase();
      words.add(lower);
      if (namespace && lower.startsWith(`${namespace}__`)) words.add(lower.slice(namespace.length + 2));
    }
  }
  return words;
}

/**
 * Why one apex-ls run on a project of these fixtures (apexLsProject) might judge one of them otherwise than a run on
 * it alone; empty when it cannot:
 * - another namespace or API version;
 * - apex-ls resolves names across package directories, so a fixture could pass through another's class, object or
 *   field: no name may be declared by two fixtures, or named in one fixture's Apex while only another declares it;
 * - apex-ls does not report unknown fields of a standard object to which the project's FIRST package directory adds
 *   a field, in any package directory, but does when a later one adds it (measured 6 December 2026 with the PMD
 *   engine's apex-ls: a fixture alone is always first): no fixture may add to a standard object.
 */
export function apexLsTogetherProblems(names) {
  const problems = [];
  const projects = names.map(fixtureProject);
  for (const key of ["namespace", "sourceApiVersion"])
    if (new Set(projects.map((p) => p[key])).size > 1) problems.push(`the fixtures differ in ${key}`);
  const of = new Map(names.map((name) => [name, declarations(name)]));
  for (const [i, name] of names.entries()) {
    const { declared, standard } = of.get(name);
    for (const object of standard) problems.push(`${name} adds to the standard object ${object}`);
    const words = apexWords(name, projects[i].namespace);
    for (const other of names.filter((o) => o !== name)) {
      for (const n of of.get(other).declared) {
        if (declared.has(n)) {
          if (name < other) problems.push(`${n} is declared by both ${name} and ${other}`);
        } else if (words.has(n)) problems.push(`the Apex of ${name} names ${n}, declared by ${other}`);
      }
    }
  }
  return problems;
}

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
