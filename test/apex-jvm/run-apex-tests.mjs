#!/usr/bin/env node
// Runs Apex test classes of pure logic on the JVM (translated, see README.md): every test method that the
// translator can run, each with fresh static state as in its own Apex transaction; the others are listed
// as skipped with the reason (a query, DML, runAs, a standard object...). Exit 0 when every method that ran
// passed, 1 when one failed, 2 when nothing could run or the arguments are wrong.
// Usage: node test/apex-jvm/run-apex-tests.mjs [--root <project dir>] [--json] <TestClass> [<TestClass>...]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildProgram,
  CACHE_DIR,
  loadClasses,
  readProject,
  translateClasses,
  translationKey,
  writeCacheFile
} from "./build.mjs";
import { metadataRecords } from "./metadata-records.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "../..");
const RUNNER_SOURCES = ["TestRunner.java", "RunnerSupport.java", "FreshApexLoader.java"].map((f) =>
  path.join(HERE, "runtime/runner", f)
);

function parseArgs(argv) {
  const opts = { root: REPO, json: false, classes: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--json") opts.json = true;
    else if (argv[i] === "--root" && argv[i + 1]) opts.root = path.resolve(argv[++i]);
    else if (/^[A-Za-z]\w*$/.test(argv[i])) opts.classes.push(argv[i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!opts.classes.length) throw new Error("name at least one test class");
  return opts;
}

/**
 * The test methods in whose own body a translation error lies: for each error, the last test method of its file
 * that starts at or before its line. A guess (the error may lie in a helper or a @TestSetup): plan() checks it.
 */
function suspectsOf(errors, tests, where) {
  const suspects = new Set();
  for (const error of errors) {
    const [, file, line] = /^(.*?):(\d+): /.exec(error) ?? [];
    const before = tests.filter((t) => where.get(t).file === file && where.get(t).line <= Number(line));
    const last = before.at(-1); // tests are in line order within their file
    if (last) suspects.add(last);
  }
  return suspects;
}

/**
 * Which test methods of the classes can run offline. A method runs when its own translation (with its
 * class's @TestSetup) has no error, so one method's query does not keep the others from running. A group
 * that translates whole is runnable whole (its members reach no more than it does): all methods together
 * first; when that fails, the methods the errors point at (suspectsOf) are translated one by one and all the
 * others together, and when those others do not translate whole either, each class, then halves of a failing
 * class down to single methods, which give the reason. Either way a method is runnable exactly when its own
 * translation is clean, and a skipped one's reason is its own translation's first error; the guess makes it a
 * handful of translations instead of a few dozen.
 * @returns {{runnable: {cls, method, setup}[], skipped: {test, reason}[]}}
 */
function plan(project, classes, classNames) {
  const byClass = [];
  const where = new Map();
  for (const name of classNames) {
    const model = classes.get(name.toLowerCase());
    if (!model) throw new Error(`no class ${name} in ${project.root}`);
    const methods = [...model.methods.values()].flat();
    const setup = methods.find((m) => m.isTestSetup);
    const tests = methods.filter((m) => m.isTest && m.isStatic).sort((a, b) => a.line - b.line);
    const group = tests.map((test) => ({ cls: model.name, method: test.name, setup: setup?.name }));
    const file = path.relative(project.root, model.file);
    group.forEach((t, i) => where.set(t, { file, line: tests[i].line }));
    byClass.push(group);
  }
  const entryPointsOf = (t) =>
    [t.method, ...(t.setup ? [t.setup] : [])].map((member) => ({ cls: t.cls, member }));
  const errorsOf = (group) =>
    translateClasses(project, classes, group.flatMap(entryPointsOf), { emit: false }).errors;
  const runnable = new Set();
  const skipped = new Map();
  const settle = (group) => {
    const errors = errorsOf(group);
    if (!errors.length) for (const t of group) runnable.add(t);
    else if (group.length === 1)
      skipped.set(group[0], { test: `${group[0].cls}.${group[0].method}`, reason: errors[0] });
    else {
      const half = Math.ceil(group.length / 2);
      settle(group.slice(0, half));
      settle(group.slice(half));
    }
  };
  const all = byClass.flat();
  const errors = errorsOf(all);
  if (!errors.length) return { runnable: all, skipped: [] };
  const suspects = suspectsOf(errors, all, where);
  const others = all.filter((t) => !suspects.has(t));
  if (suspects.size && !errorsOf(others).length) {
    for (const t of others) runnable.add(t);
    for (const t of suspects) settle([t]);
  } else for (const group of byClass) if (group.length) settle(group);
  return {
    runnable: all.filter((t) => runnable.has(t)),
    skipped: all.filter((t) => skipped.has(t)).map((t) => skipped.get(t))
  };
}

function apexFrames(frames, lineMaps) {
  return frames.map((frame) => {
    const [cls, line, method] = frame.split(":");
    const map = lineMaps[cls];
    const apexLine = map?.lines[Number(line) - 1];
    return map?.apexFile && apexLine
      ? `${map.apexFile}:${apexLine} (${method})`
      : `${cls}.java:${line} (${method})`;
  });
}

/**
 * Which test methods of the classes run, the entry points and runner sources their build needs.
 * @returns {Promise<{runnable: object[], skipped: object[], entryPoints: object[], runnerSources: string[]}>}
 */
export async function planApexTests({ root, classes: classNames }) {
  const project = readProject(root);
  // Planning translates every method on its own when some cannot run: cached like a build.
  const cacheFile = path.join(CACHE_DIR, `plan-${translationKey(project, classNames)}.json`);
  if (fs.existsSync(cacheFile)) return JSON.parse(fs.readFileSync(cacheFile, "utf8"));
  const classes = await loadClasses(project, classNames);
  const { runnable, skipped } = plan(project, classes, classNames);
  const entryPoints = runnable.flatMap((t) => [
    { cls: t.cls, member: t.method },
    ...(t.setup ? [{ cls: t.cls, member: t.setup }] : [])
  ]);
  const planned = { runnable, skipped, entryPoints, runnerSources: RUNNER_SOURCES };
  writeCacheFile(path.basename(cacheFile), JSON.stringify(planned));
  return planned;
}

/**
 * Runs the runnable test methods of the named classes.
 * @param {object} options root and classes; `share` ({entryPoints, runnerSources}) adds another runner's needs
 *   to the build, so two runners use one compiled program; `planned` is planApexTests' answer when known
 */
export async function runApexTests({ root, classes: classNames, share, planned }) {
  const project = readProject(root);
  const { runnable, skipped, entryPoints } = planned ?? (await planApexTests({ root, classes: classNames }));
  if (!runnable.length) return { results: [], skipped };
  const build = await buildProgram({
    root,
    entryPoints: [...entryPoints, ...(share?.entryPoints ?? [])],
    runnerSources: [...RUNNER_SOURCES, ...(share?.runnerSources ?? [])]
  });
  const recordsFile = writeCacheFile(`records-${build.key}.json`, JSON.stringify(metadataRecords(project)));
  const args = runnable.flatMap((t) => [...(t.setup ? [`${t.cls}:${t.setup}`] : []), `${t.cls}.${t.method}`]);
  // Default tiered compilation: the whole run costs the CPU C1 alone does (about 12 s), and a long method such as
  // 200 calls' regex matching runs about a quarter faster, so its Limits.getCpuTime() keeps its margin.
  const run = spawnSync(
    "java",
    ["-XX:+UseSerialGC", "-cp", build.classpath, "runner.TestRunner", build.classesDir, recordsFile, ...args],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }
  );
  if (run.status !== 0) throw new Error(`the test runner failed (exit ${run.status}):\n${run.stderr}`);
  // System.debug lines, when APEX_JVM_DEBUG is set (rt.ApexSystem)
  if (run.stderr) process.stderr.write(run.stderr);
  const results = JSON.parse(run.stdout);
  for (const r of results) if (r.error) r.error.apexFrames = apexFrames(r.error.frames, build.lineMaps);
  return { results, skipped };
}

/** The human-readable report of a run: one line per test method, the skipped ones with their reason. */
export function formatTestReport({ results, skipped }, { brief = false } = {}) {
  const lines = [];
  for (const r of brief ? results.filter((x) => x.outcome !== "pass") : results) {
    const label = { pass: "ok  ", fail: "FAIL", error: "ERR ", known: "KNOWN FAILURE" }[r.outcome];
    lines.push(`${label} ${r.test}${r.outcome === "pass" ? "" : `: ${r.error.type}: ${r.error.message}`}`);
    for (const frame of r.error?.apexFrames?.slice(0, 4) ?? []) lines.push(`       at ${frame}`);
  }
  if (!brief) for (const s of skipped) lines.push(`skip ${s.test}: ${s.reason}`);
  const passed = results.filter((r) => r.outcome === "pass").length;
  lines.push(
    `\n${passed}/${results.length} test methods passed on the JVM; ${skipped.length} not runnable offline`
  );
  return lines.join("\n");
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(
      `${error.message}\nusage: node test/apex-jvm/run-apex-tests.mjs [--root <project dir>] [--json] <TestClass>...`
    );
    process.exit(2);
  }
  let outcome;
  try {
    outcome = await runApexTests(opts);
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
  const { results } = outcome;
  console.log(opts.json ? JSON.stringify(outcome, null, 2) : formatTestReport(outcome));
  process.exitCode = results.length === 0 ? 2 : results.every((r) => r.outcome === "pass") ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
