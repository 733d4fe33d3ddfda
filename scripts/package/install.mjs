// `npm run package:install`: install (or upgrade to) a Call Capture package version in an org.
import { commonOptions, requireOrg, runCommand, validators } from "../lib/sf-job.mjs";

const command = {
  name: "package:install",
  npmScript: "package:install",
  summary: "Call Capture package:install: install a package version in an org",
  description: [
    "Steps: 1 check the login to the org; 2 install the version (sf package install, no prompt), waiting",
    "up to 10 minutes for a new version to become available and 20 minutes for the install itself.",
    "Then assign the permission sets: Call_Capture_Admin (admins), Call_Capture_User (reps),",
    "Call_Capture_Integration (the integration user)."
  ],
  needs: "an org you are logged in to as an admin (npm run sf -- org login web --alias <alias>).",
  options: {
    package: {
      type: "string",
      value: "04t…",
      required: true,
      validate: validators.packageVersionId,
      description: "Package version id to install."
    },
    "target-org": commonOptions.targetOrg("Org to install into (default: the default org)."),
    "installation-key": {
      type: "string",
      value: "key",
      description: "Installation key, when the version has one."
    },
    "security-type": {
      type: "string",
      value: "AdminsOnly|AllUsers",
      default: "AdminsOnly",
      validate: (value) =>
        ["AdminsOnly", "AllUsers"].includes(value)
          ? undefined
          : `must be AdminsOnly or AllUsers (got "${value}").`,
      description: "Who gets access on install; permission sets grant the rest."
    }
  },
  examples: [
    "npm run package:install -- --package 04t000000000000AAA --target-org my-sandbox",
    "npm run package:install -- --package 04t… --target-org my-org --dry-run"
  ]
};

await runCommand(command, process.argv.slice(2), async (job, options) => {
  const org = options["target-org"];
  await job.step("Check the org login", () => requireOrg(job, org));
  await job.step(`Install ${options.package}`, async () => {
    await job.sf(
      [
        "package",
        "install",
        "--package",
        options.package,
        ...(org ? ["--target-org", org] : []),
        ...(options["installation-key"] ? ["--installation-key", options["installation-key"]] : []),
        "--wait",
        "20",
        "--publish-wait",
        "10",
        "--security-type",
        options["security-type"],
        "--no-prompt"
      ],
      { heartbeat: true }
    );
  });
});
