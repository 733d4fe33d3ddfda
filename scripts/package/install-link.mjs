// Where an admin installs a Call Capture version from: the install links of a package version id (04t…), and
// the newest version sfdx-project.json records. Shared by package:version, package:promote and release:kit,
// so every place that hands out a link prints the same ones.
import { readSfdxProject } from "../lib/sf-job.mjs";
import { PACKAGE_NAME } from "./ancestry.mjs";

/**
 * The install links of a version: login.salesforce.com for production and Developer Edition orgs,
 * test.salesforce.com for sandboxes (the Packaging Guide's installation URL, with the 04t id as p0).
 * @param {string} versionId the subscriber package version id (04t…)
 */
export function installLinks(versionId) {
  return {
    production: `https://login.salesforce.com/packaging/installPackage.apexp?p0=${versionId}`,
    sandbox: `https://test.salesforce.com/packaging/installPackage.apexp?p0=${versionId}`
  };
}

/** The lines the packaging scripts print for a version's links. */
export function installLinkLines(versionId) {
  const links = installLinks(versionId);
  return [`Production and Developer Edition: ${links.production}`, `Sandbox: ${links.sandbox}`];
}

/**
 * The newest version alias of the package ("Call Capture@1.0.0-3") in sfdx-project.json, with its 04t id, or
 * undefined when no version has been created yet.
 * @returns {{alias: string, versionId: string} | undefined}
 */
export function newestVersion(project = readSfdxProject()) {
  const aliases = project.packageAliases ?? {};
  const versions = Object.entries(aliases).filter(
    ([alias, id]) => alias.startsWith(`${PACKAGE_NAME}@`) && id.startsWith("04t")
  );
  const build = (alias) => alias.split("@")[1].split(/[.-]/).map(Number);
  versions.sort(([a], [b]) => {
    const [x, y] = [build(a), build(b)];
    const index = x.findIndex((part, i) => part !== y[i]);
    return index === -1 ? 0 : x[index] - y[index];
  });
  const newest = versions.at(-1);
  return newest && { alias: newest[0], versionId: newest[1] };
}
