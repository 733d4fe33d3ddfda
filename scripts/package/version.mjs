// `npm run package:version`: create a version of the Call Capture managed package (2GP) in the Dev
// Hub, with code coverage so it can be promoted. Creates the package itself the first time.
import { DEV_HUB_LOGIN, commonOptions, readSfdxProject, requireDevHub, runCommand } from "../lib/sf-job.mjs";
import { PACKAGE_NAME, alignAncestor } from "./ancestry.mjs";
import { installLinkLines, newestVersion } from "./install-link.mjs";

const PACKAGE_DIR = "force-app";

const command = {
  name: "package:version",
  npmScript: "package:version",
  summary: "Call Capture package:version: a new managed package version",
  description: [
    `Steps: 1 check the Dev Hub login; 2 once only, when sfdx-project.json has no "${PACKAGE_NAME}" package`,
    `alias: create the managed package (sf package create), which records its 0Ho id there - commit it;`,
    "3 choose the ancestor: list the released versions (sf package version list --released); once one",
    'exists, sfdx-project.json needs "ancestorVersion": "HIGHEST" (added if missing), before that none;',
    "4 create the version (sf package version create --code-coverage), which runs the Apex tests in a",
    "build org and records the new 04t id in sfdx-project.json; 5 print its install link.",
    "The version number and name come from sfdx-project.json (versionNumber 1.0.0.NEXT)."
  ],
  needs: `a Dev Hub with the callcap namespace linked, that you are logged in to (${DEV_HUB_LOGIN}).`,
  options: {
    "target-dev-hub": commonOptions.targetDevHub,
    "installation-key": {
      type: "string",
      value: "key",
      description: "Protect the version with this installation key (default: no key)."
    }
  },
  examples: [
    "npm run package:version",
    'npm run package:version -- --target-dev-hub devhub --installation-key "$KEY"',
    "npm run package:version -- --dry-run"
  ]
};

const hubArgs = (options) =>
  options["target-dev-hub"] ? ["--target-dev-hub", options["target-dev-hub"]] : [];

await runCommand(command, process.argv.slice(2), async (job, options) => {
  await job.step("Check the Dev Hub login", () => requireDevHub(job, options["target-dev-hub"]));

  const packageId = readSfdxProject().packageAliases?.[PACKAGE_NAME];
  if (packageId) {
    job.skip(
      `Create the "${PACKAGE_NAME}" managed package`,
      `already created (${packageId} in sfdx-project.json)`
    );
  } else {
    await job.step(`Create the "${PACKAGE_NAME}" managed package (once)`, async () => {
      await job.sf([
        "package",
        "create",
        "--name",
        PACKAGE_NAME,
        "--package-type",
        "Managed",
        "--path",
        PACKAGE_DIR,
        ...hubArgs(options)
      ]);
      job.note("sfdx-project.json now names the package: commit it.");
    });
  }

  await job.step("Choose the ancestor", async () => {
    if (!packageId) {
      job.note(alignAncestor(job, { released: false }));
      return;
    }
    const versions = await job.sfJson([
      "package",
      "version",
      "list",
      "--packages",
      PACKAGE_NAME,
      "--released",
      ...hubArgs(options)
    ]);
    if (job.dryRun) {
      job.note(`(when a version is released:) ${alignAncestor(job, { released: true })}`);
      return;
    }
    const released = Array.isArray(versions) ? versions : [];
    job.note(`${released.length} released version(s) in the Dev Hub`);
    job.note(alignAncestor(job, { released: released.length > 0 }));
  });

  await job.step("Create the package version (runs the Apex tests for code coverage)", async () => {
    const key = options["installation-key"];
    await job.sf(
      [
        "package",
        "version",
        "create",
        "--package",
        PACKAGE_NAME,
        "--code-coverage",
        ...(key ? ["--installation-key", key] : ["--installation-key-bypass"]),
        "--wait",
        "60",
        ...hubArgs(options)
      ],
      { heartbeat: true }
    );
  });

  await job.step("Show the new version and its install links", async () => {
    const newest = job.dryRun ? { alias: "<version alias>", versionId: "<04t id>" } : newestVersion();
    if (!newest)
      job.fail("sfdx-project.json has no version alias for the package after sf package version create.");
    const { alias, versionId } = newest;
    job.note(`${alias}: ${versionId} (recorded in sfdx-project.json: commit it)`);
    job.note("Install links (a beta until promoted: sandboxes, scratch and Developer Edition orgs only):");
    for (const line of installLinkLines(versionId)) job.note(`  ${line}`);
    job.note(`Try it: npm run package:install -- --package ${versionId} --target-org <alias>`);
    job.note(`Release it: npm run package:promote -- --package ${versionId}`);
    job.note("Then build the admin kit that goes with the link: npm run release:kit");
  });
});
