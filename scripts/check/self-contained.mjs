// Rule `self-contained` of the apex-rules step (what is scanned and what is not a citation: docs/quality-gate.md,
// "Apex rules"): the repository cites docs/ pages, never notes kept outside it nor issue numbers, which mean nothing
// to someone who clones it. The rule's self-test plants its citations in a temporary copy, so it needs no exception.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { toPosix, walk } from "./project.mjs";

const CITATIONS = [
  [/\b(?:product|conventions|toolchain)\.md\b/gi, "a file outside the repository"],
  [/\.\.\/shared\b/g, "a folder outside the repository"],
  [
    /\bissues?\s*#\s*\d+|\bissues?\s+\d+\b|\(#\d+\)|\b(?:see|fixes|closes|resolves)\s+#\d+\b/gi,
    "an issue number"
  ]
];
const NOT_SCANNED = /^(?:package-lock\.json|scripts\/check\/schema\/.*\.json|ts-sdk\/dist\/.*)$/;

/** The project's files, relative with "/": git's view of the work tree, or every file when it is not a git work tree. */
function projectFiles(root) {
  const args = ["ls-files", "-co", "--exclude-standard", "-z"];
  const git = spawnSync("git", args, { cwd: root, encoding: "utf8" });
  return git.status === 0 ? git.stdout.split("\0").filter(Boolean) : walk(root).map((f) => toPosix(f, root));
}

export function check({ root }) {
  const findings = [];
  for (const rel of projectFiles(root)) {
    const file = path.join(root, rel);
    if (NOT_SCANNED.test(rel) || !fs.existsSync(file) || !fs.statSync(file).isFile()) continue;
    const bytes = fs.readFileSync(file);
    if (bytes.subarray(0, 8000).includes(0)) continue; // binary
    const lines = bytes.toString("utf8").split("\n");
    lines.forEach((text, i) => {
      for (const [pattern, what] of CITATIONS)
        for (const m of text.matchAll(pattern)) {
          const message = `cites ${what} ("${m[0]}"): cite the docs/ page that holds the design, in our own words`;
          findings.push({ file, line: i + 1, rule: "self-contained", message });
        }
    });
  }
  return findings;
}
