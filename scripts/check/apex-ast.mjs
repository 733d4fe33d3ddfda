// Apex syntax trees for the project's own Apex checks (apex-rules.mjs), from the native jorje parser that
// prettier-plugin-apex ships (@prettier-apex/apex-ast-serializer-*): Salesforce's own Apex parser, no JVM,
// about 15 ms a file. The serializer's JSON is reduced to plain nodes: `$` is the jorje class without its
// package (Expr$VariableExpr, Stmnt$RunAsBlock, …), optional values are unwrapped (null when absent),
// identifiers become { $: "Id", value, line } and every node with a location gets its `line`.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "./project.mjs";

const SERIALIZER_DIR = path.join(repoRoot, "node_modules/@prettier-apex");

/** The native serializer binary for this platform, or null when npm did not install it. */
function serializer() {
  const name = `apex-ast-serializer-${os.platform()}-${os.arch()}`;
  const bin = path.join(SERIALIZER_DIR, name, name);
  return fs.existsSync(bin) ? bin : null;
}

/** jorje JSON → plain nodes (see the file comment). */
function simplify(node) {
  if (Array.isArray(node)) return node.map(simplify);
  if (node === null || typeof node !== "object") return node;
  const cls = node["@class"];
  if (!cls) {
    const keys = Object.keys(node);
    // an Optional: { value } or {}
    if (keys.length === 0) return null;
    if (keys.length === 1 && keys[0] === "value") return simplify(node.value);
  }
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

/** The serializer's JSON for one file: { file, unit } or { file, error, line }. */
function readOutput(file, json) {
  const output = JSON.parse(json)["apex.jorje.semantic.compiler.parser.ParserOutput"];
  const errors = [...(output.parseErrors ?? []), ...(output.internalErrors ?? [])];
  if (errors.length) {
    const first = errors[0];
    const line = JSON.stringify(first).match(/"line":(\d+)/)?.[1];
    return { file, error: `syntax: ${first.message ?? "parse error"}`, line: Number(line) || 1 };
  }
  return { file, unit: simplify(output.unit) };
}

/**
 * One shell runs the serializer on each file of a batch in turn and writes, after each file's JSON (or, when it
 * fails, its error output), a record separator (0x1e, which JSON never holds unescaped) and the exit code.
 * Node starts one process per batch instead of one per file: a process started from a large Node process costs
 * more CPU than the parse of a small class.
 */
const BATCH_SCRIPT = `bin=$1; err=$2; shift 2
for f in "$@"; do
  "$bin" -l "$f" 2>"$err"; code=$?
  [ $code -ne 0 ] && cat "$err"
  printf '\\036%d\\n' $code
done`;
const SEPARATOR = 0x1e;
const NEWLINE = 0x0a;

function parseBatch(bin, files, onResult) {
  return new Promise((resolve) => {
    const errDir = fs.mkdtempSync(path.join(os.tmpdir(), "apex-ast-"));
    const child = spawn("sh", ["-c", BATCH_SCRIPT, "sh", bin, path.join(errDir, "stderr"), ...files]);
    let index = 0;
    let pending = []; // the current file's output so far
    let rest = Buffer.alloc(0); // a separator whose exit code has not fully arrived
    child.stdout.on("data", (data) => {
      let chunk = rest.length ? Buffer.concat([rest, data]) : data;
      rest = Buffer.alloc(0);
      for (;;) {
        const at = chunk.indexOf(SEPARATOR);
        const eol = at < 0 ? -1 : chunk.indexOf(NEWLINE, at);
        if (eol < 0) {
          if (at >= 0) rest = Buffer.from(chunk.subarray(at));
          pending.push(at >= 0 ? chunk.subarray(0, at) : chunk);
          break;
        }
        pending.push(chunk.subarray(0, at));
        const text = Buffer.concat(pending).toString("utf8");
        const code = Number(chunk.subarray(at + 1, eol).toString());
        const file = files[index++];
        onResult(
          code === 0 ? readOutput(file, text) : { file, error: `serializer exited ${code}: ${text.trim()}` }
        );
        pending = [];
        chunk = chunk.subarray(eol + 1);
      }
    });
    child.stderr.on("data", () => {});
    child.on("error", (error) => {
      while (index < files.length) onResult({ file: files[index++], error: error.message });
    });
    child.on("close", (code, signal) => {
      fs.rmSync(errDir, { recursive: true, force: true });
      while (index < files.length)
        onResult({ file: files[index++], error: `serializer stopped (${signal ?? `exit ${code}`})` });
      resolve();
    });
  });
}

/**
 * Syntax trees are cached by content (and by the parser binary and this module's source, which decide their shape) in .tmp/, so
 * the steps that read the same Apex (metadata, apex-rules, intelligence) parse each file once.
 */
const CACHE_DIR = path.join(repoRoot, ".tmp/apex-ast");
const ownSource = fs.readFileSync(new URL(import.meta.url), "utf8");

function cachePath(bin, source) {
  const key = crypto
    .createHash("sha1")
    .update(`${fs.statSync(bin).size}\0${ownSource}\0${source}`)
    .digest("hex");
  return path.join(CACHE_DIR, `${key}.json`);
}

function store(cached, unit) {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const partial = `${cached}.${process.pid}`; // steps run concurrently: write aside, then rename
  fs.writeFileSync(partial, JSON.stringify(unit));
  fs.renameSync(partial, cached);
}

/**
 * Parses Apex classes and triggers: cached trees are read, the others parsed in `batches` processes at once.
 * @param {string[]} files .cls and .trigger paths
 * @returns {Promise<{file: string, unit?: object, error?: string, line?: number}[]>} in the files' order
 */
export async function parseApex(files, batches = 2) {
  const bin = serializer();
  if (!bin) throw new Error(`missing: the native Apex parser under ${SERIALIZER_DIR} (run npm ci)`);
  const results = new Map();
  const toParse = new Map(); // file -> its cache path
  for (const file of files) {
    const cached = cachePath(bin, fs.readFileSync(file, "utf8"));
    if (fs.existsSync(cached)) results.set(file, { file, unit: JSON.parse(fs.readFileSync(cached, "utf8")) });
    else toParse.set(file, cached);
  }
  const pending = [...toParse.keys()];
  await Promise.all(
    Array.from({ length: Math.min(batches, pending.length) }, (_, b) =>
      parseBatch(
        bin,
        pending.filter((_, i) => i % batches === b),
        (result) => {
          if (result.unit) store(toParse.get(result.file), result.unit);
          results.set(result.file, result);
        }
      )
    )
  );
  return files.map((file) => results.get(file));
}

/** Calls visit(node, parent) for every node under root, depth first, in source order. */
export function forEachNode(root, visit, parent = null) {
  if (Array.isArray(root)) {
    for (const item of root) forEachNode(item, visit, parent);
    return;
  }
  if (root === null || typeof root !== "object") return;
  if (root.$ && root.$ !== "Id") visit(root, parent);
  for (const [key, value] of Object.entries(root)) {
    if (key !== "$" && value && typeof value === "object") forEachNode(value, visit, root.$ ? root : parent);
  }
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

/** Annotation names (lower case) and modifier kinds of a declaration's modifier list. */
export function modifiersOf(modifiers = []) {
  const annotations = new Set();
  const kinds = new Set();
  for (const m of modifiers ?? []) {
    if (m.$ === "Modifier$Annotation") annotations.add(idOf(m.name));
    else
      kinds.add(
        m.$.replace(/^Modifier\$/, "")
          .replace(/Modifier$/, "")
          .toLowerCase()
      );
  }
  return { annotations, kinds };
}

/** All nodes of a kind under a root (convenience for rules). */
export function nodesOf(root, kind) {
  const out = [];
  forEachNode(root, (n) => {
    if (n.$ === kind) out.push(n);
  });
  return out;
}
