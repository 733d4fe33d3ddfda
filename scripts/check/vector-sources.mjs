// Conformance vectors keep their provenance (rule of the `metadata` step): a JSON static resource with a `cases` array
// declares "authored", "sourced" (each case names its own source, expected fields and a reason for each) or
// "vendor-payloads" (each case names its source, adaptation and expectation). What is checked per kind:
// docs/quality-gate.md ("Platform rules in metadata"); how sources and expectations were decided:
// docs/real-call-vectors.md and docs/direct-webhooks.md ("The conformance file").
import fs from "node:fs";
import path from "node:path";
import { lineOf } from "./project.mjs";

const VECTOR_PROVENANCES = ["sourced", "authored", "vendor-payloads"];
/** How a vendor-payload case relates to its source. */
const PAYLOAD_PROVENANCES = ["vendor-docs", "vendor-docs-adapted", "sdk-fixture"];
/** A vendor-payload source that is a file of the project itself (the SDK's adapter fixtures). */
const THIS_REPOSITORY = "this repository";
/** Where a sourced case's call comes from (docs/real-call-vectors.md, "Sources"). */
const CASE_PROVENANCES = "recorded-call vendor-sample vendor-eval published-example developer-fixture";

const COMMIT = /^[0-9a-f]{40}$/;
const REPOSITORY = /^[\w.-]+\/[\w.-]+$/;
const URL = /^https?:\/\/\S+$/;

const isText = (value) => typeof value === "string" && value.trim() !== "";
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
/** A case's problems with its provenance: none when it is one of `allowed`. */
const provenanceProblems = ({ provenance }, allowed) =>
  allowed.includes(provenance)
    ? []
    : [`has provenance ${JSON.stringify(provenance)}, not one of ${allowed.join(", ")}`];

/** The JSON static resources that hold conformance vectors, parsed; files that are not JSON vectors are skipped. */
function vectorFiles(files, text) {
  const json = (file) => {
    try {
      return JSON.parse(text(file));
    } catch {
      return null; // not JSON: not a vectors file (the resource's own consumers report bad JSON)
    }
  };
  return files
    .filter((file) => file.endsWith(".json") && file.split(path.sep).includes("staticresources"))
    .map((file) => ({ file, doc: json(file) }))
    .filter(({ doc }) => isObject(doc) && Array.isArray(doc.cases));
}

/** The identity of a case's source: two cases may share a document only with different locators. */
function sourceKey({ url, repository, commit, path: file, locator }) {
  const where = isText(url) ? url.trim() : `${repository}@${commit}:${file}`;
  return `${where}#${isText(locator) ? locator.trim() : ""}`;
}

/** What is wrong with a source object, or null when it names a URL or a repository, path and commit. */
function sourceProblem(source) {
  if (!isObject(source)) return "has no source";
  if (isText(source.url))
    return URL.test(source.url.trim()) ? null : `source url "${source.url}" is not a URL`;
  const missing = ["repository", "path", "commit"].filter((k) => !isText(source[k]));
  if (missing.length === 3) return "has an empty source (a url, or a repository, path and commit)";
  if (missing.length) return `source names no ${missing.join(", ")}`;
  if (!REPOSITORY.test(source.repository))
    return `source repository "${source.repository}" is not owner/name`;
  if (!COMMIT.test(source.commit)) return `source commit "${source.commit}" is not a 40-hex commit`;
  return null;
}

/** What is wrong with a vendor-payload case's source, or null. */
function payloadSourceProblem(vector, root) {
  const source = vector.source;
  if (!isObject(source)) return "has no source";
  if (!isText(source.locator)) return "source has no locator naming the part of it";
  if (vector.provenance !== "sdk-fixture") {
    return source.repository === THIS_REPOSITORY
      ? `is ${vector.provenance} but its source is a file of this repository (that is an sdk-fixture)`
      : sourceProblem(source);
  }
  if (source.repository !== THIS_REPOSITORY || !isText(source.path))
    return `is an sdk-fixture: its source must be a file of this repository ("repository": "${THIS_REPOSITORY}" and a path)`;
  if (!fs.existsSync(path.join(root, source.path)))
    return `source path "${source.path}" does not exist in this repository`;
  return null;
}

/** What is wrong with a vendor-payload case (its name and source key are checked by the caller). */
function payloadCaseProblems(vector, root) {
  const problems = isText(vector.vendor) ? [] : ["names no vendor"];
  problems.push(...provenanceProblems(vector, PAYLOAD_PROVENANCES));
  const source = payloadSourceProblem(vector, root);
  if (source) problems.push(source);
  const adaptation = isText(vector.adaptation) ? vector.adaptation.trim() : null;
  const asDocumented = adaptation !== null && /^none\b/i.test(adaptation);
  if (adaptation === null)
    problems.push('says no adaptation ("none" when the payload is exactly as documented)');
  else if (vector.provenance === "vendor-docs" && !asDocumented)
    problems.push(`is vendor-docs but adapted ("${adaptation}"): it is vendor-docs-adapted`);
  else if (vector.provenance === "vendor-docs-adapted" && asDocumented)
    problems.push("is vendor-docs-adapted but its adaptation says none: say what changed");
  const payloads = Array.isArray(vector.payloads) && vector.payloads.length > 0;
  const noPayload = "has no payload (payload, or payloads for a sequence of callbacks)";
  if (isObject(vector.payload) === payloads)
    problems.push(payloads ? "has both payload and payloads" : noPayload);
  else if (payloads && !vector.payloads.every(isObject))
    problems.push("has a payload in payloads that is not an object");
  const expectsError = isText(vector.expectedError);
  const noExpectation = "expects nothing (an expected call, or an expectedError)";
  if (isObject(vector.expected) === expectsError)
    problems.push(expectsError ? "has both expected and expectedError" : noExpectation);
  if ("sdkPending" in vector && !isText(vector.sdkPending))
    problems.push("has an sdkPending that says no why");
  return problems;
}

/** What is wrong with a sourced case's provenance, call and expectations (its source is checked by the caller). */
function expectationProblems(vector, required) {
  const problems = provenanceProblems(vector, CASE_PROVENANCES.split(" "));
  const call = isObject(vector.call) ? vector.call : {};
  const hasTranscript =
    isText(call.transcript) || (Array.isArray(call.transcript) && call.transcript.length > 0);
  if (!hasTranscript && !isText(call.summary)) problems.push("has no call transcript or summary");
  const expect = isObject(vector.expect) ? vector.expect : {};
  const reasons = isObject(vector.reasons) ? vector.reasons : {};
  for (const field of required) {
    if (!(field in expect)) problems.push(`expects no ${field} (the file requires it; null is a value)`);
    if (!isText(reasons[field])) problems.push(`gives no reason for ${field}`);
  }
  if (!Array.isArray(vector.knownMiss))
    return [...problems, "has no knownMiss list (an empty list when every field is expected to pass)"];
  for (const miss of vector.knownMiss) {
    if (!isObject(miss) || !required.includes(miss.field) || !isText(miss.reason))
      problems.push(`has a knownMiss entry without a required field and a reason: ${JSON.stringify(miss)}`);
  }
  return problems;
}

/** Checks every vectors file among the deployed files (an sdk-fixture's file must exist under root). */
export function checkVectorSources({ files, text, root = "." }) {
  const findings = [];
  const seenSources = new Map(); // source key -> "file case", across every sourced file
  let cases = 0;
  const found = vectorFiles(files, text);
  for (const { file, doc } of found) {
    const flag = (line, message) => findings.push({ file, line, message });
    // A case is reported on its own "name" line: the n-th occurrence of that name for the n-th case bearing it.
    const searchFrom = new Map(); // name -> where the next case of that name is looked for
    const caseLine = (name) => {
      const needle = `"name": ${JSON.stringify(name)}`;
      const from = searchFrom.get(name) ?? 0;
      searchFrom.set(name, text(file).indexOf(needle, from) + 1);
      return lineOf(text(file), needle, from);
    };
    if (!VECTOR_PROVENANCES.includes(doc.provenance)) {
      const declared = doc.provenance === undefined ? "none" : JSON.stringify(doc.provenance);
      const kinds = '"sourced", "authored" or "vendor-payloads"';
      flag(1, `vectors file must declare its provenance (${kinds}), declares ${declared}`);
      continue;
    }
    const payloadSources = new Map(); // vendor-payloads: source key + adaptation -> case name
    const names = new Set();
    const required = Array.isArray(doc.requiredExpect) ? doc.requiredExpect : [];
    if (doc.provenance === "sourced" && (required.length === 0 || !required.every(isText)))
      flag(lineOf(text(file), '"requiredExpect"'), "sourced vectors file names no requiredExpect fields");
    for (const [index, entry] of doc.cases.entries()) {
      cases++;
      const vector = isObject(entry) ? entry : {};
      const name = isText(vector.name) ? vector.name : null;
      const label = name ?? `case ${index + 1}`;
      const line = name ? caseLine(name) : 1;
      if (!name) flag(1, `${label} has no name`);
      const problems = name && names.has(name) ? ["is named twice"] : [];
      if (name) names.add(name);
      if (doc.provenance === "vendor-payloads") {
        problems.push(...payloadCaseProblems(vector, root));
        if (isObject(vector.source) && isText(vector.adaptation)) {
          const key = `${sourceKey(vector.source)}\u0000${vector.adaptation.trim()}`;
          const other = payloadSources.get(key);
          if (other) problems.push(`has the same source and adaptation as case ${other}: one payload twice`);
          else payloadSources.set(key, label);
        }
      } else if (doc.provenance === "sourced") {
        const problem = sourceProblem(vector.source);
        const other = problem ? null : seenSources.get(sourceKey(vector.source));
        if (problem) problems.push(problem);
        else if (other)
          problems.push(`has the same source as ${other}: add a locator naming the part of the source it is`);
        else seenSources.set(sourceKey(vector.source), `${path.basename(file)} case ${label}`);
        problems.push(...expectationProblems(vector, required));
      }
      for (const problem of problems) flag(line, `case ${label} ${problem}`);
    }
  }
  return { findings, vectorFiles: found.length, cases };
}
