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
import { mapConcurrently, repoRoot } from "./project.mjs";

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

function parseOne(bin, file) {
  return new Promise((resolve) => {
    const child = spawn(bin, ["-l", file]);
    const chunks = [];
    let stderr = "";
    child.stdout.on("data", (d) => chunks.push(d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (error) => resolve({ file, error: error.message }));
    child.on("close", (code) => {
      if (code !== 0) return resolve({ file, error: `serializer exited ${code}: ${stderr.trim()}` });
      const output = JSON.parse(Buffer.concat(chunks).toString("utf8"))[
        "apex.jorje.semantic.compiler.parser.ParserOutput"
      ];
      const errors = [...(output.parseErrors ?? []), ...(output.internalErrors ?? [])];
      if (errors.length) {
        const first = errors[0];
        const line = JSON.stringify(first).match(/"line":(\d+)/)?.[1];
        return resolve({ file, error: `syntax: ${first.message ?? "parse error"}`, line: Number(line) || 1 });
      }
      resolve({ file, unit: simplify(output.unit) });
    });
  });
}

/**
 * Syntax trees are cached by content (and by the parser binary and this module's source, which decide their shape) in .tmp/, so
 * the steps that read the same Apex (metadata, apex-rules, intelligence) parse each file once.
 */
const CACHE_DIR = path.join(repoRoot, ".tmp/apex-ast");
const ownSource = fs.readFileSync(new URL(import.meta.url), "utf8");

async function parseCached(bin, file) {
  const source = fs.readFileSync(file, "utf8");
  const key = crypto
    .createHash("sha1")
    .update(`${fs.statSync(bin).size}\0${ownSource}\0${source}`)
    .digest("hex");
  const cached = path.join(CACHE_DIR, `${key}.json`);
  if (fs.existsSync(cached)) return { file, unit: JSON.parse(fs.readFileSync(cached, "utf8")) };
  const result = await parseOne(bin, file);
  if (result.unit) {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${cached}.${process.pid}`; // steps run concurrently: write aside, then rename
    fs.writeFileSync(partial, JSON.stringify(result.unit));
    fs.renameSync(partial, cached);
  }
  return result;
}

/**
 * Parses Apex classes and triggers, a few at a time.
 * @param {string[]} files .cls and .trigger paths
 * @returns {Promise<{file: string, unit?: object, error?: string, line?: number}[]>} in the files' order
 */
export async function parseApex(files, concurrency = 4) {
  const bin = serializer();
  if (!bin) throw new Error(`missing: the native Apex parser under ${SERIALIZER_DIR} (run npm ci)`);
  return mapConcurrently(files, concurrency, (file) => parseCached(bin, file));
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
