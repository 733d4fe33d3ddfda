// `npm run org:delete`: delete a scratch org made by `npm run setup`, without a prompt.
import { commonOptions, requireOrg, runCommand } from "../lib/sf-job.mjs";

const command = {
  name: "org:delete",
  npmScript: "org:delete",
  summary: "Call Capture org:delete: delete a scratch org",
  description: [
    "Steps: 1 check the login to the scratch org; 2 delete it with sf org delete scratch (no prompt).",
    "Only scratch orgs can be deleted this way; the Dev Hub that created it must still be logged in."
  ],
  needs: "the scratch org (and its Dev Hub) still logged in, as npm run setup leaves them.",
  options: {
    "target-org": {
      ...commonOptions.targetOrg("Scratch org to delete."),
      default: "callcap-demo"
    }
  },
  examples: [
    "npm run org:delete",
    "npm run org:delete -- --target-org callcap-demo",
    "npm run org:delete -- --dry-run"
  ]
};

await runCommand(command, process.argv.slice(2), async (job, options) => {
  const org = options["target-org"];
  await job.step(`Check the login to ${org}`, async () => {
    const found = await requireOrg(
      job,
      org,
      `npm run setup -- --alias ${org} (it creates and logs in to the scratch org)`,
      {
        anyStatus: true
      }
    );
    if (!job.dryRun && !found.devHubId)
      job.fail(`${org} is not a scratch org; delete other orgs in Setup, not here.`);
  });
  await job.step(`Delete the scratch org ${org}`, async () => {
    await job.sf(["org", "delete", "scratch", "--target-org", org, "--no-prompt"]);
  });
});
