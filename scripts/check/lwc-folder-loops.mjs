// `lwc-folder-loops` (step metadata; what counts as a reference: docs/quality-gate.md, "What metadata checks"): the
// components keep the folders' layers (docs/architecture.md, "Layers"). The folders are the paths above lwc/; the
// references are the `c/name` imports of a component's JavaScript and the `<c-name>` tags of its templates.
import path from "node:path";
import { loopFindings } from "./folder-loops.mjs";
import { toPosix } from "./project.mjs";

const folderOf = (relative) => relative.slice(0, relative.indexOf("/lwc/"));
const componentOf = (relative) => relative.slice(relative.indexOf("/lwc/") + 5).split("/")[0];

/** The loops among the uses of components ({ file, line, name }, read by metadata.mjs; lwcDirs by lower name). */
export function checkLwcFolderLoops({ uses, root, lwcDirs }) {
  const refs = [];
  for (const { file, line, name } of uses) {
    const dir = lwcDirs.get(name.toLowerCase());
    if (!dir) continue; // an unknown component is the import check's finding
    const [from, to] = [file, path.join(dir, "x")].map((f) => toPosix(f, root));
    const folders = [folderOf(from), folderOf(to)];
    if (folders[0] !== folders[1])
      refs.push({ file, line, from: componentOf(from), to: componentOf(to), folders });
  }
  return loopFindings(
    root,
    refs,
    (r) => r.folders,
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line,
    (loop) => `[lwc-folder-loops] folders whose components use each other: ${loop.join(", ")}`
  );
}
