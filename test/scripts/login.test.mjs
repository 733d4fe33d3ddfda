// Without an authorised org or Dev Hub every command stops at its first step, having done nothing,
// and says which login command to run. A failing step names itself and shows the sf CLI's error.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runScript } from "./helpers.mjs";

const DEV_HUB_LOGIN = "npx sf org login web --set-default-dev-hub --alias devhub";

describe("no org or Dev Hub logged in", () => {
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
      "npx sf org login web --alias qa",
      /No authorization information found for qa/
    ],
    [
      "deploy",
      [],
      [["org", "display", "--json"]],
      "npx sf org login web --alias <alias>",
      /No default environment found/
    ],
    [
      "test:apex",
      [],
      [["org", "display", "--json"]],
      "npx sf org login web --alias <alias>",
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
      "npx sf org login web --alias customer",
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

describe("a failing step", () => {
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
