// Conformance vectors keep their provenance (docs/real-call-vectors.md). A vectors file is a JSON static resource
// whose top level has a `cases` array. It declares `provenance`:
// - "authored": cases the team wrote to pin the engine's behaviour (IntelligenceVectors.json); they cite no
//   outside source. Checked: every case has a unique, non-empty name.
// - "sourced": cases taken from calls in public sources (RealCallVectors.json). Checked, per case: a unique name;
//   a source that is a URL or a repository ("owner/name"), path and 40-hex commit; a source no other case of any
//   sourced file has (url or repository@commit:path, plus the `locator` naming the part of it); a known
//   provenance kind; a call with a transcript or a summary; every field the file's `requiredExpect` names present
//   in `expect` (null is a value) with a non-empty reason in `reasons`; and a `knownMiss` list whose entries
//   name one of those fields and say why.
// A vectors file without a provenance, or with another one, is a finding: a new vectors file must say which it is.
import path from "node:path";
import { lineOf } from "./project.mjs";

export const VECTOR_PROVENANCES = ["sourced", "authored"];
/** Where a sourced case's call comes from (docs/real-call-vectors.md, "Sources"). */
export const CASE_PROVENANCES = [
  "recorded-call",
  "vendor-sample",
  "vendor-eval",
  "published-example",
  "developer-fixture"
];

const COMMIT = /^[0-9a-f]{40}$/;
const REPOSITORY = /^[\w.-]+\/[\w.-]+$/;
const URL = /^https?:\/\/\S+$/;

const isText = (value) => typeof value === "string" && value.trim() !== "";
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** The JSON static resources that hold conformance vectors, parsed; files that are not JSON vectors are skipped. */
function vectorFiles(files, text) {
  const found = [];
  for (const file of files) {
    if (!file.endsWith(".json") || !file.split(path.sep).includes("staticresources")) continue;
    let doc;
    try {
      doc = JSON.parse(text(file));
    } catch {
      continue; // not JSON: not a vectors file (the resource's own consumers report bad JSON)
    }
    if (isObject(doc) && Array.isArray(doc.cases)) found.push({ file, doc });
  }
  return found;
}

/** The identity of a case's source: two cases may share a document only with different locators. */
function sourceKey(source) {
  const where = isText(source.url)
    ? source.url.trim()
    : `${source.repository}@${source.commit}:${source.path}`;
  return `${where}#${isText(source.locator) ? source.locator.trim() : ""}`;
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

/**
 * Checks every vectors file among `files`.
 * @param {{files: string[], text: (file: string) => string}} input the deployed files and a cached reader
 * @returns {{findings: {file: string, line: number, message: string}[], vectorFiles: number, cases: number}}
 */
export function checkVectorSources({ files, text }) {
  const findings = [];
  const seenSources = new Map(); // source key -> "file case", across every sourced file
  let cases = 0;
  const found = vectorFiles(files, text);
  for (const { file, doc } of found) {
    const flag = (line, message) => findings.push({ file, line, message });
    // A case is reported on its own "name" line: the n-th occurrence of that name for the n-th case bearing it.
    const occurrences = new Map();
    const caseLine = (name) => {
      const needle = `"name": ${JSON.stringify(name)}`;
      let from = 0;
      for (let seen = occurrences.get(name) ?? 0; seen > 0; seen--)
        from = text(file).indexOf(needle, from) + 1;
      occurrences.set(name, (occurrences.get(name) ?? 0) + 1);
      return lineOf(text(file), needle, from);
    };
    if (!VECTOR_PROVENANCES.includes(doc.provenance)) {
      const declared = doc.provenance === undefined ? "none" : JSON.stringify(doc.provenance);
      flag(1, `vectors file must declare its provenance ("sourced" or "authored"), declares ${declared}`);
      continue;
    }
    const names = new Set();
    const required = Array.isArray(doc.requiredExpect) ? doc.requiredExpect : [];
    if (doc.provenance === "sourced" && (required.length === 0 || !required.every(isText))) {
      flag(lineOf(text(file), '"requiredExpect"'), "sourced vectors file names no requiredExpect fields");
    }
    for (const [index, entry] of doc.cases.entries()) {
      cases++;
      const vector = isObject(entry) ? entry : {};
      const name = isText(vector.name) ? vector.name : null;
      const label = name ?? `case ${index + 1}`;
      const line = name ? caseLine(name) : 1;
      if (!name) flag(1, `${label} has no name`);
      else if (names.has(name)) flag(line, `case ${name} is named twice`);
      if (name) names.add(name);
      if (doc.provenance !== "sourced") continue;

      const problem = sourceProblem(vector.source);
      if (problem) flag(line, `case ${label} ${problem}`);
      else {
        const key = sourceKey(vector.source);
        const other = seenSources.get(key);
        if (other) {
          flag(
            line,
            `case ${label} has the same source as ${other}: add a locator naming the part of the source it is`
          );
        } else {
          seenSources.set(key, `${path.basename(file)} case ${label}`);
        }
      }
      if (!CASE_PROVENANCES.includes(vector.provenance)) {
        flag(
          line,
          `case ${label} has provenance ${JSON.stringify(vector.provenance)}, not one of ${CASE_PROVENANCES.join(", ")}`
        );
      }
      const call = isObject(vector.call) ? vector.call : {};
      const hasTranscript =
        isText(call.transcript) || (Array.isArray(call.transcript) && call.transcript.length > 0);
      if (!hasTranscript && !isText(call.summary))
        flag(line, `case ${label} has no call transcript or summary`);
      const expect = isObject(vector.expect) ? vector.expect : {};
      const reasons = isObject(vector.reasons) ? vector.reasons : {};
      for (const field of required) {
        if (!(field in expect))
          flag(line, `case ${label} expects no ${field} (the file requires it; null is a value)`);
        if (!isText(reasons[field])) flag(line, `case ${label} gives no reason for ${field}`);
      }
      if (!Array.isArray(vector.knownMiss)) {
        flag(
          line,
          `case ${label} has no knownMiss list (an empty list when every field is expected to pass)`
        );
      } else {
        for (const miss of vector.knownMiss) {
          if (!isObject(miss) || !required.includes(miss.field) || !isText(miss.reason)) {
            flag(
              line,
              `case ${label} has a knownMiss entry without a required field and a reason: ${JSON.stringify(miss)}`
            );
          }
        }
      }
    }
  }
  return { findings, vectorFiles: found.length, cases };
}
