// Which metadata a deploy sends: the package directories of sfdx-project.json, plus every other folder
// of the project holding *-meta.xml files that a script deploys with --source-dir (config/demo-settings;
// companion/ is a package directory without a package, so it is not one of these). Rather than keep a
// list of such folders in step with the scripts, every *-meta.xml outside the package directories is
// taken, except under test/ (the gate's planted-defect fixtures) and tool or dependency folders.
import path from "node:path";
import { walk } from "./project.mjs";

/** Top-level folders whose metadata is never deployed. */
const NOT_DEPLOYED = new Set(["test", "ts-sdk", "docs"]);

/**
 * @param {string} root the project root
 * @param {string[]} packageDirs absolute package directories
 * @returns {string[]} files under root, outside the package directories, that a script may deploy
 */
export function otherDeployedFiles(root, packageDirs) {
  const inPackage = (dir) => packageDirs.some((p) => dir === p || dir.startsWith(p + path.sep));
  const skip = (dir) =>
    inPackage(dir) || (path.dirname(dir) === root && NOT_DEPLOYED.has(path.basename(dir)));
  return walk(root, skip).filter((f) => f.endsWith("-meta.xml"));
}
