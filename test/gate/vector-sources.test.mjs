// Self-test of the vector-sources check (scripts/check/vector-sources.mjs, run by the metadata step): the fixture
// test/gate/fixtures/vector-sources plants, beside valid vectors, a sourced case without a source, an empty
// source, a source that is no commit, two cases sharing one source (in one file and across files), a missing
// expected field, a missing reason, a known miss of a field the file does not require, an unknown provenance
// kind, a case without a call, an authored file repeating a case name and a vectors file that declares no
// provenance; and in a vendor-payload conformance file, a vendor-docs case that was adapted, an adapted case that
// says "none", an sdk-fixture whose file does not exist, a source without a locator, a case with two payloads, a
// case expecting nothing, a real-call provenance kind, the same source and adaptation twice, and a vendor-docs case
// sourced from this repository. The metadata step must fail on exactly those lines; the valid cases (two cases of
// one page with different locators; in the vendor-payload file, a payload as documented, one adapted from the same
// page, a sequence of callbacks from a repository with an expected error, an existing sdk-fixture), the authored
// file's first case and a JSON resource that holds no vectors pass.
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertCaughtBy, runSteps } from "./gate-run.mjs";

const run = runSteps("vector-sources", ["metadata"]);
const sourced = "staticresources/SourcedVectors.json";
const payloads = "staticresources/VendorPayloadVectors.json";

test("vector-sources: every sourced vector names its own source, its expected fields and a reason for each; every vendor payload its source, adaptation and expectation", async () => {
  const result = await run;
  assert.match(result.output, /28 conformance vectors in 5 file\(s\)/);
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
      'vectors file must declare its provenance ("sourced", "authored" or "vendor-payloads")'
    ],
    [`${payloads}:93`, "case unlabelled_adaptation is vendor-docs but adapted"],
    [`${payloads}:114`, "case adapted_says_none is vendor-docs-adapted but its adaptation says none"],
    [
      `${payloads}:135`,
      'case missing_fixture source path "ts-sdk/test/fixtures/no-such-file.json" does not exist'
    ],
    [`${payloads}:157`, "case no_locator source has no locator"],
    [`${payloads}:177`, "case both_payloads has both payload and payloads"],
    [`${payloads}:199`, "case no_expectation expects nothing"],
    [`${payloads}:214`, 'case real_call_kind has provenance "recorded-call", not one of vendor-docs'],
    [
      `${payloads}:235`,
      "case same_payload_twice has the same source and adaptation as case docs_adapted_same_page"
    ],
    [
      `${payloads}:256`,
      "case docs_from_this_repository is vendor-docs but its source is a file of this repository"
    ]
  ]);
});
