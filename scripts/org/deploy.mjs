// `npm run deploy`: deploy the package's source (force-app) into an org you are logged in to.
import { commonOptions, deployForceApp, requireOrg, runCommand } from "../lib/sf-job.mjs";

const command = {
  name: "deploy",
  npmScript: "deploy",
  summary: "Call Capture deploy: force-app into an org",
  description: [
    "Steps: 1 check the login to the org; 2 deploy force-app (source format) with sf project deploy start.",
    "Without --target-org it deploys to the default org (npm run setup makes its scratch org the default)."
  ],
  needs:
    "an org you are logged in to (npm run sf -- org login web --alias <alias>), or a scratch org from npm run setup.",
  options: {
    "target-org": commonOptions.targetOrg("Org to deploy to (default: the default org).")
  },
  examples: ["npm run deploy", "npm run deploy -- --target-org my-sandbox", "npm run deploy -- --dry-run"]
};

await runCommand(command, process.argv.slice(2), async (job, options) => {
  const org = options["target-org"];
  await job.step("Check the org login", () => requireOrg(job, org));
  await job.step("Deploy force-app", () => deployForceApp(job, org));
});
