// Builds the compact Metadata API schema the schema check reads (metadata-<api>.json beside this file)
// from Salesforce's published WSDL: the public repository forcedotcom/wsdl, file resources/metadata.wsdl,
// one commit per API version (the file's header comment names the version). The result is committed so
// a fresh clone checks offline; this script is only needed to refresh it for another API version.
//
// Refresh (needs git and network once):
//   git clone https://github.com/forcedotcom/wsdl /tmp/forcedotcom-wsdl
//   node scripts/check/schema/build-metadata-schema.mjs --wsdl-repo /tmp/forcedotcom-wsdl [--api 62.0]
// --api defaults to sourceApiVersion in sfdx-project.json. The script picks the newest commit whose
// resources/metadata.wsdl header says "Metadata API version <api>" and records it in the output.
//
// Output shape (kept small; only what the check needs):
//   source: where it came from (repository, path, commit, API version, refresh command)
//   types:  { TypeName: { base, el: { element: [type, required 0|1, repeatable 0|1, nillable 0|1] } } }
//           with inherited elements flattened in; type is "xsd:<builtin>" or a name in types/enums/simple
//   enums:  { EnumName: [allowed values] }
//   simple: { SimpleName: "xsd:<builtin>" } (restrictions without an enumeration)
//   metadataTypes: names of the types that extend Metadata (valid root elements of a source file)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { readProject, repoRoot } from "../project.mjs";

const WSDL_REPO = "https://github.com/forcedotcom/wsdl";
const WSDL_PATH = "resources/metadata.wsdl";

function parseArgs(argv) {
  const opts = { api: null, wsdlRepo: null, out: null };
  for (let i = 0; i < argv.length; i += 2) {
    const key = { "--api": "api", "--wsdl-repo": "wsdlRepo", "--out": "out" }[argv[i]];
    if (!key || !argv[i + 1]) {
      console.error(
        "usage: build-metadata-schema.mjs --wsdl-repo <clone of forcedotcom/wsdl> [--api 62.0] [--out file]"
      );
      process.exit(2);
    }
    opts[key] = argv[i + 1];
  }
  if (!opts.wsdlRepo) {
    console.error(`missing: --wsdl-repo (git clone ${WSDL_REPO} first)`);
    process.exit(2);
  }
  opts.api ??= readProject(repoRoot).sourceApiVersion;
  opts.out ??= path.join(repoRoot, "scripts/check/schema", `metadata-${opts.api}.json`);
  return opts;
}

const git = (repo, ...args) =>
  execFileSync("git", ["--git-dir", gitDir(repo), ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
const gitDir = (repo) => (fs.existsSync(path.join(repo, ".git")) ? path.join(repo, ".git") : repo);

/** The newest commit whose metadata.wsdl header names the API version, and the file at that commit. */
function wsdlAt(repo, api) {
  const commits = git(repo, "log", "--format=%H", "--", WSDL_PATH).trim().split("\n");
  for (const commit of commits) {
    const text = git(repo, "show", `${commit}:${WSDL_PATH}`);
    const header = /Metadata API version (\d+\.\d+)/.exec(text.slice(0, 500));
    if (header?.[1] === api) return { commit, text };
  }
  console.error(`no commit of ${WSDL_PATH} in ${repo} has the header "Metadata API version ${api}"`);
  process.exit(1);
}

const list = (x) => (x == null ? [] : Array.isArray(x) ? x : [x]);
const local = (qname) => (qname.startsWith("tns:") ? qname.slice(4) : qname);

function build({ commit, text }, api) {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", removeNSPrefix: false });
  const schema = parser.parse(text).definitions.types["xsd:schema"];
  const raw = new Map();
  for (const ct of list(schema["xsd:complexType"])) {
    const ext = ct["xsd:complexContent"]?.["xsd:extension"];
    const seq = ext ? ext["xsd:sequence"] : ct["xsd:sequence"];
    const el = {};
    for (const e of list(seq?.["xsd:element"])) {
      el[e.name] = [
        local(e.type),
        e.minOccurs === "0" ? 0 : 1,
        e.maxOccurs === "unbounded" || Number(e.maxOccurs) > 1 ? 1 : 0,
        e.nillable === "true" ? 1 : 0
      ];
    }
    raw.set(ct.name, { base: ext ? local(ext.base) : null, el });
  }
  const enums = {};
  const simple = {};
  for (const st of list(schema["xsd:simpleType"])) {
    const values = list(st["xsd:restriction"]?.["xsd:enumeration"]).map((v) => v.value);
    if (values.length) enums[st.name] = values;
    else simple[st.name] = st["xsd:restriction"].base;
  }
  // Flatten inheritance; remember which types are Metadata (directly or through a base).
  const flat = (name) => {
    const t = raw.get(name);
    return t.base ? { ...flat(t.base), ...t.el } : { ...t.el };
  };
  const isMetadata = (name) =>
    name === "Metadata" || (raw.get(name)?.base ? isMetadata(raw.get(name).base) : false);
  const metadataTypes = [...raw.keys()].filter((n) => n !== "Metadata" && isMetadata(n)).sort();
  // Keep only what a metadata file can contain: types reachable from a Metadata type.
  const types = {};
  const usedEnums = {};
  const usedSimple = {};
  const visit = (name) => {
    if (types[name] || !raw.has(name)) {
      if (enums[name]) usedEnums[name] = enums[name];
      if (simple[name]) usedSimple[name] = simple[name];
      return;
    }
    const t = raw.get(name);
    types[name] = { base: t.base, el: flat(name) };
    for (const [type] of Object.values(types[name].el)) visit(type);
  };
  metadataTypes.forEach(visit);
  return {
    source: {
      repository: WSDL_REPO,
      path: WSDL_PATH,
      commit,
      apiVersion: api,
      refresh: `git clone ${WSDL_REPO} /tmp/forcedotcom-wsdl && node scripts/check/schema/build-metadata-schema.mjs --wsdl-repo /tmp/forcedotcom-wsdl --api ${api}`
    },
    metadataTypes,
    types: Object.fromEntries(Object.entries(types).sort(([a], [b]) => a.localeCompare(b))),
    enums: Object.fromEntries(Object.entries(usedEnums).sort(([a], [b]) => a.localeCompare(b))),
    simple: usedSimple
  };
}

const opts = parseArgs(process.argv.slice(2));
const result = build(wsdlAt(opts.wsdlRepo, opts.api), opts.api);
fs.writeFileSync(opts.out, JSON.stringify(result) + "\n");
console.log(
  `wrote ${path.relative(process.cwd(), opts.out)}: ${Object.keys(result.types).length} types, ` +
    `${Object.keys(result.enums).length} enumerations, from ${WSDL_REPO} ${WSDL_PATH} at ${result.source.commit}`
);
