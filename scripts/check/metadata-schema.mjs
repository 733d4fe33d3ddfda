// Metadata schema check (what it reports and cannot, element order among them, and the schema's source:
// docs/quality-gate.md, "Platform rules in metadata"): every *-meta.xml against the Metadata API schema of the
// project's sourceApiVersion. Source format splits objects into fields/, listViews/… whose root is their own type
// (CustomField, ListView…), validated as that type; LightningComponentBundle.targetConfigs is XML (see XML_IN_SOURCE).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { SaxesParser } from "saxes";
import { fail, repoRoot, toPosix } from "./project.mjs";

const METADATA_NS = "http://soap.sforce.com/2006/04/metadata";
const XSD_NS = "http://www.w3.org/2001/XMLSchema";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";

/** Elements whose content is XML in source although the WSDL gives them a simple type. */
const XML_IN_SOURCE = new Set(["LightningComponentBundle.targetConfigs"]);

/** Loads the vendored schema for the API version; a missing one stops the check naming the build command. */
export function loadSchema(apiVersion) {
  const file = path.join(repoRoot, "scripts/check/schema", `metadata-${apiVersion}.json`);
  const what = `the Metadata API schema for sourceApiVersion ${apiVersion}`;
  const build = "build it with scripts/check/schema/build-metadata-schema.mjs (see its header)";
  if (!fs.existsSync(file)) fail(`missing: ${path.relative(repoRoot, file)} (${what}); ${build}`);
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

let suffixTypes = null;
/** The metadata type a *-meta.xml file holds by its suffix, in the registry the sf CLI deploys with, or null. */
export function metadataTypeOf(file) {
  const unix = toPosix(file);
  const m = /\.([A-Za-z]+)-meta\.xml$/.exec(unix);
  if (!m) return null;
  if (m[1] === "js" && /\/lwc\//.test(unix)) return "LightningComponentBundle";
  if (!suffixTypes) {
    const require = createRequire(import.meta.url);
    const registry = require("@salesforce/source-deploy-retrieve/lib/src/registry/metadataRegistry.json");
    const { suffixes, types } = registry;
    suffixTypes = new Map(Object.entries(suffixes).map(([suffix, id]) => [suffix, types[id]?.name]));
    for (const type of Object.values(types)) {
      for (const [suffix, id] of Object.entries(type.children?.suffixes ?? {})) {
        // A child sharing its parent's suffix (MatchingRule in Lead.matchingRule-meta.xml) is held in the parent's
        // file: the file's root is the parent (<MatchingRules>), as source-deploy-retrieve's own suffix index says.
        suffixTypes.set(suffix, suffix === type.suffix ? type.name : type.children.types[id].name);
      }
    }
  }
  return suffixTypes.get(m[1]) ?? null;
}

// Lexical forms of the XSD built-in types the WSDL uses.
/** A date (then `rest`) naming a day of the calendar: the date the numbers make, written back, is the same. */
const dated = (rest, problem) => (v) => {
  const [, y, mo, d] = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})${rest}$`).exec(v) ?? [];
  return y && new Date(Date.UTC(y, mo - 1, d)).toISOString().startsWith(`${y}-${mo}-${d}`) ? null : problem;
};
const TIME = "([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?";
const ZONE = "(Z|[+-](0\\d|1[0-4]):[0-5]\\d)?";
export const BUILTIN = {
  "xsd:string": () => null,
  "xsd:anyType": () => null,
  "xsd:base64Binary": (v) => (/^[A-Za-z0-9+/=\s]*$/.test(v) ? null : "is not base64"),
  "xsd:boolean": (v) => (/^(true|false|1|0)$/.test(v) ? null : "is not a boolean (true or false)"),
  "xsd:int": (v) =>
    /^[+-]?\d+$/.test(v) && Math.abs(Number(v)) <= 2147483648 ? null : "is not an integer (xsd:int)",
  "xsd:long": (v) => (/^[+-]?\d{1,19}$/.test(v) ? null : "is not an integer (xsd:long)"),
  "xsd:double": (v) =>
    /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|-?INF|NaN)$/.test(v) ? null : "is not a number (xsd:double)",
  "xsd:decimal": (v) => (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v) ? null : "is not a decimal number"),
  "xsd:date": dated(ZONE, "is not a date (YYYY-MM-DD)"),
  "xsd:dateTime": dated(`T${TIME}${ZONE}`, "is not a date-time (YYYY-MM-DDThh:mm:ssZ)"),
  "xsd:time": (v) => (new RegExp(`^${TIME}${ZONE}$`).test(v) ? null : "is not a time (hh:mm:ss)")
};

/** Validates metadata files (text(file) reads one) against the schema: { findings, elements, malformed files }. */
export function checkMetadataSchema({ files, text, schema }) {
  const findings = [];
  const malformed = new Set();
  const metadataTypes = new Set(schema.metadataTypes);
  const api = schema.source.apiVersion;
  let elements = 0;

  /** Why a text value does not fit the simple type, or null. */
  function valueProblem(type, raw) {
    const [value, allowed] = [raw.trim(), schema.enums[type]];
    if (allowed)
      return allowed.includes(value) ? null : `"${value}" is not a ${type} (allowed: ${allowed.join(", ")})`;
    const builtin = BUILTIN[type] ? type : schema.simple[type]; // the XSD built-in behind a simple type
    const problem = builtin && BUILTIN[builtin]?.(value);
    return problem ? `"${value}" ${problem}` : null;
  }

  // saxes reads the XML (namespaces resolved, entities decoded, well-formedness checked); a file's findings count
  // only when it is well formed, else it is reported once as malformed. Each open element is a frame on a stack.
  for (const file of files) {
    const fileFindings = [];
    const flag = (line, message) => fileFindings.push({ file, line, message });
    const stack = [];
    const parser = new SaxesParser({ xmlns: true, position: true });
    let line = 1;
    let count = 0;
    parser.on("opentagstart", () => (line = parser.line));
    for (const event of ["text", "cdata"]) parser.on(event, (t) => stack.length && (stack.at(-1).text += t));
    parser.on("opentag", (tag) => {
      count++;
      const parent = stack.at(-1);
      const frame = { name: tag.name, line, text: "", counts: new Map(), hasChildren: false };
      if (parent) parent.hasChildren = true;
      stack.push(Object.assign(frame, parent ? openChild(parent, frame, tag) : openRoot(frame, tag)));
    });
    parser.on("closetag", () => close(stack.pop()));

    /** The root element is its metadata type, the one the file's suffix holds. */
    function openRoot({ name, line }, tag) {
      if (tag.uri !== METADATA_NS) flag(line, `<${name}> must declare xmlns="${METADATA_NS}"`);
      if (!metadataTypes.has(name)) {
        flag(line, `unknown metadata type <${name}> (not in the Metadata API ${api} schema)`);
        return { skip: true };
      }
      const expected = metadataTypeOf(file);
      if (expected && expected !== name && metadataTypes.has(expected)) {
        const suffix = /\.[A-Za-z]+-meta\.xml$/.exec(file)[0];
        flag(line, `a ${suffix} file must hold a <${expected}>, not a <${name}>`);
      }
      return { type: name, path: name };
    }

    function openChild(parent, { name, line }, tag) {
      if (parent.skip || parent.xmlText) return { skip: true };
      const parentType = schema.types[parent.type];
      if (!parentType) {
        flag(line, `<${parent.name}> holds a ${parent.type} value, not child elements (found <${name}>)`);
        parent.reported = true;
        return { skip: true };
      }
      const def = parentType.el[name];
      if (!def) {
        const why = `${parent.type} has no such element at API ${api}`;
        flag(line, `unknown element <${name}> in <${parent.name}> (${why})`);
        return { skip: true };
      }
      const [type, , repeatable, nillable] = def;
      const count = (parent.counts.get(name) ?? 0) + 1;
      parent.counts.set(name, count);
      if (count === 2 && !repeatable)
        flag(line, `<${name}> appears more than once in <${parent.name}> (${parent.type} allows it once)`);
      const child = { type, path: `${parent.type}.${name}` };
      if (XML_IN_SOURCE.has(child.path)) return { ...child, xmlText: true };
      const xsi = (local) =>
        Object.values(tag.attributes).find((a) => a.uri === XSI_NS && a.local === local)?.value;
      if (xsi("nil") === "true" || xsi("nil") === "1") {
        if (!nillable) flag(line, `<${name}> cannot be xsi:nil (${child.path} is not nillable)`);
        child.nil = true;
      }
      const xsiType = xsi("type");
      if (xsiType === undefined) return child;
      const [prefix, localName] = xsiType.includes(":") ? xsiType.split(":") : ["", xsiType];
      const builtin = parser.resolve(prefix) === XSD_NS ? `xsd:${localName}` : null;
      const simpleTypes = "xsd:string, xsd:boolean, xsd:double, xsd:date, xsd:dateTime…";
      if (type !== "xsd:anyType")
        flag(line, `<${name}> is a ${type}: xsi:type="${xsiType}" is not allowed here`);
      else if (!builtin || !BUILTIN[builtin] || builtin === "xsd:anyType")
        flag(line, `xsi:type="${xsiType}" on <${name}> is not an XML Schema simple type (${simpleTypes})`);
      // a custom metadata value's form is checked against its field's type by custom-metadata.mjs (which knows the
      // field: Number precision, picklist values…), so it is not reported twice here
      else if (child.path !== "CustomMetadataValue.value") child.type = builtin;
      return child;
    }

    function close(frame) {
      if (frame.skip || frame.xmlText || frame.reported) return;
      const { name, line, type, text } = frame;
      if (frame.nil) {
        if (frame.hasChildren || text.trim()) flag(line, `<${name}> is xsi:nil but has content`);
        return;
      }
      const complex = schema.types[type];
      if (complex) {
        const shown = text.trim().slice(0, 40);
        if (shown) flag(line, `<${name}> is a ${type}: it holds child elements, not the text "${shown}"`);
        for (const [element, [, required]] of Object.entries(complex.el)) {
          if (required && !frame.counts.has(element))
            flag(line, `<${name}> is missing the required element <${element}> (${type})`);
        }
        return;
      }
      if (frame.hasChildren) return; // reported when the child was opened
      const problem = valueProblem(type, text);
      if (problem) flag(line, `<${name}>: ${problem}`);
    }

    try {
      parser.write(text(file)).close();
      findings.push(...fileFindings);
      elements += count;
    } catch (error) {
      malformed.add(file);
      const message = `malformed XML: ${error.message.replace(/^\d+:\d+: /, "")}`;
      findings.push({ file, line: parser.line, message });
    }
  }
  return { findings, elements, malformed };
}
