// Metadata schema check: every *-meta.xml against Salesforce's published Metadata API schema for the
// project's sourceApiVersion (scripts/check/schema/metadata-<api>.json, derived from forcedotcom/wsdl
// resources/metadata.wsdl by build-metadata-schema.mjs). It reports what a deploy rejects:
// an unknown metadata type or element (e.g. flexiPageRegions/componentInstances, removed at API 49),
// an element allowed once appearing twice, a required element missing, a value outside its
// enumeration, a malformed boolean/int/double/date/dateTime/time, a wrong xsi:type or xsi:nil, and a
// file whose root element is not the type its suffix stands for. Element order is not checked: the
// Metadata API does not enforce the WSDL's sequence order on deploy.
// Source format differs from the WSDL in two places, both handled here:
//  - objects are split into fields/, listViews/, validationRules/…: each file's root element is its own
//    type (CustomField, ListView, ValidationRule…) and is validated as that type;
//  - LightningComponentBundle.targetConfigs is typed base64Binary in the WSDL but is XML in source
//    (a string the platform parses itself), so its children are not validated against the WSDL.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fail, repoRoot } from "./project.mjs";

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
// Which type a file's suffix stands for, from the registry source-deploy-retrieve (sf CLI) uses.
let suffixTypes = null;
function typeForSuffix(file) {
  const unix = file.split(path.sep).join("/");
  const m = /\.([A-Za-z]+)-meta\.xml$/.exec(unix);
  if (!m) return null;
  if (m[1] === "js" && /\/lwc\//.test(unix)) return "LightningComponentBundle";
  if (!suffixTypes) {
    const require = createRequire(import.meta.url);
    const registry = require("@salesforce/source-deploy-retrieve/lib/src/registry/metadataRegistry.json");
    suffixTypes = new Map();
    for (const type of Object.values(registry.types)) {
      if (type.suffix && !type.strictDirectoryName && !type.strategies)
        suffixTypes.set(type.suffix, type.name);
      for (const [suffix, id] of Object.entries(type.children?.suffixes ?? {})) {
        // A child sharing its parent's suffix (MatchingRule in Lead.matchingRule-meta.xml) is held in the parent's
        // file: the file's root is the parent (<MatchingRules>), as source-deploy-retrieve's own suffix index says.
        if (suffix !== type.suffix) suffixTypes.set(suffix, type.children.types[id].name);
      }
    }
  }
  return suffixTypes.get(m[1]) ?? null;
}

// ---------------------------------------------------------------------------------------------------
// A minimal XML scanner with line numbers (the files are already known to be well formed).
const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const unescape = (s) =>
  s.replace(
    /&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi,
    (_, e) =>
      ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" })[e.toLowerCase()] ??
      String.fromCodePoint(e[1].toLowerCase() === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
  );

function* tokens(text) {
  let line = 1;
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    last = m.index;
    if (m[3]) {
      const attrs = {};
      for (const a of (m[4] ?? "").matchAll(ATTRIBUTE)) attrs[a[1]] = unescape(a[2] ?? a[3]);
      if (m[2]) yield { kind: "end", name: m[3], line };
      else {
        yield { kind: "start", name: m[3], attrs, line };
        if (m[5]) yield { kind: "end", name: m[3], line };
      }
    } else if (m[1] !== undefined) yield { kind: "text", value: m[1], line };
    else if (m[6] !== undefined) yield { kind: "text", value: unescape(m[6]), line };
  }
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
 * @returns {{ findings: {file: string, line: number, message: string}[], elements: number }}
 */
export function checkMetadataSchema({ files, text, schema }) {
  const findings = [];
  const metadataTypes = new Set(schema.metadataTypes);
  let elements = 0;

  /** The XSD built-in behind a simple type name, or null for an enumeration/complex type. */
  const builtinOf = (type) => (BUILTIN[type] ? type : (schema.simple[type] ?? null));

  /** Why a text value does not fit the simple type, or null. */
  function valueProblem(type, raw) {
    const value = raw.trim();
    if (schema.enums[type]) {
      return schema.enums[type].includes(value)
        ? null
        : `"${value}" is not a ${type} (allowed: ${schema.enums[type].join(", ")})`;
    }
    const builtin = builtinOf(type);
    const problem = builtin && BUILTIN[builtin]?.(value);
    return problem ? `"${value}" ${problem}` : null;
  }

  for (const file of files) {
    const source = text(file);
    const stack = [];
    const prefixes = new Map(); // prefix -> namespace, from the root element
    const flag = (line, message) => findings.push({ file, line, message });

    for (const token of tokens(source)) {
      const parent = stack.at(-1);
      if (token.kind === "text") {
        if (parent) parent.text += token.value;
        continue;
      }
      if (token.kind === "end") {
        const frame = stack.pop();
        if (frame) closeFrame(frame, flag);
        continue;
      }
      // start element
      elements++;
      if (!parent) {
        for (const [k, v] of Object.entries(token.attrs)) {
          if (k.startsWith("xmlns:")) prefixes.set(k.slice(6), v);
        }
        stack.push(rootFrame(file, token, flag));
        continue;
      }
      parent.hasChildren = true;
      stack.push(childFrame(parent, token, flag, prefixes));
    }
  }

  function rootFrame(file, token, flag) {
    const frame = { name: token.name, line: token.line, text: "", counts: new Map(), hasChildren: false };
    if (token.attrs.xmlns !== METADATA_NS) {
      flag(token.line, `<${token.name}> must declare xmlns="${METADATA_NS}"`);
    }
    if (!metadataTypes.has(token.name)) {
      flag(
        token.line,
        `unknown metadata type <${token.name}> (not in the Metadata API ${schema.source.apiVersion} schema)`
      );
      return { ...frame, skip: true };
    }
    const expected = typeForSuffix(file);
    if (expected && expected !== token.name && metadataTypes.has(expected)) {
      flag(
        token.line,
        `a ${/\.[A-Za-z]+-meta\.xml$/.exec(file)[0]} file must hold a <${expected}>, not a <${token.name}>`
      );
    }
    return { ...frame, type: token.name, path: token.name };
  }

  function childFrame(parent, token, flag, prefixes) {
    const frame = { name: token.name, line: token.line, text: "", counts: new Map(), hasChildren: false };
    if (parent.skip) return { ...frame, skip: true };
    if (parent.xmlText) return { ...frame, skip: true };
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
    const xsiNil = attr(token.attrs, prefixes, XSI_NS, "nil");
    if (xsiNil === "true" || xsiNil === "1") {
      if (!nillable)
        flag(token.line, `<${token.name}> cannot be xsi:nil (${parent.type}.${token.name} is not nillable)`);
      child.nil = true;
    }
    const xsiType = attr(token.attrs, prefixes, XSI_NS, "type");
    if (xsiType !== undefined) {
      const [prefix, localName] = xsiType.includes(":") ? xsiType.split(":") : ["", xsiType];
      const builtin = prefixes.get(prefix) === XSD_NS ? `xsd:${localName}` : null;
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

  return { findings, elements };
}

/** An attribute by namespace and local name, whatever prefix the file bound to that namespace. */
function attr(attrs, prefixes, namespace, localName) {
  for (const [k, v] of Object.entries(attrs)) {
    const [prefix, name] = k.includes(":") ? k.split(":") : [null, k];
    if (prefix && name === localName && prefixes.get(prefix) === namespace) return v;
  }
  return undefined;
}
