// Shared plumbing for the offline checks: which project to check (--root), where its source lives,
// and one way to report findings as "file:line: message" so every check fails the same readable way.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** The repository root: the checks and their tools live here, whichever project they check. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Folders no check ever walks into: dependencies, tool state and build output (written while checks run). */
const SKIPPED_DIRS = new Set(
  "node_modules .git .sfdx .sf .localdevserver coverage dist dist-test .tmp".split(" ")
);

/**
 * Takes a claim file naming this process, so that of the processes one `npm test` starts together (its steps and
 * the self-tests) one does a piece of work and the others wait for its result. False while another live process
 * holds the claim; a claim whose process is gone, or older than maxAgeMs (a crashed holder's id reused), is taken over.
 */
export function tryClaim(file, maxAgeMs) {
  try {
    fs.writeFileSync(file, String(process.pid), { flag: "wx" });
    return true;
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
  }
  if (claimHeld(file, maxAgeMs)) return false;
  fs.rmSync(file, { force: true });
  return tryClaim(file, maxAgeMs);
}

function claimHeld(file, maxAgeMs) {
  try {
    const pid = Number(fs.readFileSync(file, "utf8"));
    const age = Date.now() - fs.statSync(file).mtimeMs;
    if (!pid) return age < 5000; // just created, its process id not written yet
    process.kill(pid, 0);
    return age < maxAgeMs;
  } catch (error) {
    return error.code === "EPERM"; // a live process of another user; ESRCH: gone; ENOENT: just released
  }
}

/** `--root <dir>` (default: the repository), so a check can be pointed at a fixture; `args`: the script's other ones. */
export function parseRootArg(argv = process.argv.slice(2)) {
  const args = [...argv];
  const i = args.indexOf("--root");
  if (i !== -1 && !args[i + 1]) fail("usage: --root <project dir>");
  const root = i === -1 ? repoRoot : path.resolve(args.splice(i, 2)[1]);
  const project = path.join(root, "sfdx-project.json");
  if (!fs.existsSync(project)) fail(`missing: ${project} (not an sfdx project root)`);
  return { root, args };
}

/**
 * The sfdx project: namespace, sourceApiVersion, the absolute package directories, and those that go into the package
 * (the ones naming a package, or all when none does: companion/ is deployed, not packaged); buildsPackage when one
 * names a package (the project then goes to the AppExchange security review).
 */
export function readProject(root) {
  const project = JSON.parse(fs.readFileSync(path.join(root, "sfdx-project.json"), "utf8"));
  const dirs = project.packageDirectories;
  return {
    namespace: project.namespace || "",
    buildsPackage: dirs.some((d) => d.package),
    sourceApiVersion: project.sourceApiVersion,
    packageDirs: dirs.map((d) => path.join(root, d.path)).filter((d) => fs.existsSync(d)),
    packagedDirs: dirs
      .filter((d) => d.package || !dirs.some((x) => x.package))
      .map((d) => path.join(root, d.path))
  };
}

/** A path with `/` between its parts (relative to root when given), as the rules' patterns and messages write it. */
export const toPosix = (file, root) => (root ? path.relative(root, file) : file).split(path.sep).join("/");

/** Every file under dir, recursively, skipping tool and dependency folders. */
export function walk(dir, skip = () => false) {
  const visit = (d) =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) || skip(full) ? [] : visit(full);
      return entry.isFile() ? [full] : [];
    });
  return fs.existsSync(dir) ? visit(dir).sort() : [];
}

/** Runs fn on every item, `concurrency` at a time (the checks share 2 cores); the results in the items' order. */
export async function mapConcurrently(items, concurrency, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return results;
}

let parser;
/** Metadata XML as fast-xml-parser reads it (attributes as "@_name", values as text), loaded on the first parse. */
export function parseXml(text) {
  parser ??= new (createRequire(import.meta.url)("fast-xml-parser").XMLParser)({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseTagValue: false
  });
  return parser.parse(text);
}
/** The parsed XML of a metadata file, or undefined when it cannot be read (the metadata step reports those). */
export function readXml(file) {
  try {
    return parseXml(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}
/** A parsed element that may repeat, always as a list. */
export const list = (x) => (x == null ? [] : Array.isArray(x) ? x : [x]);
/** A parsed element's text ("" when absent), also when it carries attributes. */
export const str = (x) => (x == null ? "" : typeof x === "object" ? String(x["#text"] ?? "") : String(x));

export const lower = (s) => s.toLowerCase();
/** Items grouped by key, in first-seen order (Map.groupBy, which Node 20 lacks: the README says Node 20 runs the gate). */
export function groupBy(items, keyOf) {
  const groups = new Map();
  for (const item of items) {
    const key = keyOf(item);
    if (groups.has(key)) groups.get(key).push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
/** A parsed checkbox-like element that is set. */
export const isTrue = (x) => str(x) === "true";

/** 1-based line of the first occurrence of needle in text (1 when absent, so a location is always printed). */
export function lineOf(text, needle, from = 0) {
  const at = text.indexOf(needle, from);
  return at === -1 ? 1 : text.slice(0, at).split("\n").length;
}

/** A finding printed as "relative/file:line: message", the format every check and run-all share. */
export const formatFinding = ({ file, line, message }) =>
  `${path.relative(process.cwd(), file) || file}:${line ?? 1}: ${message}`;

/** Prints the findings and a summary line naming the check, and sets the exit code: 0 when there are none, else 1. */
export function report(check, root, findings, startedAt) {
  for (const f of findings) console.error(formatFinding(f));
  if (findings.length) {
    console.error(`${check}: ${findings.length} finding(s) in ${path.relative(process.cwd(), root) || "."}`);
    process.exitCode ||= 1;
  } else {
    console.log(`${check}: ok (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  }
}

/** Stops the check with a message (used for broken setup, not for findings). */
export function fail(message) {
  console.error(message);
  process.exit(2);
}
