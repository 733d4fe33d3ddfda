// Without an authorised org or Dev Hub every command stops at its first step, having done nothing,
// and says which login command to run. A failing step names itself and shows the sf CLI's error.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import path from "node:path";
import { repoRoot, runScript } from "./helpers.mjs";

const fakeCallcap = path.join(repoRoot, "test", "scripts", "fixtures", "fake-callcap.cjs");

const DEV_HUB_LOGIN = "npm run sf -- org login web --set-default-dev-hub --alias devhub";

describe("no org or Dev Hub logged in", { concurrency: true }, () => {
  const cases = [
    ["setup", [], [["org", "list", "--json"]], DEV_HUB_LOGIN, /no default Dev Hub/],
    [
      "setup",
      ["--target-dev-hub", "hub"],
      [["org", "list", "--json"]],
      DEV_HUB_LOGIN,
      /no authorised Dev Hub named "hub"/
    ],
    [
      "setup",
      ["--target-org", "qa"],
      [["org", "display", "--target-org", "qa", "--json"]],
      "npm run sf -- org login web --alias qa",
      /No authorization information found for qa/
    ],
    [
      "deploy",
      [],
      [["org", "display", "--json"]],
      "npm run sf -- org login web --alias <alias>",
      /No default environment found/
    ],
    [
      "deploy:companion",
      ["--target-org", "customer"],
      [["org", "display", "--target-org", "customer", "--json"]],
      "npm run sf -- org login web --alias customer",
      /no authorised org/
    ],
    [
      "test:apex",
      [],
      [["org", "display", "--json"]],
      "npm run sf -- org login web --alias <alias>",
      /no authorised org/
    ],
    ["package:version", [], [["org", "list", "--json"]], DEV_HUB_LOGIN, /no default Dev Hub/],
    [
      "package:promote",
      ["--package", "04t5e000000ABCDAA4"],
      [["org", "list", "--json"]],
      DEV_HUB_LOGIN,
      /no default Dev Hub/
    ],
    [
      "package:install",
      ["--package", "04t5e000000ABCDAA4", "--target-org", "customer"],
      [["org", "display", "--target-org", "customer", "--json"]],
      "npm run sf -- org login web --alias customer",
      /no authorised org/
    ],
    [
      "org:delete",
      [],
      [["org", "display", "--target-org", "callcap-demo", "--json"]],
      "npm run setup -- --alias callcap-demo",
      /no authorised org/
    ]
  ];
  for (const [name, args, calls, login, why] of cases) {
    it(`${name} ${args.join(" ")} stops at step 1 with "${login}"`, async () => {
      const run = await runScript(name, args, { state: "no-org" });

      assert.equal(run.code, 1, run.output);
      assert.deepEqual(run.sfCalls, calls, "only the login check ran");
      assert.match(run.stderr, /✖ Step 1 \(Check [^)]*\) failed: /);
      assert.match(run.stderr, why);
      assert.ok(run.stderr.includes(login), `names the login command:\n${run.stderr}`);
      assert.doesNotMatch(run.stdout, /^2\. /m, "no second step started");
    });
  }
});

describe("a failing step", { concurrency: true }, () => {
  it("deploy names the step, shows sf's own error and stops", async () => {
    const run = await runScript("deploy", ["--target-org", "qa"], {
      state: "logged-in",
      env: { FAKE_SF_FAIL: "project deploy start" }
    });

    assert.equal(run.code, 1, run.output);
    assert.match(run.stderr, /Variable does not exist: callWorks/, "sf's own error is shown");
    assert.match(
      run.stderr,
      /✖ Step 2 \(Deploy force-app\) failed: sf project deploy start exited with code 1/
    );
    assert.deepEqual(run.sfCalls, [
      ["org", "display", "--target-org", "qa", "--json"],
      ["project", "deploy", "start", "--source-dir", "force-app", "--target-org", "qa", "--wait", "30"]
    ]);
  });

  it("deploy into a logged-in org runs the check then the deploy and says how long each took", async () => {
    const run = await runScript("deploy", ["--target-org", "qa"], { state: "logged-in" });

    assert.equal(run.code, 0, run.output);
    assert.equal(run.sfCalls.length, 2);
    assert.match(
      run.stdout,
      /^2\. Deploy force-app\n {3}\$ sf project deploy start .*\nfake sf: .* done\n {3}done in \d+s$/m
    );
    assert.match(run.stdout, /Done\.\s*$/);
  });
});

describe("setup in a logged-in org", () => {
  it("deploys, assigns, loads settings, creates the existing customer, sends every call and prints the record URLs", async () => {
    const run = await runScript("setup", ["--target-org", "qa"], {
      state: "logged-in",
      env: { CALLCAP_CLI_BIN: fakeCallcap }
    });

    assert.equal(run.code, 0, run.output);
    const calls = run.sfCalls.map((call) => call.slice(0, 3).join(" "));
    assert.deepEqual(calls.slice(0, 12), [
      "org display --target-org",
      "project deploy start",
      "project deploy start",
      "project deploy start",
      "project deploy start",
      "org assign permset",
      "org assign permset",
      "project deploy start",
      "data query --query",
      "data query --query",
      "data create record",
      "data create record"
    ]);
    assert.equal(calls.length, 18, calls.join("\n"));
    assert.ok(
      calls.slice(12, 17).every((call) => call.startsWith("callcap send")),
      "then the five demo calls"
    );
    assert.equal(calls[17], "org display --target-org", "then the instance URL for the links");
    assert.deepEqual(
      run.sfCalls.slice(2, 5).map((call) => call[4]),
      ["Admin", "Integration", "User"].map(
        (name) => `companion/permissions/permissionsets/Call_Capture_${name}_Standard.permissionset-meta.xml`
      ),
      "each companion permission set on its own, before they are assigned; an existing org keeps its record pages"
    );
    assert.ok(run.sfCalls[6].includes("Call_Capture_Integration_Standard"), "the companion is assigned");
    const contact = run.sfCalls[11];
    assert.ok(contact.includes("Contact"), "the second record is the Contact");
    assert.match(
      contact[contact.indexOf("--values") + 1],
      /AccountId=001000000000001AAA/,
      "linked to the new Account"
    );
    const sends = run.sfCalls.filter((call) => call[0] === "callcap");
    assert.equal(sends.length, 5);
    for (const send of sends) {
      assert.deepEqual(send.slice(3, 8), ["--target-org", "qa", "--namespace", "callcap", "--json"]);
    }
    assert.match(run.stdout, /existing-customer: updated \(contact_updated\)/);
    assert.match(
      run.stdout,
      /callcap__Call__c +https:\/\/callcap-demo\.my\.salesforce\.com\/lightning\/r\/callcap__Call__c\/a00000000000001AAA\/view/
    );
    assert.match(
      run.stdout,
      /Lead +https:\/\/callcap-demo\.my\.salesforce\.com\/lightning\/r\/Lead\/00Q000000000001AAA\/view/
    );
    assert.match(
      run.stdout,
      /Opportunity +https:\/\/callcap-demo\.my\.salesforce\.com\/lightning\/r\/Opportunity\/006000000000001AAA\/view/
    );
    assert.match(run.stdout, /Open the org: npm run sf -- org open --target-org qa/);
  });
});

describe("setup creating a scratch org", { concurrency: true }, () => {
  const run = (args, env = {}) =>
    runScript("setup", args, { state: "logged-in", env: { CALLCAP_CLI_BIN: fakeCallcap, ...env } });
  const creates = (result) =>
    result.sfCalls.filter((call) => call.slice(0, 3).join(" ") === "org create scratch");

  it("falls back to a scratch org without namespace when the Dev Hub has not linked callcap, and finishes the job there", async () => {
    const result = await run([], { FAKE_SF_NAMESPACE_UNLINKED: "1" });

    assert.equal(result.code, 0, result.output);
    assert.deepEqual(
      creates(result).map((call) => call.includes("--no-namespace")),
      [false, true],
      "first in the namespace, then without it"
    );
    assert.match(result.stdout, /Your Dev Hub has not linked the callcap namespace \(or does not own/);
    assert.match(result.stdout, /We don’t recognize this namespace: callcap/, "sf's own words are shown");
    assert.match(result.stdout, /npm run setup -- --no-namespace/, "offers the flag for next time");
    assert.ok(
      result.sfCalls.some((call) => call.includes("companion/record-pages")),
      "the new scratch org gets the record pages"
    );
    const sends = result.sfCalls.filter((call) => call[0] === "callcap");
    assert.equal(sends.length, 5);
    for (const send of sends) {
      assert.deepEqual(send.slice(5, 7), ["--namespace", ""], "the calls go to the unnamespaced REST path");
    }
    assert.match(result.stdout, /Lead +https:\/\/\S+\/lightning\/r\/Lead\/00Q000000000001AAA\/view/);
    assert.match(result.stdout, / Call__c +https:\/\/\S+\/lightning\/r\/Call__c\//, "no namespace prefix");
    assert.match(result.stdout, /pages show the call panel/);
  });

  it("also falls back when the project names an ancestor this Dev Hub does not have (it does not own the package)", async () => {
    const result = await run([], { FAKE_SF_NAMESPACE_UNLINKED: "ancestor" });

    assert.equal(result.code, 0, result.output);
    assert.deepEqual(
      creates(result).map((call) => call.includes("--no-namespace")),
      [false, true]
    );
    assert.match(result.stdout, /The ancestor for ancestorVersion HIGHEST can't be found/);
  });

  it("keeps the namespace when the Dev Hub has it linked: one attempt, namespaced URLs", async () => {
    const result = await run([]);

    assert.equal(result.code, 0, result.output);
    assert.equal(creates(result).length, 1);
    assert.ok(!creates(result)[0].includes("--no-namespace"));
    assert.doesNotMatch(result.stdout, /has not linked/);
    assert.match(result.stdout, /callcap__Call__c +https:/);
  });

  it("stops on any other scratch org failure with sf's error, without a second attempt", async () => {
    const result = await run([], { FAKE_SF_FAIL: "org create scratch" });

    assert.equal(result.code, 1, result.output);
    assert.equal(creates(result).length, 1, "no fallback for an unrelated failure");
    assert.match(
      result.stderr,
      /✖ Step 2 \(Create the scratch org "callcap-demo"\) failed: sf org create scratch failed/
    );
    assert.match(result.stderr, /Deploy failed/, "sf's own error is shown");
    assert.doesNotMatch(result.stdout, /^3\. /m, "nothing is deployed");
  });

  it("with --no-namespace creates the unnamespaced org right away", async () => {
    const result = await run(["--no-namespace"], { FAKE_SF_NAMESPACE_UNLINKED: "1" });

    assert.equal(result.code, 0, result.output);
    assert.equal(creates(result).length, 1);
    assert.ok(creates(result)[0].includes("--no-namespace"));
    assert.doesNotMatch(result.stdout, /has not linked/);
  });
});

describe("setup that meets a failure it can survive", () => {
  it("goes on past a companion permission set the org refuses and says how to finish by hand", async () => {
    const refused =
      "project deploy start --source-dir companion/permissions/permissionsets/Call_Capture_Integration_Standard";
    const run = await runScript("setup", ["--target-org", "qa"], {
      state: "logged-in",
      env: { CALLCAP_CLI_BIN: fakeCallcap, FAKE_SF_FAIL: refused }
    });

    assert.equal(run.code, 1, "setup ends with what failed: " + run.output);
    const calls = run.sfCalls.map((call) => call.join(" "));
    assert.ok(
      calls.some((call) => call.includes("Call_Capture_User_Standard.permissionset-meta.xml")),
      "the next permission set is still deployed"
    );
    const assignments = run.sfCalls.filter((call) => call.slice(0, 3).join(" ") === "org assign permset");
    assert.deepEqual(
      assignments.map((call) => call.filter((arg, i) => call[i - 1] === "--name")),
      [["Call_Capture_Admin", "Call_Capture_Integration"], ["Call_Capture_Admin_Standard"]],
      "only what deployed is assigned"
    );
    assert.equal(
      run.sfCalls.filter((call) => call[0] === "callcap").length,
      5,
      "the demo calls still go out"
    );
    assert.match(
      run.stderr,
      /Step 5 \(Deploy the companion permission set Call_Capture_Integration_Standard\) failed/
    );
    assert.match(run.stderr, /Finished, but 1 step\(s\) failed\. What failed and how to finish by hand:/);
    assert.match(
      run.stderr,
      /npm run sf -- project deploy start --source-dir companion\/permissions\/permissionsets\/Call_Capture_Integration_Standard\.permissionset-meta\.xml --target-org qa --wait 10/
    );
  });

  it("offers the auth-URL and JWT logins when no browser can open, never the blocked device flow", async () => {
    const run = await runScript("setup", [], { env: { CALLCAP_BROWSER: "0" } });

    assert.equal(run.code, 1, run.output);
    assert.match(
      run.stderr,
      /Log in to your Dev Hub first: npm run sf -- org login web --set-default-dev-hub --alias devhub/
    );
    assert.match(run.stderr, /No browser can open here/);
    assert.match(
      run.stderr,
      /npm run sf -- org login sfdx-url --sfdx-url-file <file> --set-default-dev-hub --alias devhub/
    );
    assert.doesNotMatch(run.stderr, /org login device/);
    assert.match(
      run.stderr,
      /Nothing was changed\. To see every step and command without an org: npm run setup -- --dry-run/
    );
    assert.match(
      run.stderr,
      /npm run sf -- org login jwt --client-id <consumer key> --jwt-key-file <server\.key> --username <username> --set-default-dev-hub --alias devhub/
    );
  });

  it("names only the browser login where a browser can open", async () => {
    const run = await runScript("deploy", ["--target-org", "qa"], { env: { CALLCAP_BROWSER: "1" } });

    assert.equal(run.code, 1, run.output);
    assert.match(run.stderr, /Log in first: npm run sf -- org login web --alias qa/);
    assert.doesNotMatch(run.stderr, /org login device/);
  });
});
