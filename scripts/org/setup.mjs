// The main job: from a fresh clone to an org with Call Capture deployed and the seed's demo calls
// captured, in one command (`npm run setup`). Every step is an sf CLI or SDK CLI command.
import path from "node:path";
import {
  COMPANION,
  DEV_HUB_LOGIN,
  commonOptions,
  deployCompanion,
  deployForceApp,
  sfCliExecutable,
  npmExecutable,
  projectFileExists,
  readProjectJson,
  requireDevHub,
  requireOrg,
  runCommand,
  shellQuote,
  StepError,
  validators
} from "../lib/sf-job.mjs";

const SCRATCH_DEFINITION = "config/project-scratch-def.json";
const DEMO_SETTINGS = "config/demo-settings";
const DEMO_CALLS_DIR = "scripts/demo-calls";
/** Sent in this order; existing-customer needs its Contact, created just before. */
const DEMO_CALLS = ["emergency", "quote-request", "existing-customer", "missed-call", "budget-range"];
const EXISTING_CUSTOMER = "existing-customer";
/** You, the org's admin, send the demo calls: the app and the API permissions of the package… */
const PACKAGE_PERMISSION_SETS = ["Call_Capture_Admin", "Call_Capture_Integration"];
/** …and their standard-object companions, assigned only when their deploy succeeded. */
const COMPANION_PERMISSION_SETS = [COMPANION.adminPermissionSet, COMPANION.integrationPermissionSet];
/**
 * What sf says when the Dev Hub cannot create a scratch org in the project's namespace: the Dev Hub rejects the
 * ScratchOrgInfo ("We don’t recognize this namespace: x. Did you register it in your Dev Hub org?", seen in
 * pozil/streaming-monitor#2), older CLIs "Invalid value specified for the namespace attribute"
 * (wadewegner/deploy-to-sfdx#45), or the signup fails with S-1017 (@salesforce/core scratchOrgErrorCodes). Once
 * sfdx-project.json names an ancestor, sf first looks for the package's released versions in the Dev Hub, and a
 * Dev Hub that does not own the package fails there: "The ancestor for ancestorVersion HIGHEST can't be found"
 * (@salesforce/core scratchOrgInfoGenerator, NoMatchingAncestorError). A --no-namespace org skips both.
 */
const NAMESPACE_NOT_LINKED =
  /recognize this namespace|register it in your Dev Hub|value specified for the namespace|S-1017|namespace that.s used by a release org|ancestor for ancestor(Version|Id) .* can.t be found/i;

const command = {
  name: "setup",
  npmScript: "setup",
  summary: "Call Capture setup: a scratch org with the package deployed and the demo calls captured",
  description: [
    "Steps: 1 check the Dev Hub (or --target-org) login; 2 create a scratch org from",
    `${SCRATCH_DEFINITION} in the callcap namespace; when the Dev Hub has not linked it (only the`,
    "namespace's owner can), say so and create it with --no-namespace instead; 3 deploy force-app;",
    `then deploy each companion permission set (${COMPANION.permissions}) and, in a new scratch org, make`,
    `the Call Capture record pages the org defaults (${COMPANION.recordPages}), each as a step of its own;`,
    `assign ${PACKAGE_PERMISSION_SETS.join(", ")} and the companions that deployed;`,
    `deploy the demo settings (${DEMO_SETTINGS}); build the SDK if needed, create the existing`,
    "customer's Account and Contact, and send the demo calls",
    `(${DEMO_CALLS_DIR}/*.json) with the callcap CLI using the org's sf CLI session; print the URLs of the`,
    "created records. From the companion step on, a step that fails does not stop the others: setup goes on",
    "and ends by listing what failed and the commands that finish it by hand (exit code 1).",
    "No browser to log in with (SSH, a server): the login check names sf's auth-URL and JWT logins."
  ],
  needs: `a Dev Hub you are logged in to (${DEV_HUB_LOGIN}), or --target-org with an org you are logged in to.`,
  options: {
    "target-dev-hub": commonOptions.targetDevHub,
    alias: {
      type: "string",
      value: "alias",
      default: "callcap-demo",
      description: "Alias of the new scratch org."
    },
    "duration-days": {
      type: "string",
      value: "days",
      default: "7",
      validate: validators.integerBetween(1, 30),
      description: "Days before the scratch org expires (1-30)."
    },
    "no-namespace": {
      type: "boolean",
      description:
        "Create the scratch org without the callcap namespace right away (setup falls back to it when the Dev Hub has not linked the namespace)."
    },
    "target-org": commonOptions.targetOrg("Use this existing org instead of creating a scratch org.")
  },
  conflicts: (values) => {
    if (!values["target-org"]) return undefined;
    const clash = ["target-dev-hub", "alias", "duration-days", "no-namespace"]
      .filter((name) => values[name] !== undefined)
      .map((name) => `--${name}`);
    return clash.length
      ? `--target-org uses an existing org; ${clash.join(", ")} only apply to a new scratch org.`
      : undefined;
  },
  examples: [
    "npm run setup",
    "npm run setup -- --target-dev-hub devhub --alias callcap-demo --duration-days 3",
    "npm run setup -- --target-org my-sandbox",
    "npm run setup -- --dry-run"
  ]
};

/**
 * The callcap CLI entry point: CALLCAP_CLI_BIN (tests point it at a fake), else the SDK's declared
 * bin, built into ts-sdk/dist.
 */
function callcapBin() {
  if (process.env.CALLCAP_CLI_BIN) return process.env.CALLCAP_CLI_BIN;
  const sdk = readProjectJson("ts-sdk/package.json");
  const bin = typeof sdk.bin === "string" ? sdk.bin : sdk.bin?.callcap;
  if (!bin) throw new Error("ts-sdk/package.json declares no callcap bin");
  return path.posix.join("ts-sdk", bin);
}

/** `Name='Jane Smith' Phone='+1 (555) 345-6789'` as `sf data create record --values` expects. */
function recordValues(fields) {
  // sf splits the pairs on spaces outside quotes and has no escapes: a value with ' goes in "…"
  const quote = (value) => (value.includes("'") ? `"${value}"` : /[\s"]/.test(value) ? `'${value}'` : value);
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined && value !== null && value !== "")
    .map(([name, value]) => `${name}=${quote(String(value))}`)
    .join(" ");
}

/** Creates the existing customer's Account and Contact from the scenario, unless already there. */
async function ensureExistingCustomer(job, org) {
  const call = readProjectJson(`${DEMO_CALLS_DIR}/${EXISTING_CUSTOMER}.json`);
  const caller = call.caller ?? {};
  const email = caller.email.replaceAll("'", "\\'");
  const found = await job.sfJson([
    "data",
    "query",
    "--query",
    `SELECT Id FROM Contact WHERE Email = '${email}' LIMIT 1`,
    "--target-org",
    org
  ]);
  if (found?.records?.length) {
    job.note(`The existing customer's Contact is already there (${found.records[0].Id}).`);
    return;
  }
  if (job.dryRun) job.note("(only when the query finds no Contact:)");
  const name = caller.company ?? `${caller.firstName} ${caller.lastName}`;
  const account = await job.sfJson([
    "data",
    "create",
    "record",
    "--sobject",
    "Account",
    "--values",
    recordValues({ Name: name, Phone: call.from }),
    "--target-org",
    org
  ]);
  await job.sfJson([
    "data",
    "create",
    "record",
    "--sobject",
    "Contact",
    "--values",
    recordValues({
      FirstName: caller.firstName,
      LastName: caller.lastName,
      Email: caller.email,
      Phone: call.from,
      MailingStreet: caller.street,
      MailingCity: caller.city,
      AccountId: job.known(account?.id, "new Account Id")
    }),
    "--target-org",
    org
  ]);
}

/** The call results in the CLI's --json output, whichever envelope it uses. */
function callResults(output) {
  if (Array.isArray(output)) return output.flatMap(callResults);
  if (output && typeof output === "object") {
    if (Array.isArray(output.results)) return output.results;
    if (output.result !== undefined) return callResults(output.result);
    if (output.callId) return [output];
  }
  return [];
}

/** Lightning URLs of every record a call result names. */
function recordUrls(result, instanceUrl, namespace) {
  const objects = {
    callRecordId: `${namespace ? `${namespace}__` : ""}Call__c`,
    leadId: "Lead",
    contactId: "Contact",
    accountId: "Account",
    opportunityId: "Opportunity"
  };
  return Object.entries(objects)
    .filter(([key]) => result[key])
    .map(([key, object]) => `${object.padEnd(16)} ${instanceUrl}/lightning/r/${object}/${result[key]}/view`);
}

/** sf org create scratch with the options of this run; noNamespace adds --no-namespace. */
function scratchOrgArgs(org, options, noNamespace) {
  return [
    "org",
    "create",
    "scratch",
    "--definition-file",
    SCRATCH_DEFINITION,
    "--alias",
    org,
    "--duration-days",
    options["duration-days"],
    ...(options["target-dev-hub"] ? ["--target-dev-hub", options["target-dev-hub"]] : []),
    ...(noNamespace ? ["--no-namespace"] : []),
    "--set-default",
    "--wait",
    "10"
  ];
}

/**
 * Creates the scratch org in the callcap namespace; when the Dev Hub has not linked that namespace, says so and
 * creates one without it (every newcomer's case: only the namespace's owner can link it). Any other failure
 * stops the step with sf's own error.
 */
async function createScratchOrg(job, org, options) {
  const create = (noNamespace) =>
    job.sfJsonOrError(scratchOrgArgs(org, options, noNamespace), { heartbeat: true });
  const direct = options["no-namespace"];
  if (!direct) {
    const namespaced = await create(false);
    if (namespaced && !namespaced.error) return;
    if (namespaced && !NAMESPACE_NOT_LINKED.test(namespaced.error)) {
      job.fail(`sf org create scratch failed:\n  ${namespaced.error}`);
    }
    if (job.dryRun) {
      job.note("(only when the Dev Hub has not linked the callcap namespace:)");
    } else {
      job.note(
        "Your Dev Hub has not linked the callcap namespace (or does not own the Call Capture package),"
      );
      job.note("so it cannot create callcap scratch orgs: only the namespace's owner can. sf said:");
      job.note(`  ${namespaced.error.replaceAll("\n", "\n     ")}`);
      job.note("Creating the scratch org without a namespace instead: the same package, with its REST API");
      job.note("at /services/apexrest/v1/calls; the demo calls and URLs below follow the org.");
      job.note("Next time, skip the first attempt: npm run setup -- --no-namespace");
    }
  }
  const unnamespaced = await create(true);
  if (unnamespaced?.error) {
    const what = direct ? "sf org create scratch failed" : "sf org create scratch --no-namespace failed too";
    job.fail(`${what}:\n  ${unnamespaced.error}`);
  }
}

async function setup(job, options) {
  const scratch = !options["target-org"];
  const org = options["target-org"] ?? options.alias;

  await job.step(scratch ? "Check the Dev Hub login" : `Check the login to ${org}`, async () => {
    try {
      if (scratch) await requireDevHub(job, options["target-dev-hub"]);
      else await requireOrg(job, org);
    } catch (error) {
      // Nothing has changed yet: say so, and how to see every step without an org.
      if (!(error instanceof StepError)) throw error;
      throw new StepError(
        `${error.message}\n  Nothing was changed. To see every step and command without an org: npm run setup -- --dry-run`
      );
    }
  });

  if (scratch) {
    await job.step(`Create the scratch org "${org}"`, () => createScratchOrg(job, org, options));
  } else {
    job.skip("Create a scratch org", `using the existing org "${org}"`);
  }

  await job.step("Deploy force-app", () => deployForceApp(job, org));

  // From here on a step that fails does not stop the others (job.optionalStep); finish() lists what failed.
  // A new scratch org gets the record pages as org defaults; an existing org keeps its own.
  const companions = await deployCompanion(job, org, { recordPages: scratch });
  if (!scratch) {
    job.note(`${org} keeps its own record pages. To make the Call Capture pages its defaults:`);
    job.note(`npm run deploy:companion -- --target-org ${org} --record-pages`);
  }

  const assign = (names) => [
    "org",
    "assign",
    "permset",
    ...names.flatMap((name) => ["--name", name]),
    "--target-org",
    org
  ];
  await job.optionalStep(
    "Assign the package's permission sets",
    () => job.sf(assign(PACKAGE_PERMISSION_SETS)),
    [`npm run sf -- ${assign(PACKAGE_PERMISSION_SETS).join(" ")}`]
  );
  const deployedCompanions = COMPANION_PERMISSION_SETS.filter(
    (name) => job.dryRun || companions.includes(name)
  );
  if (deployedCompanions.length) {
    await job.optionalStep("Assign the companion permission sets", () => job.sf(assign(deployedCompanions)), [
      `npm run sf -- ${assign(deployedCompanions).join(" ")}`
    ]);
  } else {
    job.skip("Assign the companion permission sets", "none of them deployed (see above)");
  }

  const demoSettings = [
    "project",
    "deploy",
    "start",
    "--source-dir",
    DEMO_SETTINGS,
    "--target-org",
    org,
    "--wait",
    "10"
  ];
  await job.optionalStep("Load the demo settings", () => job.sf(demoSettings), [
    `npm run sf -- ${demoSettings.join(" ")}`
  ]);

  let namespace;
  const sent = [];
  await job.optionalStep(
    "Send the demo calls through the SDK",
    async () => {
      const bin = callcapBin();
      if (projectFileExists(bin)) job.note(`The SDK is built (${bin}).`);
      else
        await job.exec("npm run build --workspace ts-sdk", [
          ...npmExecutable(),
          "run",
          "build",
          "--workspace",
          "ts-sdk"
        ]);

      const organization = await job.sfJson([
        "data",
        "query",
        "--query",
        "SELECT NamespacePrefix FROM Organization",
        "--target-org",
        org
      ]);
      namespace = job.dryRun ? "<org namespace>" : (organization?.records?.[0]?.NamespacePrefix ?? "");
      if (!job.dryRun) job.note(`Namespace of the org: ${namespace || "(none)"}`);

      await ensureExistingCustomer(job, org);

      for (const name of DEMO_CALLS) {
        const file = `${DEMO_CALLS_DIR}/${name}.json`;
        const args = [bin, "send", file, "--target-org", org, "--namespace", namespace, "--json"];
        // callcap reads the org's session through the sf CLI (org display, then org auth show-access-token):
        // the project's pinned one, unless a test put a stand-in in CALLCAP_SF_BIN
        const sfForCallcap =
          job.dryRun || process.env.CALLCAP_SF_BIN ? {} : { CALLCAP_SF_BIN: sfCliExecutable() };
        const stdout = await job.execCapture(
          `node ${args.map(shellQuote).join(" ")}`,
          [process.execPath, ...args],
          sfForCallcap
        );
        if (stdout === undefined) continue;
        let parsed;
        try {
          parsed = JSON.parse(stdout);
        } catch {
          job.fail(`callcap send ${file} did not print JSON:\n  ${stdout.trim()}`);
        }
        const results = callResults(parsed);
        if (!results.length) job.fail(`callcap send ${file} returned no call result:\n  ${stdout.trim()}`);
        for (const result of results) {
          job.note(`${name}: ${result.status}${result.outcome ? ` (${result.outcome})` : ""}`);
          sent.push({ name, result });
        }
      }
    },
    [`npm run setup -- --target-org ${org}   (a repeat sends the same callIds: no second record)`]
  );

  await job.step("Show the created records", async () => {
    const display = await job.sfJson(["org", "display", "--target-org", org]);
    const instanceUrl = job.known(display?.instanceUrl, "instance URL");
    for (const { name, result } of sent) {
      job.note(`${name} (${result.callId})`);
      for (const line of recordUrls(result, instanceUrl, namespace)) job.note(`  ${line}`);
    }
    job.note(
      scratch
        ? "Their Lead, Contact, Account and Opportunity pages show the call panel (the org defaults set above)."
        : `For the call panel on these pages: npm run deploy:companion -- --target-org ${org} --record-pages`
    );
    job.note(`Open the org: npm run sf -- org open --target-org ${org}`);
    if (scratch) job.note(`Delete it when done: npm run org:delete -- --target-org ${org}`);
  });
}

await runCommand(command, process.argv.slice(2), setup);
