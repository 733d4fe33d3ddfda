// The package's ancestor in sfdx-project.json, which every managed version after the first release needs: the
// Packaging Guide ("Specify a Package Ancestor in the Project File for a Second-Generation Managed Package")
// requires the highest promoted version as ancestor and recommends the keyword HIGHEST. Before any version is
// released there is no ancestor to name, and HIGHEST would fail (sf's query for the highest released version
// finds nothing: NoMatchingAncestorError), so the key is added when the first version is released.
import { readSfdxProject, writeSfdxProject } from "../lib/sf-job.mjs";

export const PACKAGE_NAME = "Call Capture";
const ANCESTOR_KEYS = ["ancestorVersion", "ancestorId"];

function packageDirectory(project) {
  const directory = project.packageDirectories.find((d) => d.package === PACKAGE_NAME);
  if (!directory) throw new Error(`sfdx-project.json has no package directory for "${PACKAGE_NAME}"`);
  return directory;
}

/** The ancestor key set in the package directory, as { key, value }, or undefined. */
function ancestorOf(directory) {
  const key = ANCESTOR_KEYS.find((name) => directory[name] !== undefined);
  return key ? { key, value: directory[key] } : undefined;
}

/**
 * Makes sfdx-project.json's ancestor match the Dev Hub: HIGHEST once a version is released (an explicit
 * ancestor someone chose to branch from is kept), none before. In a dry run it only says what it would do.
 * @returns a sentence saying what the ancestor is and whether the file changed
 */
export function alignAncestor(job, { released }) {
  const project = readSfdxProject();
  const directory = packageDirectory(project);
  const ancestor = ancestorOf(directory);
  const current = ancestor && `${ancestor.key}: ${ancestor.value}`;
  if (released) {
    if (current) return `ancestor ${current} (sfdx-project.json, unchanged)`;
    if (job.dryRun) return 'sfdx-project.json would get "ancestorVersion": "HIGHEST"';
    directory.ancestorVersion = "HIGHEST";
    writeSfdxProject(project);
    return 'sfdx-project.json now has "ancestorVersion": "HIGHEST" (the highest released version): commit it';
  }
  if (!current) return "no released version yet, so no ancestor: this is the first release line";
  if (ancestor.value !== "HIGHEST") {
    return `ancestor ${current} (sfdx-project.json, unchanged; sf checks that it is released)`;
  }
  if (job.dryRun) return `sfdx-project.json would drop "${current}" (no released version to point at)`;
  for (const key of ANCESTOR_KEYS) delete directory[key];
  writeSfdxProject(project);
  return `no released version yet: dropped "${current}" from sfdx-project.json, which sf cannot resolve before the first release`;
}
