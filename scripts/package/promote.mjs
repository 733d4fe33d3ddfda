// `npm run package:promote`: promote a package version to released, so it can be installed in
// production orgs and listed on AppExchange.
import { DEV_HUB_LOGIN, commonOptions, requireDevHub, runCommand, validators } from "../lib/sf-job.mjs";
import { alignAncestor } from "./ancestry.mjs";
import { installLinkLines } from "./install-link.mjs";

const command = {
  name: "package:promote",
  npmScript: "package:promote",
  summary: "Call Capture package:promote: release a package version",
  description: [
    "Steps: 1 check the Dev Hub login; 2 promote the version to released (sf package version promote,",
    'no prompt); 3 make sure sfdx-project.json names the ancestor ("ancestorVersion": "HIGHEST"), which',
    "every later version needs; 4 print its install link. Only versions created with code coverage (npm run",
    "package:version) can be promoted, and a released version can never be deleted."
  ],
  needs: `the Dev Hub that owns the package, logged in (${DEV_HUB_LOGIN}).`,
  options: {
    package: {
      type: "string",
      value: "04t…",
      required: true,
      validate: validators.packageVersionId,
      description: "Package version id to promote (printed by npm run package:version)."
    },
    "target-dev-hub": commonOptions.targetDevHub
  },
  examples: [
    "npm run package:promote -- --package 04t000000000000AAA",
    "npm run package:promote -- --package 04t… --dry-run"
  ]
};

await runCommand(command, process.argv.slice(2), async (job, options) => {
  const versionId = options.package;
  await job.step("Check the Dev Hub login", () => requireDevHub(job, options["target-dev-hub"]));
  await job.step(`Promote ${versionId} to released`, async () => {
    await job.sf([
      "package",
      "version",
      "promote",
      "--package",
      versionId,
      ...(options["target-dev-hub"] ? ["--target-dev-hub", options["target-dev-hub"]] : []),
      "--no-prompt"
    ]);
  });
  await job.step("Name the ancestor of the next versions", async () => {
    job.note(alignAncestor(job, { released: true }));
  });
  await job.step("Show the install links", async () => {
    for (const line of installLinkLines(versionId)) job.note(line);
    job.note(`Or: npm run package:install -- --package ${versionId} --target-org <alias>`);
    job.note(
      `Put them on the release page, and hand admins the kit that goes with them: npm run release:kit -- --package ${versionId}`
    );
  });
});
