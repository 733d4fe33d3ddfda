// Metadata schema check (what it reports and cannot: docs/quality-gate.md, "Platform rules in metadata"): every
// *-meta.xml against Salesforce's published Metadata API schema for the project's sourceApiVersion
// (scripts/check/schema/metadata-<api>.json, derived from forcedotcom/wsdl resources/metadata.wsdl by
// build-metadata-schema.mjs). Element order is not checked: the Metadata API does not enforce the WSDL's sequence
// order on deploy. Source format differs from the WSDL in two places, both handled here:
//  - objects are split into fields/, listViews/, validationRules/…: each file's root element is its own
//    type (CustomField, ListView, ValidationRule…) and is validated as that type;
//  - LightningComponentBundle.targetConfigs is typed base64Binary in the WSDL but is XML in source
//    (a string the platform parses itself), so its children are not validated against the WSDL.
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
  if (!fs.existsSync(file)) {
    fail(
      `missing: ${path.relative(repoRoot, file)} (the Metadata API schema for sourceApiVersion ${apiVersion}); ` +
        "build it with scripts/check/schema/build-metadata-schema.mjs (see its header)"
    );
  }
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

// ---------------------------------------------------------------------------------------------------
let suffixTypes = null;
/**
 * The metadata type a *-meta.xml file holds, from its suffix, by the registry source-deploy-retrieve (the sf CLI)
 * deploys with; null when the registry does not know the suffix.
 */
export function metadataTypeOf(file) {
  const unix = toPosix(file);
  const m = /\.([A-Za-z]+)-meta\.xml$/.exec(unix);
  if (!m) return null;
  if (m[1] === "js" && /\/lwc\//.test(unix)) return "LightningComponentBundle";
  if (!suffixTypes) {
    const require = createRequire(import.meta.url);
    const registry = require("@salesforce/source-deploy-retrieve/lib/src/registry/metadataRegistry.json");
    const names = new Map(); // type id (lower case) -> name, children included
    for (const [id, type] of Object.entries(registry.types)) {
      names.set(id, type.name);
      for (const [childId, child] of Object.entries(type.children?.types ?? {}))
        names.set(childId, child.name);
    }
    suffixTypes = new Map(Object.entries(registry.suffixes).map(([suffix, id]) => [suffix, names.get(id)]));
    for (const type of Object.values(registry.types)) {
      for (const [suffix, id] of Object.entries(type.children?.suffixes ?? {})) {
        // A child sharing its parent's suffix (MatchingRule in Lead.matchingRule-meta.xml) is held in the parent's
        // file: the file's root is the parent (<MatchingRules>), as source-deploy-retrieve's own suffix index says.
        suffixTypes.set(suffix, suffix === type.suffix ? type.name : type.children.types[id].name);
      }
    }
  }
  return suffixTypes.get(m[1]) ?? null;
}

// ---------------------------------------------------------------------------------------------------
// Lexical forms of the XSD built-in types the WSDL uses.
const validDate = (y, mo, d) => {
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  return (
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(mo) - 1 &&
    date.getUTCDate() === Number(d)
  );
};
const TIME = "([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?";
const ZONE = "(Z|[+-](0\\d|1[0-4]):[0-5]\\d)?";
const BUILTIN = {
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
  "xsd:date": (v) => {
    const m = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})${ZONE}$`).exec(v);
    return m && validDate(m[1], m[2], m[3]) ? null : "is not a date (YYYY-MM-DD)";
  },
  "xsd:dateTime": (v) => {
    const m = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})T${TIME}${ZONE}$`).exec(v);
    return m && validDate(m[1], m[2], m[3]) ? null : "is not a date-time (YYYY-MM-DDThh:mm:ssZ)";
  },
  "xsd:time": (v) => (new RegExp(`^${TIME}${ZONE}$`).test(v) ? null : "is not a time (hh:mm:ss)")
};

/**
 * Validates metadata files against the schema.
 * @param {{ files: string[], text: (file: string) => string, schema: object }} input
 * @returns {{ findings: {file: string, line: number, message: string}[], elements: number, malformed: Set<string> }}
 */
export function checkMetadataSchema({ files, text, schema }) {
  const findings = [];
  const metadataTypes = new Set(schema.metadataTypes);
  let elements = 0;

  /** Why a text value does not fit the simple type, or null. */
  function valueProblem(type, raw) {
    const value = raw.trim();
    if (schema.enums[type]) {
      return schema.enums[type].includes(value)
        ? null
        : `"${value}" is not a ${type} (allowed: ${schema.enums[type].join(", ")})`;
    }
    const builtin = BUILTIN[type] ? type : schema.simple[type]; // the XSD built-in behind a simple type
    const problem = builtin && BUILTIN[builtin]?.(value);
    return problem ? `"${value}" ${problem}` : null;
  }

  const malformed = new Set();
  for (const file of files) {
    // saxes reads the XML (namespaces resolved, entities decoded, well-formedness checked); a file's findings
    // count only when it is well formed, else it is reported once as malformed
    const fileFindings = [];
    const flag = (line, message) => fileFindings.push({ file, line, message });
    const stack = [];
    const parser = new SaxesParser({ xmlns: true, position: true });
    let line = 1;
    let count = 0;
    parser.on("opentagstart", () => (line = parser.line));
    parser.on("text", (t) => stack.length && (stack.at(-1).text += t));
    parser.on("cdata", (t) => stack.length && (stack.at(-1).text += t));
    parser.on("opentag", (tag) => {
      count++;
      const xsi = (local) =>
        Object.values(tag.attributes).find((a) => a.uri === XSI_NS && a.local === local)?.value;
      const token = { name: tag.name, uri: tag.uri, line, xsiNil: xsi("nil"), xsiType: xsi("type") };
      if (token.xsiType !== undefined) {
        const [prefix, localName] = token.xsiType.includes(":")
          ? token.xsiType.split(":")
          : ["", token.xsiType];
        token.xsiBuiltin = parser.resolve(prefix) === XSD_NS ? `xsd:${localName}` : null;
      }
      const parent = stack.at(-1);
      if (parent) parent.hasChildren = true;
      stack.push(parent ? childFrame(parent, token, flag) : rootFrame(file, token, flag));
    });
    parser.on("closetag", () => closeFrame(stack.pop(), flag));
    try {
      parser.write(text(file)).close();
      findings.push(...fileFindings);
      elements += count;
    } catch (error) {
      malformed.add(file);
      findings.push({
        file,
        line: parser.line,
        message: `malformed XML: ${error.message.replace(/^\d+:\d+: /, "")}`
      });
    }
  }

  function rootFrame(file, token, flag) {
    const frame = { name: token.name, line: token.line, text: "", counts: new Map(), hasChildren: false };
    if (token.uri !== METADATA_NS) {
      flag(token.line, `<${token.name}> must declare xmlns="${METADATA_NS}"`);
    }
    if (!metadataTypes.has(token.name)) {
      flag(
        token.line,
        `unknown metadata type <${token.name}> (not in the Metadata API ${schema.source.apiVersion} schema)`
      );
      return { ...frame, skip: true };
    }
    const expected = metadataTypeOf(file);
    if (expected && expected !== token.name && metadataTypes.has(expected)) {
      flag(
        token.line,
        `a ${/\.[A-Za-z]+-meta\.xml$/.exec(file)[0]} file must hold a <${expected}>, not a <${token.name}>`
      );
    }
    return { ...frame, type: token.name, path: token.name };
  }

  function childFrame(parent, token, flag) {
    const frame = { name: token.name, line: token.line, text: "", counts: new Map(), hasChildren: false };
    if (parent.skip || parent.xmlText) return { ...frame, skip: true };
    const parentType = schema.types[parent.type];
    if (!parentType) {
      flag(
        token.line,
        `<${parent.name}> holds a ${parent.type} value, not child elements (found <${token.name}>)`
      );
      parent.reported = true;
      return { ...frame, skip: true };
    }
    const def = parentType.el[token.name];
    if (!def) {
      flag(
        token.line,
        `unknown element <${token.name}> in <${parent.name}> (${parent.type} has no such element at API ${schema.source.apiVersion})`
      );
      return { ...frame, skip: true };
    }
    const [type, , repeatable, nillable] = def;
    const count = (parent.counts.get(token.name) ?? 0) + 1;
    parent.counts.set(token.name, count);
    if (count === 2 && !repeatable) {
      flag(
        token.line,
        `<${token.name}> appears more than once in <${parent.name}> (${parent.type} allows it once)`
      );
    }
    const child = { ...frame, type, path: `${parent.type}.${token.name}` };
    if (XML_IN_SOURCE.has(child.path)) return { ...child, xmlText: true };
    if (token.xsiNil === "true" || token.xsiNil === "1") {
      if (!nillable)
        flag(token.line, `<${token.name}> cannot be xsi:nil (${parent.type}.${token.name} is not nillable)`);
      child.nil = true;
    }
    const { xsiType, xsiBuiltin: builtin } = token;
    if (xsiType !== undefined) {
      if (type !== "xsd:anyType") {
        flag(token.line, `<${token.name}> is a ${type}: xsi:type="${xsiType}" is not allowed here`);
      } else if (!builtin || !BUILTIN[builtin] || builtin === "xsd:anyType") {
        flag(
          token.line,
          `xsi:type="${xsiType}" on <${token.name}> is not an XML Schema simple type (xsd:string, xsd:boolean, xsd:double, xsd:date, xsd:dateTime…)`
        );
      } else if (child.path !== "CustomMetadataValue.value") {
        // a custom metadata value's form is checked against its field's type by metadata.mjs (which
        // knows the field: Number precision, picklist values…), so it is not reported twice here
        child.type = builtin;
      }
    }
    return child;
  }

  function closeFrame(frame, flag) {
    if (frame.skip || frame.xmlText || frame.reported) return;
    const complex = schema.types[frame.type];
    if (frame.nil) {
      if (frame.hasChildren || frame.text.trim())
        flag(frame.line, `<${frame.name}> is xsi:nil but has content`);
      return;
    }
    if (complex) {
      if (frame.text.trim()) {
        flag(
          frame.line,
          `<${frame.name}> is a ${frame.type}: it holds child elements, not the text "${frame.text.trim().slice(0, 40)}"`
        );
      }
      for (const [name, [, required]] of Object.entries(complex.el)) {
        if (required && !frame.counts.has(name)) {
          flag(frame.line, `<${frame.name}> is missing the required element <${name}> (${frame.type})`);
        }
      }
      return;
    }
    if (frame.hasChildren) return; // reported when the child was opened
    const problem = valueProblem(frame.type, frame.text);
    if (problem) flag(frame.line, `<${frame.name}>: ${problem}`);
  }

  return { findings, elements, malformed };
}
