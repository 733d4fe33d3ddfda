// Self-test of the vector-sources check (scripts/check/vector-sources.mjs, run by the metadata step): the fixture
// test/gate/fixtures/vector-sources plants, beside valid vectors, a sourced case without a source, an empty
// source, a source that is no commit, two cases sharing one source (in one file and across files), a missing
// expected field, a missing reason, a known miss of a field the file does not require, an unknown provenance
// kind, a case without a call, an authored file repeating a case name and a vectors file that declares no
// provenance. The metadata step must fail on exactly those lines; the valid cases (two cases of one page with
// different locators), the authored file's first case and a JSON resource that holds no vectors pass.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertCaughtBy, runSteps } from "./gate-run.mjs";

const run = runSteps("vector-sources", ["format", "metadata"]);
const sourced = "staticresources/SourcedVectors.json";

test("vector-sources: every sourced vector names its own source, its expected fields and a reason for each", async () => {
  const result = await run;
  assert.match(result.output, /15 conformance vectors in 4 file\(s\)/);
  assertCaughtBy(result, [
    [`${sourced}:93`, "case no_source has no source"],
    [`${sourced}:117`, "case empty_source has an empty source"],
    [`${sourced}:142`, 'case bad_commit source commit "main" is not a 40-hex commit'],
    [
      `${sourced}:172`,
      "case duplicate_source has the same source as SourcedVectors.json case valid_url_case"
    ],
    [`${sourced}:200`, "case missing_timeline expects no timeline"],
    [`${sourced}:227`, "case missing_reason gives no reason for budget"],
    [
      `${sourced}:254`,
      'case bad_known_miss has a knownMiss entry without a required field and a reason: {"field":"rating"'
    ],
    [`${sourced}:287`, 'case bad_provenance has provenance "blog"'],
    [`${sourced}:315`, "case no_call has no call transcript or summary"],
    [
      "staticresources/SourcedVectorsSecond.json:7",
      "case cross_file_duplicate has the same source as SourcedVectors.json case valid_repo_case"
    ],
    ["staticresources/AuthoredVectors.json:13", "case keyword_case_insensitive is named twice"],
    [
      "staticresources/UndeclaredVectors.json:1",
      'vectors file must declare its provenance ("sourced" or "authored")'
    ]
  ]);
});
