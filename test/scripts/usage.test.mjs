// --help for every command, and argument mistakes stop with exit code 2 and a pointer to --help,
// before any sf command runs.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runScript, scripts } from "./helpers.mjs";

describe("--help", { concurrency: true }, () => {
  for (const name of Object.keys(scripts)) {
    it(`${name} --help shows usage, options, what it needs, and runs nothing`, async () => {
      const run = await runScript(name, ["--help"]);

      assert.equal(run.code, 0, run.output);
      assert.match(run.stdout, new RegExp(`Usage: npm run ${name} -- \\[options\\]`));
      assert.match(run.stdout, /--dry-run\s+Print the exact commands in order/);
      assert.match(run.stdout, /^Needs: /m);
      assert.deepEqual(run.sfCalls, []);
    });
  }

  it("setup --help lists its options with their defaults", async () => {
    const run = await runScript("setup", ["--help"]);

    for (const option of [
      "--target-dev-hub",
      "--alias <alias>",
      "--duration-days <days>",
      "--target-org",
      "--no-namespace"
    ]) {
      assert.ok(run.stdout.includes(option), `help mentions ${option}`);
    }
    assert.match(run.stdout, /\(default: callcap-demo\)/);
  });
});

describe("argument errors", { concurrency: true }, () => {
  const cases = [
    ["setup", ["--wat"], /setup: Unknown option '--wat'/],
    ["setup", ["stray"], /setup: Unexpected argument 'stray'/],
    ["setup", ["--duration-days", "0"], /--duration-days must be a whole number from 1 to 30 \(got "0"\)/],
    ["setup", ["--duration-days", "soon"], /--duration-days must be a whole number from 1 to 30/],
    ["setup", ["--alias"], /Option '--alias' argument/],
    [
      "setup",
      ["--target-org", "qa", "--alias", "x"],
      /--target-org uses an existing org; --alias only apply to a new scratch org/
    ],
    [
      "setup",
      ["--target-org", "qa", "--target-dev-hub", "hub", "--no-namespace"],
      /--target-dev-hub, --no-namespace only apply/
    ],
    ["deploy", ["--target-org", ""], /--target-org needs a value/],
    ["test:apex", ["--min-class", "101"], /--min-class must be a whole number from 0 to 100/],
    ["package:promote", [], /--package is required/],
    ["package:install", ["--package", "033000000000000"], /--package must be a package version id 04t…/],
    [
      "package:install",
      ["--package", "04t5e000000ABCDAA4", "--security-type", "Everyone"],
      /--security-type must be AdminsOnly or AllUsers/
    ]
  ];
  for (const [name, args, message] of cases) {
    it(`${name} ${args.join(" ") || "(nothing)"} → exit 2, says what is wrong`, async () => {
      const run = await runScript(name, [...args, "--dry-run"]);

      assert.equal(run.code, 2, run.output);
      assert.match(run.stderr, message);
      assert.match(run.stderr, new RegExp(`Run "npm run ${name} -- --help" for the options\\.`));
      assert.deepEqual(run.sfCalls, [], "nothing runs");
    });
  }
});
