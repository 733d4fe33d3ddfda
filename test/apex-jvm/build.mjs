// Builds the JVM program of a project's Apex: finds the project's classes and objects, parses the classes
// the entry points need (Salesforce's own parser, see scripts/check/apex-ast.mjs), translates what they
// reach (translator/), and compiles the result with the runtime (runtime/rt) and a Java runner. Compiled
// output is cached under this repository's .tmp/apex-jvm/, keyed by everything that goes into it, so an
// unchanged project costs no translation and no javac; a new build takes from a cached one the classes of the
// sources it shares with it (reuseClasses) and compiles only the rest. Nothing is written in the project translated.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseApex } from "../../scripts/check/apex-ast.mjs";
import { tryClaim } from "../../scripts/check/project.mjs";
import { emitJava, GENERATED_PACKAGE } from "./translator/emit.mjs";
import { ApexTranslationError, classModelOf } from "./translator/model.mjs";
import { Translator } from "./translator/translate.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "../..");
// APEX_JVM_CACHE moves the cache (a cold measurement must not empty the one colleagues' runs share).
export const CACHE_DIR = process.env.APEX_JVM_CACHE
  ? path.resolve(process.env.APEX_JVM_CACHE)
  : path.join(REPO, ".tmp/apex-jvm");
const RUNTIME_DIR = path.join(HERE, "runtime");
const KEEP_BUILDS = 8;

/** Files under a directory, recursively, that pass a test. */
function walk(dir, test, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(full, test, out);
    } else if (test(full)) out.push(full);
  }
  return out;
}

/** The project's package directories, namespace, Apex classes by name and objects by name. */
export function readProject(root) {
  const projectFile = path.join(root, "sfdx-project.json");
  if (!fs.existsSync(projectFile)) throw new Error(`${root} is not an sfdx project (no sfdx-project.json)`);
  const project = JSON.parse(fs.readFileSync(projectFile, "utf8"));
  const packageDirs = project.packageDirectories.map((d) => path.join(root, d.path));
  const classFiles = new Map();
  const objectDirs = new Map();
  const metadataRecords = [];
  for (const dir of packageDirs) {
    for (const file of walk(dir, (f) => f.endsWith(".cls"))) {
      const lc = path.basename(file, ".cls").toLowerCase();
      if (classFiles.has(lc)) throw new Error(`two classes named ${lc}: ${classFiles.get(lc)} and ${file}`);
      classFiles.set(lc, file);
    }
    // An object's fields may live in several capability folders (objects/<Name>/fields/ without the object file).
    for (const file of walk(dir, (f) => f.endsWith(".object-meta.xml") || f.endsWith(".field-meta.xml"))) {
      const objectDir = file.endsWith(".object-meta.xml")
        ? path.dirname(file)
        : path.dirname(path.dirname(file));
      const lc = path.basename(objectDir).toLowerCase();
      const entry = objectDirs.get(lc) ?? { name: path.basename(objectDir), path: null, paths: [] };
      if (file.endsWith(".object-meta.xml")) entry.path = objectDir;
      if (!entry.paths.includes(objectDir)) entry.paths.push(objectDir);
      objectDirs.set(lc, entry);
    }
    for (const [lc, entry] of objectDirs) {
      // Fields of a standard object (Lead, Contact) extend a platform object: not a custom object of the project.
      if (!entry.path) objectDirs.delete(lc);
    }
    metadataRecords.push(
      ...walk(dir, (f) => f.endsWith(".md-meta.xml") && f.includes(`${path.sep}customMetadata${path.sep}`))
    );
  }
  return { root, namespace: project.namespace ?? "", classFiles, objectDirs, metadataRecords };
}

/**
 * Copies of a package directory what readProject and the runners read: Apex classes, objects, custom metadata
 * records and static resources (the vectors). The gate's planted copies need no more, and the rest of force-app
 * (components, layouts, class meta files...) was a third of each copy's files.
 */
export function copyApexSources(from, to) {
  const read = (file) =>
    file.endsWith(".cls") ||
    /(?:^|[\\/])(?:objects|customMetadata|staticresources)[\\/]/.test(path.relative(from, file));
  fs.cpSync(from, to, {
    recursive: true,
    filter: (source) => fs.lstatSync(source).isDirectory() || read(source)
  });
}

/** Parses the entry classes and every project class their text names, transitively. */
async function parseClosure(project, rootClassNames) {
  const units = new Map();
  let pending = rootClassNames.map((n) => n.toLowerCase());
  const seen = new Set();
  while (pending.length) {
    const files = [];
    for (const lc of pending) {
      if (seen.has(lc)) continue;
      seen.add(lc);
      const file = project.classFiles.get(lc);
      if (!file) throw new Error(`class ${lc} not found in ${project.root}`);
      files.push(file);
    }
    pending = [];
    for (const result of await parseApex(files)) {
      if (result.error) throw new ApexTranslationError(result.file, result.line, result.error);
      units.set(path.basename(result.file, ".cls").toLowerCase(), { file: result.file, unit: result.unit });
      for (const m of JSON.stringify(result.unit).matchAll(/"\$":"Id","value":"([A-Za-z0-9_]+)"/g)) {
        const lc = m[1].toLowerCase();
        if (project.classFiles.has(lc) && !seen.has(lc)) pending.push(lc);
      }
    }
  }
  return units;
}

function hashOf(parts) {
  const hash = crypto.createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex").slice(0, 20);
}

function sourcesOf(dir, ext) {
  return walk(dir, (f) => f.endsWith(ext)).sort();
}

/**
 * Moves a finished build into place. Two runs may build the same key at once (npm test runs steps in
 * parallel): the first one in wins, and a finished build is never replaced while another run may be using it.
 */
function publish(tmp, dir) {
  if (!fs.existsSync(path.join(dir, "ok"))) fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.renameSync(tmp, dir);
  } catch (error) {
    if (!fs.existsSync(path.join(dir, "ok"))) throw error;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Writes a cache file whole: concurrent runs never read a half-written one. */
export function writeCacheFile(name, text) {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const file = path.join(CACHE_DIR, name);
  fs.writeFileSync(`${file}.${process.pid}.tmp`, text);
  fs.renameSync(`${file}.${process.pid}.tmp`, file);
  return file;
}

/** Keeps the newest few of each kind of cached output (builds, runtimes, plans, records). */
function prune() {
  if (!fs.existsSync(CACHE_DIR)) return;
  const entries = fs
    .readdirSync(CACHE_DIR)
    .filter((n) => !n.includes(".tmp") && !n.endsWith(".lock") && /^[a-z]+-/.test(n))
    .map((n) => ({ n, kind: n.slice(0, n.indexOf("-")), t: fs.statSync(path.join(CACHE_DIR, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  const kept = {};
  for (const { n, kind } of entries) {
    kept[kind] = (kept[kind] ?? 0) + 1;
    if (kept[kind] > KEEP_BUILDS) fs.rmSync(path.join(CACHE_DIR, n), { recursive: true, force: true });
  }
}

function javac(args) {
  const result = spawnSync("javac", ["-J-XX:+UseSerialGC", "-J-XX:TieredStopAtLevel=1", ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024
  });
  if (result.error)
    throw new Error(
      `javac could not start (${result.error.message}); install a JDK 17 (openjdk-17-jdk-headless)`
    );
  return result;
}

/**
 * Runs compile() unless dir is compiled, once across processes: npm test's steps start together, and the runtime
 * (or a runner) that several of them need at once would be compiled by each. The first takes a lock (a claim file
 * naming its process; a compile takes seconds, so a lock ten minutes old is left over); the others wait for its result.
 */
function compileOnce(dir, compile) {
  const lock = `${dir}.lock`;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  while (!fs.existsSync(path.join(dir, "ok"))) {
    if (!tryClaim(lock, 600_000)) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      continue;
    }
    try {
      if (!fs.existsSync(path.join(dir, "ok"))) compile();
    } finally {
      fs.rmSync(lock, { force: true });
    }
  }
}

/** The runtime's sources (runtime/rt) and the folder of its classes, named by the sources' hash. */
function runtimeOf() {
  const sources = sourcesOf(path.join(RUNTIME_DIR, "rt"), ".java");
  const key = hashOf(sources.flatMap((f) => [path.basename(f), fs.readFileSync(f, "utf8")]));
  return { sources, dir: path.join(CACHE_DIR, `runtime-${key}`) };
}

/**
 * The programs that need the runtime only, each started by its own script (regex-reads.mjs, and the gate's
 * scripts/check/intelligence-reads): compiled in the javac run that compiles the runtime, so compileRunner finds
 * them compiled. A javac start costs about 0.8 s of CPU, these programs' own compile a few milliseconds.
 */
export const GATE_REGEX_READS = path.join(REPO, "scripts/check/intelligence-reads/RegexReads.java");
const RUNTIME_PROGRAMS = [path.join(RUNTIME_DIR, "runner/RegexReads.java"), GATE_REGEX_READS];

/** The folder of a runner's classes, named by the runtime and the runner's sources. */
function runnerDirOf(runtimeDir, sources) {
  const key = hashOf([path.basename(runtimeDir), ...sources.map((f) => fs.readFileSync(f, "utf8"))]);
  return path.join(CACHE_DIR, `runner-${key}`);
}

/**
 * Moves each runtime program's classes out of a compile's output into its own runner folder (the folder
 * compileRunner would compile it into), before the runtime is published: whoever waits for the runtime finds them.
 */
function publishRuntimePrograms(programs, runtimeDir, classesDir) {
  for (const source of programs) {
    const { pkg, types } = javaUnit(fs.readFileSync(source, "utf8"));
    const dir = runnerDirOf(runtimeDir, [source]);
    const tmp = `${dir}.${process.pid}.tmp`;
    const from = path.join(classesDir, ...pkg.split(".").filter(Boolean));
    const to = path.join(tmp, ...pkg.split(".").filter(Boolean));
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(to, { recursive: true });
    for (const cls of fs.readdirSync(from)) {
      if (types.some((t) => cls === `${t}.class` || cls.startsWith(`${t}$`))) {
        fs.renameSync(path.join(from, cls), path.join(to, cls));
      }
    }
    if (from !== classesDir && !fs.readdirSync(from).length) fs.rmdirSync(from);
    fs.writeFileSync(path.join(tmp, "ok"), "");
    publish(tmp, dir);
  }
}

/** The runtime, compiled once per version of its sources, with the runtime programs when they compile. */
function compileRuntime() {
  const { sources, dir } = runtimeOf();
  compileOnce(dir, () => {
    const tmp = `${dir}.${process.pid}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    const programs = RUNTIME_PROGRAMS;
    let result = javac(["-encoding", "UTF-8", "-nowarn", "-d", tmp, ...sources, ...programs]);
    if (result.status === 0) publishRuntimePrograms(programs, dir, tmp);
    else {
      // a program that does not compile is compileRunner's error; the runtime's own errors come from a run of its own
      fs.rmSync(tmp, { recursive: true, force: true });
      fs.mkdirSync(tmp, { recursive: true });
      result = javac(["-encoding", "UTF-8", "-nowarn", "-d", tmp, ...sources]);
    }
    if (result.status !== 0) throw new Error(`the runtime does not compile:\n${result.stderr}`);
    fs.writeFileSync(path.join(tmp, "ok"), "");
    publish(tmp, dir);
  });
  return dir;
}

/**
 * Compiles a program's sources and the runtime's (with the runtime programs) in one javac run (one javac start
 * instead of two, cold) when the runtime is not compiled and no other process is compiling it; the runtime's
 * classes then move to its own folder. False when it did not (the runtime is there or being compiled, or the
 * compile failed: the caller compiles the runtime alone, then the program, so javac's errors come from the runs
 * they always came from).
 */
function compiledWithRuntime({ sources, dir }, compile, classesDir) {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  if (fs.existsSync(path.join(dir, "ok")) || !tryClaim(`${dir}.lock`, 600_000)) return false;
  try {
    if (fs.existsSync(path.join(dir, "ok"))) return false;
    const programs = RUNTIME_PROGRAMS;
    if (compile([...sources, ...programs]).status !== 0) {
      fs.rmSync(classesDir, { recursive: true, force: true });
      return false;
    }
    publishRuntimePrograms(programs, dir, classesDir);
    const tmp = `${dir}.${process.pid}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    fs.renameSync(path.join(classesDir, "rt"), path.join(tmp, "rt"));
    fs.writeFileSync(path.join(tmp, "ok"), "");
    publish(tmp, dir);
    return true;
  } finally {
    fs.rmSync(`${dir}.lock`, { force: true });
  }
}

/**
 * Runner classes that need the runtime only (no translated Apex), compiled once per version.
 * @returns {string} the classpath
 */
export function compileRunner(sources) {
  const runtimeDir = compileRuntime();
  const dir = runnerDirOf(runtimeDir, sources);
  compileOnce(dir, () => {
    const tmp = `${dir}.${process.pid}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    const result = javac(["-encoding", "UTF-8", "-nowarn", "-cp", runtimeDir, "-d", tmp, ...sources]);
    if (result.status !== 0) throw new Error(`the runner does not compile:\n${result.stderr}`);
    fs.writeFileSync(path.join(tmp, "ok"), "");
    publish(tmp, dir);
  });
  return [dir, runtimeDir].join(path.delimiter);
}

/**
 * Runs runners of one build (VectorRunner, CostTable) in one JVM through runner.Runs, each with its classes loaded
 * anew as in a JVM of its own, with the flags of short runs on two cores (README.md, "Time").
 * @param {{build: object, runner: string, args: string[]}[]} runs
 * @returns {string[]} each runner's standard output, in order
 */
export function runTogether(runs) {
  const { build } = runs[0];
  if (runs.some((r) => r.build.key !== build.key))
    throw new Error("runTogether: the runs need different builds");
  const runnerArgs = runs.flatMap((r, i) => [...(i ? ["--"] : []), r.runner, ...r.args]);
  const run = spawnSync(
    "java",
    [
      "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1",
      "-Xss8m",
      "-cp",
      build.classpath,
      "runner.Runs",
      build.classesDir,
      ...runnerArgs
    ],
    { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 }
  );
  if (run.error) throw new Error(`java could not start: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`the runner failed (exit ${run.status}):\n${run.stderr}`);
  // System.debug lines, when APEX_JVM_DEBUG is set (rt.ApexSystem)
  if (run.stderr) process.stderr.write(run.stderr);
  return JSON.parse(run.stdout);
}

/** The package of a Java source ("" for the default package) and the top-level types it declares. */
function javaUnit(text) {
  const pkg = /^package\s+([\w.]+)\s*;/m.exec(text)?.[1] ?? "";
  // Top-level declarations start their line; nested ones are indented.
  const types = [
    ...text.matchAll(
      /^(?:(?:public|final|abstract|sealed|non-sealed|strictfp)\s+)*(?:class|interface|enum|record)\s+(\w+)/gm
    )
  ].map((m) => m[1]);
  return { pkg, types };
}

/** What a build compiled, by source ("package/File.java"): its hash and top-level types (sources.json). */
function manifestOf(sources) {
  const files = {};
  for (const file of sources) {
    const text = fs.readFileSync(file, "utf8");
    const { pkg, types } = javaUnit(text);
    files[`${pkg}/${path.basename(file)}`] = { file, text, pkg, types, hash: hashOf([text]) };
  }
  return files;
}

/**
 * Takes from a finished build of the cache the classes of every source this build shares with it, byte for byte,
 * that names no type whose source differs between the two (changed, added or dropped), nor, transitively, a type
 * of a source that must be compiled again: only then is the class javac would write the same one. The
 * build with the most such sources is taken; any doubt (a source whose types are not found, a build pruned while
 * read) means no reuse.
 * @returns {Set<string>} the sources whose classes are now in classesDir (not to compile)
 */
function reuseClasses(current, runtimeDir, classesDir) {
  const names = new Map(
    Object.entries(current).map(([key, unit]) => [key, new Set(unit.text.match(/\b\w+\b/g))])
  );
  const reusedFrom = (base) => {
    const same = new Set();
    for (const [key, unit] of Object.entries(current)) {
      if (base.files[key]?.hash === unit.hash && unit.types.length) same.add(key);
    }
    const dirty = new Set();
    for (const [key, unit] of Object.entries(current))
      if (!same.has(key)) unit.types.forEach((t) => dirty.add(t));
    for (const [key, unit] of Object.entries(base.files))
      if (!same.has(key)) unit.types.forEach((t) => dirty.add(t));
    for (let grew = true; grew;) {
      grew = false;
      for (const key of same) {
        if ([...dirty].some((t) => names.get(key).has(t))) {
          same.delete(key);
          current[key].types.forEach((t) => dirty.add(t));
          grew = true;
        }
      }
    }
    return same;
  };
  let best = { same: new Set() };
  for (const name of fs.existsSync(CACHE_DIR) ? fs.readdirSync(CACHE_DIR) : []) {
    const manifest = path.join(CACHE_DIR, name, "sources.json");
    if (
      !name.startsWith("build-") ||
      name.includes(".tmp") ||
      !fs.existsSync(path.join(CACHE_DIR, name, "ok"))
    )
      continue;
    try {
      const base = JSON.parse(fs.readFileSync(manifest, "utf8"));
      if (base.runtime !== path.basename(runtimeDir)) continue;
      const same = reusedFrom(base);
      if (same.size > best.same.size) best = { same, dir: path.join(CACHE_DIR, name, "classes") };
    } catch {
      // a build of an older layout, or pruned meanwhile: not a base
    }
  }
  if (!best.same.size) return new Set();
  try {
    for (const key of best.same) {
      const { pkg, types } = current[key];
      const from = path.join(best.dir, ...pkg.split("."));
      const to = path.join(classesDir, ...pkg.split("."));
      fs.mkdirSync(to, { recursive: true });
      for (const cls of fs.readdirSync(from)) {
        if (types.some((t) => cls === `${t}.class` || cls.startsWith(`${t}$`))) {
          fs.copyFileSync(path.join(from, cls), path.join(to, cls));
        }
      }
    }
  } catch {
    fs.rmSync(classesDir, { recursive: true, force: true });
    return new Set();
  }
  return new Set([...best.same].map((key) => current[key].file));
}

/** javac's errors on generated files, pointed at the Apex they come from. */
function explainJavacErrors(stderr, lineMaps, srcDir) {
  return stderr.replace(/^(.*?\.java):(\d+): /gm, (whole, file, line) => {
    const name = path
      .relative(srcDir, file)
      .replace(/\.java$/, "")
      .split(path.sep)
      .pop();
    const map = lineMaps[name];
    const apexLine = map?.lines[Number(line) - 1];
    return map?.apexFile && apexLine ? `${map.apexFile}:${apexLine} (${whole.trim()}) ` : whole;
  });
}

/**
 * The class models of the entry classes and of every project class their text names, transitively.
 * @returns {Promise<Map<string, ClassModel>>} by lower-case class name
 */
export async function loadClasses(project, classNames) {
  const units = await parseClosure(project, classNames);
  const classes = new Map();
  for (const [lc, { file, unit }] of units) classes.set(lc, classModelOf(unit, file));
  return classes;
}

/**
 * Translates what the entry points reach, and collects what cannot be translated.
 * @returns {{files: object[], errors: string[]}} the Java files (see emitJava) and the errors as
 *   "file:line: message", paths relative to the project
 */
export function translateClasses(project, classes, entryPoints, { emit = true } = {}) {
  const translator = new Translator({
    classes,
    objectDirs: project.objectDirs,
    namespace: project.namespace
  });
  const errors = translator.run(entryPoints);
  const messages = [...new Set(errors.map((e) => e.message.replace(`${project.root}${path.sep}`, "")))];
  return { files: messages.length || !emit ? [] : emitJava(translator, project.root), errors: messages };
}

/**
 * Translates what the entry points reach, without compiling.
 * @returns {Promise<object[]>} the Java files (see emitJava)
 * @throws {ApexTranslationError} listing every construct that cannot be translated, by Apex file:line
 */
export async function translateProject(project, entryPoints) {
  const classes = await loadClasses(project, [...new Set(entryPoints.map((e) => e.cls.split(".")[0]))]);
  const { files, errors } = translateClasses(project, classes, entryPoints);
  if (errors.length) {
    throw new ApexTranslationError(null, null, `the Apex cannot be translated:\n  ${errors.join("\n  ")}`);
  }
  return files;
}

/**
 * A key for anything derived from translating the project: the translator, every class and object file of
 * the project, and the caller's own parts.
 */
export function translationKey(project, parts) {
  return hashOf([
    ...sourcesOf(path.join(HERE, "translator"), ".mjs").map((f) => fs.readFileSync(f, "utf8")),
    project.namespace,
    ...[...project.classFiles.values()]
      .sort()
      .flatMap((f) => [path.relative(project.root, f), fs.readFileSync(f, "utf8")]),
    ...[...project.objectDirs.values()]
      .flatMap((d) => d.paths.flatMap((dir) => sourcesOf(dir, ".xml")))
      .sort()
      .flatMap((f) => [path.relative(project.root, f), fs.readFileSync(f, "utf8")]),
    ...parts
  ]);
}

/**
 * Translates and compiles a project's Apex for the given entry points.
 * @param {object} options
 * @param {string} options.root the sfdx project
 * @param {{cls: string, member: string}[]} options.entryPoints members the runner calls
 * @param {string[]} options.runnerSources Java files of the runner (package runner), compiled with it
 * @returns {Promise<{classpath: string, lineMaps: object, key: string, cached: boolean}>}
 */
export async function buildProgram({ root, entryPoints: requested, runnerSources: sources }) {
  // The same set in any order is the same build (check.mjs shares one build between two runners).
  const entryPoints = [...new Map(requested.map((e) => [`${e.cls}.${e.member}`, e])).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, e]) => e);
  const runnerSources = [...new Set(sources)].sort();
  const project = readProject(root);
  const runtime = runtimeOf();
  const runtimeDir = runtime.dir;
  const key = translationKey(project, [
    path.basename(runtimeDir),
    ...runnerSources.map((f) => fs.readFileSync(f, "utf8")),
    JSON.stringify(entryPoints)
  ]);
  const dir = path.join(CACHE_DIR, `build-${key}`);
  const classpath = [path.join(dir, "classes"), runtimeDir].join(path.delimiter);
  if (fs.existsSync(path.join(dir, "ok"))) {
    compileRuntime();
    fs.utimesSync(dir, new Date(), new Date());
    const lineMaps = JSON.parse(fs.readFileSync(path.join(dir, "linemap.json"), "utf8"));
    return { classpath, classesDir: path.join(dir, "classes"), lineMaps, key, cached: true, project };
  }

  const files = await translateProject(project, entryPoints);
  const tmp = `${dir}.${process.pid}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const srcDir = path.join(tmp, "src");
  const pkgDir = path.join(srcDir, GENERATED_PACKAGE);
  fs.mkdirSync(pkgDir, { recursive: true });
  const lineMaps = {};
  const generated = [];
  for (const file of files) {
    const target = path.join(pkgDir, `${file.name}.java`);
    fs.writeFileSync(target, file.lines.map((l) => l.text).join("\n") + "\n");
    lineMaps[file.name] = { apexFile: file.apexFile, lines: file.lines.map((l) => l.line) };
    generated.push(target);
  }
  const units = manifestOf([...generated, ...runnerSources]);
  const classesDir = path.join(tmp, "classes");
  const compile = (files) =>
    javac([
      "-encoding",
      "UTF-8",
      "-nowarn",
      "-Xmaxerrs",
      "50",
      "-cp",
      [classesDir, runtimeDir].join(path.delimiter),
      "-d",
      classesDir,
      ...files
    ]);
  const all = Object.values(units).map((unit) => unit.file);
  let result = { status: 0 };
  let reused = new Set();
  if (!compiledWithRuntime(runtime, (rt) => compile([...rt, ...all]), classesDir)) {
    compileRuntime();
    reused = reuseClasses(units, runtimeDir, classesDir);
    const rest = all.filter((file) => !reused.has(file));
    if (rest.length) result = compile(rest);
  }
  if (result.status !== 0 && reused.size) {
    // javac's errors are reported from a whole compile, never one that leaned on reused classes
    fs.rmSync(classesDir, { recursive: true, force: true });
    result = compile(all);
  }
  if (result.status !== 0) {
    throw new ApexTranslationError(
      null,
      null,
      `the translated Java does not compile (a translator gap; generated sources in ${srcDir}):\n${explainJavacErrors(result.stderr, lineMaps, srcDir)}`
    );
  }
  fs.writeFileSync(path.join(tmp, "linemap.json"), JSON.stringify(lineMaps));
  const compiled = Object.fromEntries(
    Object.entries(units).map(([key, { pkg, types, hash }]) => [key, { pkg, types, hash }])
  );
  fs.writeFileSync(
    path.join(tmp, "sources.json"),
    JSON.stringify({ runtime: path.basename(runtimeDir), files: compiled })
  );
  fs.writeFileSync(path.join(tmp, "ok"), "");
  publish(tmp, dir);
  prune();
  return { classpath, classesDir: path.join(dir, "classes"), lineMaps, key, cached: false, project };
}
