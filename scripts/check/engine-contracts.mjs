// The request byte cap is one number in the Apex endpoint, the SDK, the OpenAPI document and docs/intake.md
// (`request-cap-agreement`, a rule of the apex-rules step; docs/quality-gate.md, "Apex rules").
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { lineOf, walk } from "./project.mjs";

/** A sentence of docs/intake.md that states the request cap. */
const CAP_SENTENCE =
  /PAYLOAD_TOO_LARGE|byte cap|request cap|MAX_BODY_BYTES|\bbody\s+(?:over|above|larger than|>)/i;

const read = (file) => (file && fs.existsSync(file) ? fs.readFileSync(file, "utf8") : null);
const toNumber = (digits) => Number(String(digits).replace(/[_,]/g, ""));

export function check({ model, root }) {
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
  const parserCap = "public static final Integer MAX_BODY_BYTES = <bytes>; in CallRequestParser.cls";
  add(parser, /\bMAX_BODY_BYTES\s*=\s*([\d_]+)\s*;/, "MAX_BODY_BYTES (CallRequestParser.cls)", parserCap);
  const limits = path.join(root, "ts-sdk/src/limits.ts");
  const sdkCap = /\bexport\s+const\s+MAX_REQUEST_BYTES\s*(?::\s*number\s*)?=\s*([\d_]+)\s*;/;
  const sdkExpected = "export const MAX_REQUEST_BYTES = <bytes>; in ts-sdk/src/limits.ts";
  add(limits, sdkCap, "MAX_REQUEST_BYTES (ts-sdk/src/limits.ts)", sdkExpected);
  const sdkFiles = walk(path.join(root, "ts-sdk/src")).filter((f) => f.endsWith(".ts"));
  const batch = sdkFiles.find((f) => /\bDEFAULT_BATCH\b[^=\n]*=/.test(read(f)));
  if (!/\bDEFAULT_BATCH\b[^=\n]*=\s*\{[^}]*\bmaxBytes\s*:\s*MAX_REQUEST_BYTES\b/.test(read(batch) ?? "")) {
    const line = batch ? lineOf(read(batch), "DEFAULT_BATCH") : 1;
    at(batch ?? limits, line, "DEFAULT_BATCH.maxBytes must be MAX_REQUEST_BYTES (ts-sdk/src/limits.ts)");
  }
  const openapi = path.join(root, "docs/api/openapi.yaml");
  const spec = read(openapi);
  const value = spec ? YAML.parse(spec)?.["x-max-request-bytes"] : undefined;
  const label = "x-max-request-bytes (docs/api/openapi.yaml)";
  if (typeof value !== "number")
    at(openapi, 1, "missing: x-max-request-bytes: <bytes> at the root of docs/api/openapi.yaml");
  else sources.push({ file: openapi, line: lineOf(spec, "x-max-request-bytes"), value, label });
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
      for (const m of sentences.flatMap((t) => [...t.matchAll(/\b(\d{1,3}(?:,\d{3})+|\d{4,})\s+bytes\b/g)]))
        if (toNumber(m[1]) !== reference)
          at(guide, i + 1, `states ${m[0]} for the cap, but the endpoint's cap is ${stated} bytes`);
    });
  }
  for (const s of sources.slice(1))
    if (s.value !== reference)
      at(s.file, s.line, `${s.label} is ${s.value}, but ${sources[0].label} is ${reference}`);
  return findings;
}
