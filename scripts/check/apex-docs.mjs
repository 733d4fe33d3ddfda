// Rule `docs-unreachable-apex` (what counts as telling a subscriber to run Apex: docs/quality-gate.md, "Apex rules"):
// in a managed package only `global` Apex can be called from a subscriber's anonymous Apex; @AuraEnabled and
// @InvocableMethod methods are reachable through the package's components and Flows, and an InstallHandler runs by
// itself (Apex Developer Guide, "Develop and Distribute Apex for Managed Packages", "Best Practices for Using Global
// Apex in Managed Packages").
import fs from "node:fs";
import path from "node:path";
import { toPosix, walk } from "./project.mjs";

/** An instruction to run something: "Run …", "run it once", Developer Console, anonymous Apex, sf apex run. */
const INSTRUCTION =
  /(^|[.:!]\s+|\n\s*[-*]?\s*)(run|execute)\b|\b(run|execute)\s+(it|this|them|once|the following)\b|developer console|anonymous apex|execute anonymous|sf apex run/i;
const DECLARES_TYPE =
  /^\s*(?:(?:global|public|private|virtual|abstract|with|without|inherited|sharing)\s+)*(?:class|interface|enum|trigger)\s+\w+/im;
const CALLS = /\bnew\s+([A-Za-z_]\w*)\s*\(|\b([A-Za-z_]\w*)\s*\.\s*([A-Za-z_]\w*)\s*\(/g;

/** Text a subscriber is told to run, per file: [{ text, line }]. */
function instructions(root, packageDirs) {
  const out = [];
  const docs = [path.join(root, "README.md"), ...walk(path.join(root, "docs"))];
  for (const file of docs.filter((f) => f.endsWith(".md") && fs.existsSync(f))) {
    const text = fs.readFileSync(file, "utf8");
    const lineAt = (offset) => text.slice(0, offset).split("\n").length;
    const fences = [...text.matchAll(/^\s*```(\w*)[^\n]*\n([\s\S]*?)^\s*```/gm)];
    for (const f of fences.filter((f) => f[1].toLowerCase() === "apex" && !DECLARES_TYPE.test(f[2])))
      out.push({ file, text: f[2], line: lineAt(f.index) + 1 });
    const prose = fences.reduce((t, f) => t.replace(f[0], f[0].replace(/[^\n]/g, " ")), text);
    let offset = 0;
    // a paragraph, or each row of a table on its own (a table is one block of lines, its rows unrelated)
    const units = prose.split(/\n\s*\n/).flatMap((p) => (/^\s*\|/.test(p) ? p.split("\n") : [p]));
    for (const paragraph of units) {
      if (INSTRUCTION.test(paragraph))
        for (const span of paragraph.matchAll(/`([^`\n]+)`/g))
          out.push({ file, text: span[1], line: lineAt(prose.indexOf(paragraph, offset) + span.index) });
      offset += paragraph.length;
    }
  }
  for (const file of packageDirs.flatMap((d) => walk(d))) {
    if (!/\/lwc\/[^/]+\/[^/]+\.(html|js)$/.test(toPosix(file)) || file.includes("__tests__")) continue;
    const text = fs.readFileSync(file, "utf8");
    const lineAt = (offset) => text.slice(0, offset).split("\n").length;
    const lineBefore = (at) => text.slice(text.lastIndexOf("\n", at) + 1, at);
    const pieces = file.endsWith(".html")
      ? [...text.matchAll(/>([^<]+)</g)].map((m) => ({ text: m[1], at: m.index }))
      : [...text.matchAll(/'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g)]
          .filter((m) => !/^\s*import\b|\bfrom\s*$/.test(lineBefore(m.index)))
          .map((m) => ({ text: m[0], at: m.index }));
    for (const p of pieces) out.push({ file, text: p.text, line: lineAt(p.at) });
  }
  return out;
}

/** Whether a subscriber org can reach a method of a class (its constructor when methodName is null). */
function isReachable(cls, methodName) {
  if (cls.interfaces.some((i) => /^(system\.)?installhandler$/.test(i))) return true;
  const named = (m) => (methodName ? m.name === methodName && !m.isConstructor : m.isConstructor);
  const members = cls.methods.filter(named);
  if (!methodName && members.length === 0) return cls.kinds.has("global");
  const global = (m) => m.kinds.has("global") && cls.kinds.has("global");
  const annotated = (m) => m.annotations.has("auraenabled") || m.annotations.has("invocablemethod");
  return members.some((m) => annotated(m) || global(m));
}

export function check({ model, root, packageDirs }) {
  const findings = [];
  const seen = new Set();
  const ns = model.objects.namespace;
  for (const { file, text, line } of instructions(root, packageDirs)) {
    const code = ns ? text.replace(new RegExp(`\\b${ns}\\.`, "gi"), "") : text;
    for (const m of code.matchAll(CALLS)) {
      const className = m[1] ?? m[2];
      const methodName = m[1] ? null : m[3].toLowerCase();
      const cls = model.classNamed(className);
      if (!cls || cls.outer || isReachable(cls, methodName)) continue;
      const what = methodName ? `${cls.decl.name.value}.${m[3]}()` : `new ${cls.decl.name.value}()`;
      const key = `${file}:${what}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const message = `tells a subscriber to run ${what}, which a subscriber org cannot reach (not global, not @AuraEnabled, not @InvocableMethod, not an install handler); give admins a reachable entry point`;
      findings.push({ file, line, rule: "docs-unreachable-apex", message });
    }
  }
  return findings;
}
