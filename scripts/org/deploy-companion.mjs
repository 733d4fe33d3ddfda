// `npm run deploy:companion`: the companion metadata a managed package cannot carry, into any org: the
// standard-object permission sets for the integration user and reps, and (--record-pages) the Call Capture
// record pages as org defaults.
import { COMPANION, commonOptions, deployCompanion, requireOrg, runCommand } from "../lib/sf-job.mjs";

const command = {
  name: "deploy:companion",
  npmScript: "deploy:companion",
  summary:
    "Call Capture deploy:companion: the standard-object permission sets (and record pages) into an org",
  description: [
    "Managed packages cannot carry standard-object, standard-field or user permissions (Salesforce ignores",
    `them on install), so they live outside the package, in ${COMPANION.permissions}:`,
    `${COMPANION.integrationPermissionSet} (the integration user: Lead, Contact, Account, Opportunity,`,
    "Task fields, API Enabled, Convert Leads, Edit Tasks, Send Email, Send Custom Notifications),",
    `${COMPANION.adminPermissionSet} (admins: the same but API Enabled) and ${COMPANION.userPermissionSet} (reps).`,
    "Steps: 1 check the login to the org; then deploy each permission set on its own (sf project deploy start),",
    "so one the org refuses names itself and the others still land; with --record-pages also the View",
    `overrides in ${COMPANION.recordPages} that make the Call Capture Lead, Contact, Account and Opportunity`,
    "pages the org defaults (they replace the org's current defaults for those four objects). A step that",
    "fails does not stop the others; the command ends by listing what failed and how to finish by hand.",
    "Works in an org with the package installed and in one with force-app deployed from source; --record-pages",
    "only in the latter (in a subscriber org, activate the pages in Lightning App Builder: docs/install.md)."
  ],
  needs: "an org you are logged in to as an admin (npm run sf -- org login web --alias <alias>).",
  options: {
    "target-org": commonOptions.targetOrg("Org to deploy to (default: the default org)."),
    "record-pages": {
      type: "boolean",
      description: "Also make the Call Capture record pages the org defaults (orgs deployed from source)."
    }
  },
  examples: [
    "npm run deploy:companion -- --target-org my-org",
    "npm run deploy:companion -- --target-org my-sandbox --record-pages",
    "npm run deploy:companion -- --target-org my-org --dry-run"
  ]
};

await runCommand(command, process.argv.slice(2), async (job, options) => {
  const org = options["target-org"];
  const recordPages = Boolean(options["record-pages"]);
  await job.step("Check the org login", () => requireOrg(job, org));
  await deployCompanion(job, org, { recordPages });
  await job.step("Assign them", async () => {
    const orgFlag = org ? ` --target-org ${org}` : "";
    job.note("Give the integration user (with Call_Capture_Integration) its companion:");
    job.note(
      `npm run sf -- org assign permset --name ${COMPANION.integrationPermissionSet} --on-behalf-of <integration username>${orgFlag}`
    );
    job.note(
      `admins (with Call_Capture_Admin) ${COMPANION.adminPermissionSet} and reps (with Call_Capture_User) ${COMPANION.userPermissionSet}, in Setup or with the same command.`
    );
  });
});
