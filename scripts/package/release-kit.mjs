// `npm run release:kit`: everything an admin needs next to the install link, in one folder (release-kit/, git-ignored),
// so installing Call Capture needs no clone, no Node and no sf CLI: the companion permission sets as a Metadata API
// zip, the install checklist on one page, the permission table and a README with the install link.
import fs from "node:fs";
import path from "node:path";
import { COMPANION, readSfdxProject, repoRoot, runCommand, validators } from "../lib/sf-job.mjs";
import { KIT_FILES, checklist, companionZip, permissionTable, readPermissionSets } from "./admin-kit.mjs";
import { installLinks, newestVersion } from "./install-link.mjs";

const DEFAULT_OUT = "release-kit";

const command = {
  name: "release:kit",
  npmScript: "release:kit",
  summary: "Call Capture release:kit: the admin kit that goes with the install link",
  description: [
    `Builds ${DEFAULT_OUT}/ (git-ignored) from the repository, with no org: ${KIT_FILES.zip} (the companion`,
    `permission sets of ${COMPANION.permissions} in Metadata API format, for Workbench's Deploy or`,
    `sf project deploy start --metadata-dir), ${KIT_FILES.checklist} (docs/install.md's steps on one page),`,
    `${KIT_FILES.permissions} (every grant of the companion sets and where it is in Setup, generated from their`,
    `metadata) and ${KIT_FILES.readme} (the install links and what each file is for). The version is --package,`,
    "else the newest one sfdx-project.json records (npm run package:version adds it); with none, the kit says",
    "plainly that no version exists yet."
  ],
  needs: "nothing: no org, no Dev Hub, no sf CLI.",
  options: {
    package: {
      type: "string",
      value: "04t…",
      validate: validators.packageVersionId,
      description:
        "The version whose install link the kit carries (default: the newest in sfdx-project.json)."
    },
    out: {
      type: "string",
      value: "dir",
      default: DEFAULT_OUT,
      // The folder is emptied first: never the repository or a folder that holds it.
      validate: (value) =>
        path.relative(path.resolve(repoRoot, value), repoRoot).startsWith("..")
          ? undefined
          : `would empty the repository: name a folder of its own, e.g. ${DEFAULT_OUT}.`,
      description: "Folder to write the kit to, relative to the repository (emptied first)."
    }
  },
  examples: [
    "npm run release:kit",
    "npm run release:kit -- --package 04t000000000000AAA",
    "npm run release:kit -- --dry-run"
  ]
};

/** The kit's README: the link (or plainly, that there is none yet), then what each file is for. */
function readme(version, links, sets) {
  const link = links
    ? [
        `Version ${version.alias ?? version.versionId}:`,
        "",
        `- production and Developer Edition orgs: ${links.production}`,
        `- sandboxes: ${links.sandbox}`,
        "",
        "A version that has not been promoted (npm run package:promote) is a beta: it installs in scratch orgs and",
        "test sandboxes only and cannot be upgraded."
      ]
    : [
        "**No version of Call Capture has been created yet, so there is no install link.** A maintainer creates one",
        "with `npm run package:version` and releases it with `npm run package:promote`; both print the link, and",
        "this kit, built again, carries it."
      ];
  return [
    "# Call Capture admin kit",
    "",
    "Everything you need next to the install link, built from the Call Capture repository by `npm run release:kit`.",
    "",
    "## Install link",
    "",
    ...link,
    "",
    "## What is in this folder",
    "",
    `- \`${KIT_FILES.checklist}\`: the install checklist on one page. Start here.`,
    `- \`${KIT_FILES.zip}\`: the ${sets.length} companion permission sets (${sets.map((set) => set.label).join(", ")}: the`,
    "  standard objects, standard fields and user permissions a managed package cannot carry). Deploy it in",
    "  Workbench: **migration** → **Deploy**, choose",
    "  the zip, tick **Single Package**, **Next**, **Deploy**. With the sf CLI:",
    `  \`sf project deploy start --metadata-dir ${KIT_FILES.zip} --single-package --target-org <alias>\`.`,
    `- \`${KIT_FILES.permissions}\`: the same permission sets permission by permission, with where each one is`,
    "  in Setup, to create them by hand or to review them.",
    ""
  ].join("\n");
}

await runCommand(command, process.argv.slice(2), async (job, options) => {
  const out = path.resolve(repoRoot, options.out);
  const project = readSfdxProject();
  let version;
  await job.step("Find the version and its install links", async () => {
    version = options.package ? { versionId: options.package } : newestVersion(project);
    job.note(
      version
        ? `${version.alias ?? "version"} ${version.versionId}: ${installLinks(version.versionId).production}`
        : "no version in sfdx-project.json yet: the kit says so in place of a link (npm run package:version)"
    );
  });
  const write = (name, content) => {
    const where = path.relative(repoRoot, path.join(out, name));
    job.note(job.dryRun ? `would write ${where}` : `${where} (${Buffer.byteLength(content)} bytes)`);
    if (!job.dryRun) fs.writeFileSync(path.join(out, name), content);
  };
  await job.step(`Build ${KIT_FILES.zip} from ${COMPANION.permissions}`, async () => {
    if (!job.dryRun) {
      fs.rmSync(out, { recursive: true, force: true });
      fs.mkdirSync(out, { recursive: true });
    }
    const source = path.join(repoRoot, COMPANION.permissions);
    write(KIT_FILES.zip, job.dryRun ? "" : await companionZip(source, project.sourceApiVersion));
  });
  await job.step(`Write ${KIT_FILES.permissions} from the companion permission sets`, async () => {
    write(
      KIT_FILES.permissions,
      permissionTable(readPermissionSets(path.join(repoRoot, COMPANION.permissions)))
    );
  });
  await job.step(`Write ${KIT_FILES.checklist} from docs/install.md`, async () => {
    const installMd = fs.readFileSync(path.join(repoRoot, "docs/install.md"), "utf8");
    const link = version && installLinks(version.versionId).production;
    write(KIT_FILES.checklist, checklist(installMd, { installLink: link }));
  });
  await job.step(`Write ${KIT_FILES.readme}`, async () => {
    const sets = readPermissionSets(path.join(repoRoot, COMPANION.permissions));
    write(KIT_FILES.readme, readme(version ?? {}, version && installLinks(version.versionId), sets));
    job.note(
      `Hand admins the install link with the folder ${path.relative(repoRoot, out)}/ (zip it as it is).`
    );
  });
});
