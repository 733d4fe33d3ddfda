// --dry-run prints the exact commands, in order, runs none of them (not even the login check) and
// exits 0 — on a fresh clone with no org.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { printedCommands, runScript } from "./helpers.mjs";

const sfCommands = (stdout) => printedCommands(stdout).filter((line) => line.startsWith("sf "));

describe("--dry-run", { concurrency: true }, () => {
  it("setup prints the whole plan: login check, scratch org (and its no-namespace fallback), deploy, companion permission sets and record pages, permissions, demo settings, calls, URLs", async () => {
    const run = await runScript("setup", ["--dry-run"]);

    assert.equal(run.code, 0, run.output);
    assert.deepEqual(run.sfCalls, [], "a dry run runs no sf command");
    assert.deepEqual(sfCommands(run.stdout), [
      "sf org list --json",
      "sf org create scratch --definition-file config/project-scratch-def.json --alias callcap-demo --duration-days 7 --set-default --wait 10 --json",
      "sf org create scratch --definition-file config/project-scratch-def.json --alias callcap-demo --duration-days 7 --no-namespace --set-default --wait 10 --json",
      "sf project deploy start --source-dir force-app --target-org callcap-demo --wait 30",
      "sf project deploy start --source-dir companion/permissions/permissionsets/Call_Capture_Admin_Standard.permissionset-meta.xml --target-org callcap-demo --wait 10",
      "sf project deploy start --source-dir companion/permissions/permissionsets/Call_Capture_Integration_Standard.permissionset-meta.xml --target-org callcap-demo --wait 10",
      "sf project deploy start --source-dir companion/permissions/permissionsets/Call_Capture_User_Standard.permissionset-meta.xml --target-org callcap-demo --wait 10",
      "sf project deploy start --source-dir companion/record-pages --target-org callcap-demo --wait 10",
      "sf org assign permset --name Call_Capture_Admin --name Call_Capture_Integration --target-org callcap-demo",
      "sf org assign permset --name Call_Capture_Admin_Standard --name Call_Capture_Integration_Standard --target-org callcap-demo",
      "sf project deploy start --source-dir config/demo-settings --target-org callcap-demo --wait 10",
      `sf data query --query 'SELECT NamespacePrefix FROM Organization' --target-org callcap-demo --json`,
      `sf data query --query "SELECT Id FROM Contact WHERE Email = 'jane.smith@example.com' LIMIT 1" --target-org callcap-demo --json`,
      `sf data create record --sobject Account --values "Name='Jane Smith' Phone='+1 (555) 345-6789'" --target-org callcap-demo --json`,
      `sf data create record --sobject Contact --values "FirstName=Jane LastName=Smith Email=jane.smith@example.com Phone='+1 (555) 345-6789' MailingStreet='123 Main St' MailingCity=Austin AccountId='<new Account Id>'" --target-org callcap-demo --json`,
      "sf org display --target-org callcap-demo --json"
    ]);
    const sends = printedCommands(run.stdout).filter((line) => line.includes(" send "));
    assert.deepEqual(
      sends.map((line) => line.match(/send scripts\/demo-calls\/([\w-]+)\.json/)?.[1]),
      ["emergency", "quote-request", "existing-customer", "missed-call", "budget-range"],
      "every demo call is sent, the existing customer after its Contact exists"
    );
    for (const line of sends) {
      assert.match(
        line,
        /^node ts-sdk\/\S+ send \S+ --target-org callcap-demo --namespace '<org namespace>' --json$/
      );
    }
    assert.match(run.stdout, /^1\. Check the Dev Hub login$/m);
    assert.match(
      run.stdout,
      /\(only when the Dev Hub has not linked the callcap namespace:\)\n {3}\$ sf org create scratch .* --no-namespace /
    );
    assert.match(run.stdout, /^4\. Deploy the companion permission set Call_Capture_Admin_Standard$/m);
    assert.match(
      run.stdout,
      /^7\. Activate the call panel record pages$/m,
      "each companion part is a step of its own"
    );
    assert.match(run.stdout, /^12\. Show the created records$/m);
    assert.match(run.stdout, /pages show the call panel/);
    assert.match(run.stdout, /Open the org: npm run sf -- org open --target-org callcap-demo/);
  });

  it("setup passes the Dev Hub, alias, duration and --no-namespace through to the scratch org", async () => {
    const run = await runScript("setup", [
      "--dry-run",
      "--target-dev-hub",
      "hub",
      "--alias",
      "demo2",
      "--duration-days",
      "3",
      "--no-namespace"
    ]);

    assert.equal(run.code, 0, run.output);
    assert.ok(
      sfCommands(run.stdout).includes(
        "sf org create scratch --definition-file config/project-scratch-def.json --alias demo2 --duration-days 3 --target-dev-hub hub --no-namespace --set-default --wait 10 --json"
      ),
      run.stdout
    );
    assert.equal(
      sfCommands(run.stdout).filter((line) => line.startsWith("sf org create scratch")).length,
      1,
      "with --no-namespace there is no namespaced attempt to fall back from"
    );
  });

  it("setup --target-org uses the existing org: login check of that org, no scratch org", async () => {
    const run = await runScript("setup", ["--dry-run", "--target-org", "my-sandbox"]);

    assert.equal(run.code, 0, run.output);
    const commands = sfCommands(run.stdout);
    assert.equal(commands[0], "sf org display --target-org my-sandbox --json");
    assert.ok(!commands.some((line) => line.startsWith("sf org create")), "no scratch org is created");
    assert.equal(
      commands[1],
      "sf project deploy start --source-dir force-app --target-org my-sandbox --wait 30"
    );
    assert.deepEqual(
      commands.slice(2, 5),
      ["Admin", "Integration", "User"].map(
        (name) =>
          `sf project deploy start --source-dir companion/permissions/permissionsets/Call_Capture_${name}_Standard.permissionset-meta.xml --target-org my-sandbox --wait 10`
      ),
      "an existing org gets the companion permission sets, each on its own"
    );
    assert.ok(
      !commands.some((line) => line.includes("companion/record-pages")),
      "but keeps its own record pages"
    );
    assert.match(run.stdout, /npm run deploy:companion -- --target-org my-sandbox --record-pages/);
    assert.match(run.stdout, /^2\. Create a scratch org — skipped: using the existing org "my-sandbox"$/m);
  });

  const plans = {
    deploy: [[], ["sf org display --json", "sf project deploy start --source-dir force-app --wait 30"]],
    "deploy:companion": [
      ["--target-org", "customer"],
      [
        "sf org display --target-org customer --json",
        "sf project deploy start --source-dir companion/permissions/permissionsets/Call_Capture_Admin_Standard.permissionset-meta.xml --target-org customer --wait 10",
        "sf project deploy start --source-dir companion/permissions/permissionsets/Call_Capture_Integration_Standard.permissionset-meta.xml --target-org customer --wait 10",
        "sf project deploy start --source-dir companion/permissions/permissionsets/Call_Capture_User_Standard.permissionset-meta.xml --target-org customer --wait 10"
      ]
    ],
    "test:apex": [
      ["--target-org", "qa"],
      [
        "sf org display --target-org qa --json",
        "sf apex run test --test-level RunLocalTests --code-coverage --result-format human --output-dir .tmp/apex-tests --wait 30 --target-org qa"
      ]
    ],
    "org:delete": [
      [],
      [
        "sf org display --target-org callcap-demo --json",
        "sf org delete scratch --target-org callcap-demo --no-prompt"
      ]
    ],
    "package:version": [
      ["--target-dev-hub", "hub"],
      [
        "sf org list --json",
        "sf package create --name 'Call Capture' --package-type Managed --path force-app --target-dev-hub hub",
        "sf package version create --package 'Call Capture' --code-coverage --installation-key-bypass --wait 60 --target-dev-hub hub"
      ]
    ],
    "package:promote": [
      ["--package", "04t5e000000ABCDAA4"],
      ["sf org list --json", "sf package version promote --package 04t5e000000ABCDAA4 --no-prompt"]
    ],
    "package:install": [
      ["--package", "04t5e000000ABCDAA4", "--target-org", "customer"],
      [
        "sf org display --target-org customer --json",
        "sf package install --package 04t5e000000ABCDAA4 --target-org customer --wait 20 --publish-wait 10 --security-type AdminsOnly --no-prompt"
      ]
    ]
  };
  for (const [name, [args, expected]] of Object.entries(plans)) {
    it(`${name} prints its sf commands in order and exits 0`, async () => {
      const run = await runScript(name, ["--dry-run", ...args]);

      assert.equal(run.code, 0, run.output);
      assert.deepEqual(run.sfCalls, [], "a dry run runs no sf command");
      assert.deepEqual(sfCommands(run.stdout), expected);
      assert.match(run.stdout, /Dry run: nothing was run\.\s*$/);
    });
  }

  it("deploy:companion --record-pages also deploys the org-default record pages", async () => {
    const run = await runScript("deploy:companion", ["--dry-run", "--target-org", "dev", "--record-pages"]);

    assert.equal(run.code, 0, run.output);
    assert.deepEqual(sfCommands(run.stdout), [
      "sf org display --target-org dev --json",
      "sf project deploy start --source-dir companion/permissions/permissionsets/Call_Capture_Admin_Standard.permissionset-meta.xml --target-org dev --wait 10",
      "sf project deploy start --source-dir companion/permissions/permissionsets/Call_Capture_Integration_Standard.permissionset-meta.xml --target-org dev --wait 10",
      "sf project deploy start --source-dir companion/permissions/permissionsets/Call_Capture_User_Standard.permissionset-meta.xml --target-org dev --wait 10",
      "sf project deploy start --source-dir companion/record-pages --target-org dev --wait 10"
    ]);
    assert.match(
      run.stdout,
      /org assign permset --name Call_Capture_Integration_Standard --on-behalf-of <integration username> --target-org dev/
    );
  });

  it("package:version on a fresh clone chooses no ancestor (no package, so nothing released yet)", async () => {
    const run = await runScript("package:version", ["--dry-run"]);

    assert.equal(run.code, 0, run.output);
    assert.match(run.stdout, /^3\. Choose the ancestor\n {3}no released version yet, so no ancestor/m);
  });

  it("package:promote says the next versions get ancestorVersion HIGHEST", async () => {
    const run = await runScript("package:promote", ["--dry-run", "--package", "04t5e000000ABCDAA4"]);

    assert.equal(run.code, 0, run.output);
    assert.match(run.stdout, /sfdx-project\.json would get "ancestorVersion": "HIGHEST"/);
  });

  it("package:version hides the installation key in the printed command", async () => {
    const run = await runScript("package:version", ["--dry-run", "--installation-key", "s3cret-key"]);

    assert.equal(run.code, 0, run.output);
    assert.doesNotMatch(run.stdout, /s3cret-key/);
    assert.match(run.stdout, /--installation-key <hidden> --wait 60/);
  });
});
