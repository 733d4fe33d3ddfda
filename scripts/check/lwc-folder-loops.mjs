// `lwc-folder-loops` (step metadata; what counts as a reference: docs/quality-gate.md, "What metadata checks"): the
// components keep the folders' layers (docs/architecture.md, "Layers"). The folders are the paths above lwc/; the
// references are `from "c/name"` and `import("c/name")` in a component's JavaScript and `<c-name>` in its templates.
import path from "node:path";
import { loopFindings } from "./folder-loops.mjs";

const RULE = "lwc-folder-loops";
const posix = (root, file) => path.relative(root, file).split(path.sep).join("/");
const folderOf = (relative) => relative.slice(0, relative.indexOf("/lwc/"));
const componentOf = (relative) => relative.slice(relative.indexOf("/lwc/") + 5).split("/")[0];
const kebabToCamel = (s) => s.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

/** The names of the components a component file uses, with the index of each use in its text. */
function usesIn(file, source) {
  if (file.endsWith(".html")) {
    return [...source.matchAll(/<c-([a-z0-9-]+)/g)].map((m) => [m.index, kebabToCamel(m[1])]);
  }
  if (!/\.(js|ts)$/.test(file)) return [];
  return [...source.matchAll(/\bfrom\s+['"]c\/(\w+)['"]|\bimport\s*\(\s*['"]c\/(\w+)['"]/g)].map((m) => [
    m.index,
    m[1] ?? m[2]
  ]);
}

/**
 * @param {{files: string[], text: (file: string) => string, root: string, lwcDirs: Map<string, string>}} project
 *   the components' files, their text, the project root and the component folders by lower-case name
 * @returns {{file: string, line: number, message: string}[]}
 */
export function checkLwcFolderLoops({ files, text, root, lwcDirs }) {
  const refs = [];
  for (const file of files) {
    const source = text(file);
    for (const [index, name] of usesIn(file, source)) {
      const dir = lwcDirs.get(name.toLowerCase());
      if (!dir) continue; // an unknown component is the import check's finding
      const [from, to] = [file, path.join(dir, "x")].map((f) => posix(root, f));
      if (folderOf(to) === folderOf(from)) continue;
      const line = source.slice(0, index).split("\n").length;
      refs.push({
        file,
        line,
        from: componentOf(from),
        to: componentOf(to),
        folders: [folderOf(from), folderOf(to)]
      });
    }
  }
  return loopFindings(
    root,
    refs,
    (r) => r.folders,
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line,
    (loop) => `[${RULE}] folders whose components use each other: ${loop.join(", ")}`
  );
}
