// Apex syntax trees for the project's own Apex checks (apex-rules.mjs), from the native jorje parser that
// prettier-plugin-apex ships (@prettier-apex/apex-ast-serializer-*): Salesforce's own Apex parser, no JVM,
// about 15 ms a file. The serializer's JSON is reduced to plain nodes: `$` is the jorje class without its
// package (Expr$VariableExpr, Stmnt$RunAsBlock, …), optional values are unwrapped (null when absent),
// identifiers become { $: "Id", value, line } and every node with a location gets its `line`. The serializer's
// own JSON is kept too (serializeApex): the format step hands it to prettier-plugin-apex, so each file is parsed once.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { groupBy, repoRoot, tryClaim } from "./project.mjs";

const SERIALIZER_DIR = path.join(repoRoot, "node_modules/@prettier-apex");
const SERIALIZER = `apex-ast-serializer-${os.platform()}-${os.arch()}`;

/** jorje JSON → plain nodes (see the file comment). */
function simplify(node) {
  if (Array.isArray(node)) return node.map(simplify);
  if (node === null || typeof node !== "object") return node;
  const cls = node["@class"];
  const optional = !cls && Object.keys(node).every((key) => key === "value"); // an Optional: {} or { value }
  if (optional) return "value" in node ? simplify(node.value) : null;
  // a boxed literal value: { "@class": "string", "$": "text" }
  if (cls && !cls.includes(".") && "$" in node) return node.$;
  const short = cls ? cls.slice(cls.lastIndexOf(".") + 1) : undefined;
  if (short === "Identifiers$LocationIdentifier") return { $: "Id", value: node.value, line: node.loc?.line };
  const out = short ? { $: short } : {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "@class") continue;
    if (key === "loc") out.line = value?.line;
    else out[key] = simplify(value);
  }
  return out;
}

/** The serializer's JSON for one file: { file, unit, json } or { file, error, line }. */
function readOutput(file, json) {
  const output = JSON.parse(json)["apex.jorje.semantic.compiler.parser.ParserOutput"];
  const errors = [...(output.parseErrors ?? []), ...(output.internalErrors ?? [])];
  if (errors.length) {
    const line = JSON.stringify(errors[0]).match(/"line":(\d+)/)?.[1];
    return { file, error: `syntax: ${errors[0].message ?? "parse error"}`, line: Number(line) || 1 };
  }
  return { file, unit: simplify(output.unit), json };
}

/** One shell per batch runs the serializer: a process started from a large Node process costs more than a parse. */
const BATCH = 'i=0; for f; do i=$((i+1)); "$BIN" -l "$f" >"$OUT/$i" 2>"$OUT/$i.err"; echo $?; done';

async function parseBatch(bin, files) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "apex-ast-"));
  try {
    const env = { ...process.env, BIN: bin, OUT: out };
    const { stdout } = await promisify(execFile)("sh", ["-c", BATCH, "sh", ...files], { env });
    const codes = stdout.trim().split("\n").map(Number);
    const read = (name) => fs.readFileSync(path.join(out, name), "utf8").trim();
    const failed = (file, i) => ({ file, error: `serializer exited ${codes[i]}: ${read(`${i + 1}.err`)}` });
    return files.map((file, i) => (codes[i] === 0 ? readOutput(file, read(`${i + 1}`)) : failed(file, i)));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Syntax trees are cached by content (and by the parser binary and this module's source, which decide their shape) in
 * .tmp/, so the steps that read the same Apex (metadata, apex-rules, intelligence) parse each file once. Steps run
 * concurrently: a file is parsed by the step that claims it first (a claim file beside the tree it will write); the
 * others wait for the tree. A claim older than any batch takes (five minutes) is left over.
 */
const CACHE_DIR = path.join(repoRoot, ".tmp/apex-ast");
const ownSource = fs.readFileSync(new URL(import.meta.url), "utf8");

/**
 * Parses the files not cached yet in `batches` processes at once, writing each one's serializer JSON (`.jorje.json`)
 * and then its tree (`.json`: a tree means both). Returns { cachePath: file → tree, parsed: this process's results }.
 */
async function parseUncached(files, batches) {
  const bin = path.join(SERIALIZER_DIR, SERIALIZER, SERIALIZER);
  if (!fs.existsSync(bin))
    throw new Error(`missing: the native Apex parser under ${SERIALIZER_DIR} (run npm ci)`);
  const shape = `${fs.statSync(bin).size}\0${ownSource}`; // what decides a tree besides the source
  const keyOf = (source) => crypto.createHash("sha1").update(`${shape}\0${source}`).digest("hex");
  const cached = new Map(
    files.map((file) => [file, path.join(CACHE_DIR, `${keyOf(fs.readFileSync(file, "utf8"))}.json`)])
  );
  const uncached = () => files.filter((file) => !fs.existsSync(cached.get(file)));
  const parsed = new Map();
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const write = (file, text) => {
    const partial = `${file}.${process.pid}`; // written aside, then renamed
    fs.writeFileSync(partial, text);
    fs.renameSync(partial, file);
  };
  for (let todo = uncached(); todo.length; todo = uncached().filter((file) => !parsed.has(file))) {
    const mine = todo.filter((file) => tryClaim(`${cached.get(file)}.claim`, 300_000));
    if (!mine.length) {
      await new Promise((resolve) => setTimeout(resolve, 200)); // another step is parsing them
      continue;
    }
    try {
      const count = Math.min(batches, mine.length);
      const groups = Array.from({ length: count }, (_, b) => mine.filter((_, i) => i % count === b));
      const results = await Promise.all(groups.map((group) => parseBatch(bin, group)));
      for (const result of results.flat()) {
        parsed.set(result.file, result);
        if (!result.unit) continue;
        write(jorjePath(cached.get(result.file)), result.json);
        write(cached.get(result.file), JSON.stringify(result.unit));
      }
    } finally {
      for (const file of mine) fs.rmSync(`${cached.get(file)}.claim`, { force: true });
    }
  }
  return { cachePath: cached, parsed };
}

const jorjePath = (tree) => tree.replace(/\.json$/, ".jorje.json");

/** Each file's `key` ("unit" or "json"), from this process's parse or, when another parsed it, readCached(tree path). */
async function parsed(files, batches, key, readCached) {
  const { cachePath, parsed: mine } = await parseUncached(files, batches);
  return files.map((file) => {
    const result = mine.get(file);
    if (result && !result.unit) return result;
    return { file, [key]: result ? result[key] : readCached(cachePath.get(file)) };
  });
}

/** Parses Apex classes and triggers: { file, unit } or, where the serializer rejects one, { file, error, line }. */
export const parseApex = (files, batches = 2) =>
  parsed(files, batches, "unit", (tree) => JSON.parse(fs.readFileSync(tree, "utf8")));

/** The serializer's own output, as prettier-plugin-apex reads it: { file, json }, or { file, error, line } (parseApex). */
export const serializeApex = (files, batches = 2) =>
  parsed(files, batches, "json", (tree) => fs.readFileSync(jorjePath(tree), "utf8"));

/** Calls visit(node) for every node under root, depth first, in source order. */
export function forEachNode(root, visit) {
  if (Array.isArray(root)) return root.forEach((item) => forEachNode(item, visit));
  if (root === null || typeof root !== "object") return;
  if (root.$ && root.$ !== "Id") visit(root);
  for (const [key, value] of Object.entries(root))
    if (key !== "$" && value && typeof value === "object") forEachNode(value, visit);
}

/** The identifier's text, lower-cased (Apex names are case-insensitive). */
export const idOf = (identifier) => String(identifier?.value ?? identifier ?? "").toLowerCase();

/** The smallest line found in the node or below it (identifiers carry lines where expressions do not). */
export function nodeLine(node) {
  const lines = [...JSON.stringify(node ?? {}).matchAll(/"line":(\d+)/g)].map((m) => Number(m[1]));
  return lines.length ? Math.min(...lines) : 1;
}

/** A type reference as { name: "list", args: [{ name: "lead", args: [] }] }, "schema." dropped. */
export function typeOf(typeRef) {
  if (!typeRef) return null;
  if (typeRef.$ === "TypeRefs$ArrayTypeRef") return { name: "list", args: [typeOf(typeRef.heldType)] };
  const names = (typeRef.names ?? []).map(idOf);
  if (names.length === 0) return null;
  if (names[0] === "schema" && names.length > 1) names.shift();
  return { name: names.join("."), args: (typeRef.typeArguments ?? []).map(typeOf) };
}

/** A declaration's annotation names and modifier kinds (Modifier$WithoutSharingModifier: withoutsharing), lower case. */
export function modifiersOf(modifiers) {
  const annotations = new Set();
  const kinds = new Set();
  for (const m of modifiers ?? [])
    if (m.$ === "Modifier$Annotation") annotations.add(idOf(m.name));
    else kinds.add(m.$.replace(/^Modifier\$|Modifier$/g, "").toLowerCase());
  return { annotations, kinds };
}

/** Runs step over the items, pass after pass, until a pass in which no step returns true (a fixpoint). */
export function untilStable(items, step) {
  while (items.map(step).includes(true));
}

const nodesByKind = new WeakMap();
/** All nodes of a kind under a root, in source order (a root's nodes are sorted by kind once: rules ask often). */
export function nodesOf(root, kind) {
  if (!nodesByKind.has(root)) {
    const all = [];
    forEachNode(root, (n) => all.push(n));
    const byKind = groupBy(all, (n) => n.$);
    nodesByKind.set(root, byKind);
  }
  return nodesByKind.get(root).get(kind) ?? [];
}
