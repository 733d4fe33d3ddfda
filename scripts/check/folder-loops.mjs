// `folder-loops` (step apex-rules; what counts as a reference: docs/quality-gate.md, "Apex rules"; the layers:
// docs/architecture.md, "Layers"): a loop of folders means neither can be read, changed or split without the other.
// A loop of classes kept on purpose is a row of "Class loops that stay" in docs/architecture.md. Run directly
// (`node scripts/check/folder-loops.mjs [--root <dir>]`) it prints the folder dependencies and the loops of classes.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { forEachNode, idOf, nodeLine } from "./apex-ast.mjs";
import { readApexModel, walkBodies } from "./apex-model.mjs";
import { parseRootArg, readProject, toPosix } from "./project.mjs";

const RULE = "folder-loops";

/** The folder a class or trigger file belongs to: its path without the classes/ or triggers/ folder. */
const folderOf = (root, file) => toPosix(path.dirname(path.dirname(file)), root);

/** Every reference from a production class (or trigger) to another top-level project class, the first of each pair. */
function classReferences(model, root) {
  const tops = new Map([...model.classes.values()].filter((c) => !c.outer).map((c) => [c.name, c]));
  const refs = [];
  const seen = new Set();
  /** `from`: a top-level class, or a trigger as { name: "trigger:<name>" } (Apex inner classes are one level deep). */
  const add = (from, file, name, at) => {
    const to = tops.get(name);
    const key = `${from.name}>${name}`;
    if (!to || to === from || from.isTest || to.isTest || seen.has(key)) return;
    seen.add(key);
    refs.push({
      from: from.display ?? from.name,
      to: to.display,
      fromFolder: folderOf(root, file),
      toFolder: folderOf(root, to.file),
      file,
      line: at.names[0].line ?? nodeLine(at)
    });
  };
  /** The top-level class a first name means from inside the top-level class `top`, or null (inner classes first). */
  const meant = (node, top) => {
    const name = idOf(node.names[0]);
    return tops.has(name) && !model.classes.has(`${top.name}.${name}`) ? name : null;
  };
  const referrer = (cls, trigger) => cls?.outer ?? cls ?? { name: `trigger:${trigger.name}` };
  // Types written anywhere in a class or trigger.
  const bodies = [
    ...[...tops.values()].map((c) => [c, c.file, c.decl]),
    ...model.triggers.map((t) => [referrer(null, t), t.file, t.members])
  ];
  for (const [from, file, body] of bodies)
    forEachNode(body, (node) => {
      const name = node.$.startsWith("TypeRefs$") && node.names?.length && meant(node, from);
      if (name) add(from, file, name, node);
    });
  // Names in code: X.member, X.method(…), where X is no variable in scope.
  walkBodies(model, (node, ctx) => {
    if (node.$ !== "Expr$VariableExpr" && node.$ !== "Expr$MethodCallExpr") return;
    if (node.dottedExpr || !node.names?.length) return;
    if (node.$ === "Expr$MethodCallExpr" && node.names.length < 2) return; // a call of an own method
    if (ctx.lookup(idOf(node.names[0])) !== undefined) return;
    const from = referrer(ctx.cls, ctx.trigger);
    const name = meant(node, from);
    if (name) add(from, ctx.file, name, node);
  });
  return refs;
}

/** The loops of a graph given by its edges [a, b]: its strongly connected components of 2 or more nodes, sorted. */
function loopsOf(edges) {
  const next = new Map();
  for (const [a, b] of edges) {
    next.set(a, (next.get(a) ?? new Set()).add(b));
    if (!next.has(b)) next.set(b, new Set());
  }
  const reached = new Map();
  for (const v of next.keys()) {
    const seen = new Set();
    for (const todo = [v]; todo.length;)
      for (const w of next.get(todo.pop())) {
        if (!seen.has(w)) todo.push(w);
        seen.add(w);
      }
    reached.set(v, seen);
  }
  const loops = new Map(); // the loop's first node -> the loop
  for (const v of [...next.keys()].sort()) {
    const loop = [...reached.get(v)].filter((w) => reached.get(w).has(v)).sort();
    if (loop.length > 1) loops.set(loop[0], loop);
  }
  return [...loops.values()];
}

/**
 * One finding per loop of the graph the references make between their `ends` (folders, or classes), on its first
 * reference in `order`, naming the loop (`describe`; null: the loop is kept) and every reference in it.
 */
export function loopFindings(root, refs, ends, order, describe) {
  return loopsOf(refs.map(ends)).flatMap((loop) => {
    if (!describe(loop)) return [];
    const inLoop = refs.filter((r) => ends(r).every((end) => loop.includes(end))).sort(order);
    const where = inLoop.map((r) => `${r.from} → ${r.to} (${toPosix(r.file, root)}:${r.line})`).join("; ");
    const message = `${describe(loop)}; references: ${where}`;
    return [{ file: inLoop[0].file, line: inLoop[0].line, message }];
  });
}

/**
 * The class loops a project keeps: rows `| `A`, `B` | why |` of the table under the heading "Class loops that stay"
 * in its docs/architecture.md, as { classes (lower case), reason }. A row without a reason keeps nothing.
 */
function keptClassLoops(root) {
  const file = path.join(root, "docs/architecture.md");
  const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  return (text.split(/^#+ Class loops that stay\s*$/m)[1]?.split(/^#/m)[0] ?? "")
    .split("\n")
    .map((line) => line.match(/^\|([^|]*)\|([^|]*)\|\s*$/))
    .filter(Boolean)
    .map(([, classes, reason]) => ({
      classes: [...classes.matchAll(/`(\w+)`/g)].map((m) => m[1].toLowerCase()),
      reason: reason.trim()
    }))
    .filter((row) => row.classes.length > 1 && row.reason);
}

/** The row of `kept` that names every class of a loop, if any. */
const keptRow = (kept, loop) =>
  kept.find((row) => loop.every((name) => row.classes.includes(name.toLowerCase())));

export function check({ model, root }) {
  const references = classReferences(model, root);
  const byPlace = (a, b) => a.file.localeCompare(b.file) || a.line - b.line;
  const folderLoops = loopFindings(
    root,
    references.filter((r) => r.fromFolder !== r.toFolder),
    (r) => [r.fromFolder, r.toFolder],
    (a, b) => a.fromFolder.localeCompare(b.fromFolder) || byPlace(a, b),
    (loop) => `folders that depend on each other: ${loop.join(", ")}`
  );
  // Loops of classes inside one folder (a loop across folders is a folder loop, reported above).
  const kept = keptClassLoops(root);
  const classLoops = loopFindings(
    root,
    references.filter((r) => r.fromFolder === r.toFolder),
    (r) => [r.from, r.to],
    byPlace,
    (loop) =>
      !keptRow(kept, loop) &&
      `classes that use each other: ${loop.join(", ")} (a loop kept on purpose is named with its reason in docs/architecture.md, "Class loops that stay")`
  );
  return [...folderLoops, ...classLoops].map((f) => ({ ...f, rule: RULE }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { root } = parseRootArg();
  const { namespace, packageDirs } = readProject(root);
  const { model } = await readApexModel(packageDirs, namespace);
  const refs = classReferences(model, root);
  const across = refs.filter((r) => r.fromFolder !== r.toFolder);
  const mutual = (r) => across.some((s) => s.fromFolder === r.toFolder && s.toFolder === r.fromFolder);
  const pairs = new Set(across.filter(mutual).map((r) => [r.fromFolder, r.toFolder].sort().join(" <-> ")));
  const folderLoops = loopsOf(across.map((r) => [r.fromFolder, r.toFolder]));
  const classLoops = loopsOf(refs.map((r) => [r.from, r.to]));
  console.log(`folder pairs depending on each other: ${pairs.size}`);
  for (const p of [...pairs].sort()) console.log(`  ${p}`);
  console.log(`folder loops: ${folderLoops.length} (${folderLoops.flat().length} folders)`);
  for (const l of folderLoops) console.log(`  ${l.join(", ")}`);
  const kept = keptClassLoops(root);
  console.log(`class loops: ${classLoops.length} (${classLoops.flat().length} classes)`);
  for (const l of classLoops) console.log(`  ${l.join(", ")}${keptRow(kept, l) ? " (stays)" : ""}`);
}
