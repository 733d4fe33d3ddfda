// Numbers that several parts of the project must agree on (rules of the apex-rules step; what exactly is checked:
// docs/quality-gate.md, "Apex rules"):
// - `regex-alternation-bound`: RuleKindMatcher joins the rules of one kind into one alternation, and Apex's regex
//   engine gives up ("Regex too complicated") on large ones, so the engine states its bound as a constant that no
//   kind of the shipped Intelligence_Rule records may exceed (a fresh install must not warn about its own rules).
// - `request-cap-agreement`: the request byte cap is one number in the Apex endpoint, the SDK, the OpenAPI
//   document and docs/intake.md.
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { lineOf, walk } from "./project.mjs";
import { customMetadataRecords } from "./sobject-model.mjs";

/** RulePatterns.normalizeTerm: lower case, accents on vowels dropped, words separated by one space. */
const normalizeTerm = (text) =>
  text
    .toLowerCase()
    .replace(/[áàâä]/g, "a")
    .replace(/[éèêë]/g, "e")
    .replace(/[íìîï]/g, "i")
    .replace(/[óòôö]/g, "o")
    .replace(/[úùûü]/g, "u")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

export const ALTERNATION_CONSTANT = "MAX_PATTERNS_PER_ALTERNATION";
/**
 * Negation rules are joined by RuleNegation, not RuleKindMatcher, into one negator alternation that only
 * reads the window around one match (2 x 400 characters), so the engine does not bound it (RuleNegation.cls).
 */
const NEGATION_KIND = "Negation";

/** A sentence of docs/intake.md that states the request cap. */
const CAP_SENTENCE =
  /PAYLOAD_TOO_LARGE|byte cap|request cap|MAX_BODY_BYTES|\bbody\s+(?:over|above|larger than|>)/i;

const read = (file) => (file && fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null);
const toNumber = (digits) => Number(String(digits).replace(/[_,]/g, ""));

export function checkAlternationBound(model, packageDirs) {
  const findings = [];
  const at = (file, line, message) => findings.push({ file, line, rule: "regex-alternation-bound", message });
  const matcher = model.classes.get("rulekindmatcher")?.file;
  const records = customMetadataRecords(packageDirs, "Intelligence_Rule");
  if (!matcher) {
    if (records.length)
      at(records[0].file, 1, "Intelligence_Rule records ship, but RuleKindMatcher.cls is missing");
    return findings;
  }
  const source = read(matcher);
  const declared = source.match(
    new RegExp(`\\bpublic\\s+static\\s+final\\s+Integer\\s+${ALTERNATION_CONSTANT}\\s*=\\s*(\\d+)\\s*;`, "i")
  );
  if (!declared || Number(declared[1]) < 1) {
    at(
      matcher,
      declared ? lineOf(source, declared[0]) : 1,
      `RuleKindMatcher must declare public static final Integer ${ALTERNATION_CONSTANT} = <positive integer>; (the most rules joined into one alternation)`
    );
    return findings;
  }
  const bound = Number(declared[1]);
  const byKind = new Map();
  for (const { file, values: v } of records) {
    const kind = v.Kind__c ?? "(no kind)";
    if (kind === NEGATION_KIND) continue;
    if (!byKind.has(kind)) byKind.set(kind, { regex: [], terms: new Map() });
    const group = byKind.get(kind);
    if (v.Match_Type__c === "Regex") group.regex.push(file);
    else if (v.Pattern__c) {
      // the engine keys terms this way, so "No-heat" and "no heat" are one
      const term = normalizeTerm(v.Pattern__c);
      if (!group.terms.has(term)) group.terms.set(term, file);
    }
  }
  for (const [kind, group] of byKind) {
    const checks = [
      ["Regex rules", group.regex],
      ["distinct Keyword/Phrase terms", [...group.terms.values()]]
    ];
    for (const [what, list] of checks) {
      if (list.length > bound) {
        at(
          list[bound],
          1,
          `${list.length} shipped ${what} of kind ${kind} exceed ${ALTERNATION_CONSTANT} = ${bound} (RuleKindMatcher.cls) in one alternation`
        );
      }
    }
  }
  return findings;
}

export function checkRequestCap(model, root) {
  const parser = model.classes.get("callrequestparser")?.file;
  if (!parser) return [];
  const findings = [];
  const at = (file, line, message) => findings.push({ file, line, rule: "request-cap-agreement", message });
  const sources = [];
  const add = (file, pattern, label, expected) => {
    const text = read(file);
    const m = text?.match(pattern);
    if (!m) return at(file, 1, `missing: ${expected}`);
    sources.push({ file, line: lineOf(text, m[0]), value: toNumber(m[1]), label });
  };
  add(
    parser,
    /\bMAX_BODY_BYTES\s*=\s*([\d_]+)\s*;/,
    "MAX_BODY_BYTES (CallRequestParser.cls)",
    "public static final Integer MAX_BODY_BYTES = <bytes>; in CallRequestParser.cls"
  );
  const limits = path.join(root, "ts-sdk/src/limits.ts");
  add(
    limits,
    /\bexport\s+const\s+MAX_REQUEST_BYTES\s*(?::\s*number\s*)?=\s*([\d_]+)\s*;/,
    "MAX_REQUEST_BYTES (ts-sdk/src/limits.ts)",
    "export const MAX_REQUEST_BYTES = <bytes>; in ts-sdk/src/limits.ts"
  );
  const sdkFiles = walk(path.join(root, "ts-sdk/src")).filter((f) => f.endsWith(".ts"));
  const batch = sdkFiles.find((f) => /\bDEFAULT_BATCH\b[^=\n]*=/.test(read(f)));
  if (!/\bDEFAULT_BATCH\b[^=\n]*=\s*\{[^}]*\bmaxBytes\s*:\s*MAX_REQUEST_BYTES\b/.test(read(batch) ?? "")) {
    at(
      batch ?? limits,
      batch ? lineOf(read(batch), "DEFAULT_BATCH") : 1,
      "DEFAULT_BATCH.maxBytes must be MAX_REQUEST_BYTES (ts-sdk/src/limits.ts)"
    );
  }
  const openapi = path.join(root, "docs/api/openapi.yaml");
  const spec = read(openapi);
  const rootCap = spec ? YAML.parse(spec)?.["x-max-request-bytes"] : undefined;
  if (typeof rootCap !== "number") {
    at(openapi, 1, "missing: x-max-request-bytes: <bytes> at the root of docs/api/openapi.yaml");
  } else {
    sources.push({
      file: openapi,
      line: lineOf(spec, "x-max-request-bytes"),
      value: rootCap,
      label: "x-max-request-bytes (docs/api/openapi.yaml)"
    });
  }
  const reference = sources[0]?.value;
  const guide = path.join(root, "docs/intake.md");
  const guideText = read(guide);
  if (reference !== undefined) {
    const stated = reference.toLocaleString("en-US");
    if (!guideText?.includes(`${stated} bytes`))
      at(guide, 1, `missing: docs/intake.md must state the cap as "${stated} bytes"`);
    // a figure in a sentence about the cap (the 413 row, "byte cap", "a body over …") must be the cap;
    // other byte figures (heap estimates, the old cap in prose) are not the cap and are left alone
    (guideText ?? "").split("\n").forEach((line, i) => {
      const sentences = line.split(/(?<=[.!?])\s+/).filter((sentence) => CAP_SENTENCE.test(sentence));
      for (const m of sentences.flatMap((t) => [...t.matchAll(/\b(\d{1,3}(?:,\d{3})+|\d{4,})\s+bytes\b/g)])) {
        if (toNumber(m[1]) !== reference)
          at(guide, i + 1, `states ${m[0]} for the cap, but the endpoint's cap is ${stated} bytes`);
      }
    });
  }
  for (const s of sources.slice(1)) {
    if (s.value !== reference)
      at(s.file, s.line, `${s.label} is ${s.value}, but ${sources[0].label} is ${reference}`);
  }
  return findings;
}
