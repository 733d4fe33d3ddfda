// Standard SObject fields from the SObject model apex-ls itself uses (the sobject-types jar in the PMD engine), so the
// metadata check agrees with the Apex check and needs no hand-kept list. The jar holds a compiled class per SObject
// whose public fields are the SObject's; reading them needs the zip directory and the constant pool, no JVM.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { repoRoot } from "./project.mjs";

const JAR_DIR = path.join(repoRoot, "node_modules/@salesforce/code-analyzer-pmd-engine/dist/java-lib");
const CLASS_PREFIX = "com/nawforce/runforce/SObjects/";

let entries; // Map<lower SObject name, zip entry>
/** Bytes of a constant pool entry by its tag, the tag included (JVM spec §4.4); Utf8 (1) gives its own length. */
const CONSTANT_SIZES = [0, 0, 0, 5, 5, 9, 9, 3, 3, 5, 5, 5, 5, 0, 0, 4, 3, 5, 5, 3, 3];

/** The entries of a zip file's central directory: { buf, name, method, compressedSize, localHeader }. */
function readZipDirectory(jarPath) {
  const buf = fs.readFileSync(jarPath);
  let eocd = buf.length - 22; // the end-of-central-directory record, 22 bytes and a comment from the end
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`not a zip file: ${jarPath}`);
  const out = [];
  for (let i = 0, p = buf.readUInt32LE(eocd + 16); i < buf.readUInt16LE(eocd + 10); i++) {
    const nameLength = buf.readUInt16LE(p + 28);
    out.push({
      buf,
      name: buf.toString("utf8", p + 46, p + 46 + nameLength),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      localHeader: buf.readUInt32LE(p + 42)
    });
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32); // + extra field and comment
  }
  return out;
}

function inflate({ buf, method, compressedSize, localHeader }) {
  const start = localHeader + 30 + buf.readUInt16LE(localHeader + 26) + buf.readUInt16LE(localHeader + 28);
  const data = buf.subarray(start, start + compressedSize);
  return method === 0 ? data : zlib.inflateRawSync(data);
}

// A compiled class's instance fields with their relationship targets, and its child relationships with their child
// SObject (constant pool walk, JVM spec §4.1).
function classFields(bytes) {
  let p = 10;
  const utf8 = [];
  for (let i = 1; i < bytes.readUInt16BE(8); i++) {
    const tag = bytes[p];
    if (tag === 1) {
      const length = bytes.readUInt16BE(p + 1);
      utf8[i] = bytes.toString("utf8", p + 3, p + 3 + length);
      p += 3 + length;
      continue;
    }
    if (!CONSTANT_SIZES[tag]) throw new Error(`unknown constant pool tag ${tag}`);
    p += CONSTANT_SIZES[tag];
    if (tag === 5 || tag === 6) i++; // long and double take two slots
  }
  p += 6; // access flags, this, super
  p += 2 + 2 * bytes.readUInt16BE(p); // interfaces
  const fields = new Map();
  const children = new Map();
  const fieldCount = bytes.readUInt16BE(p);
  p += 2;
  for (let i = 0; i < fieldCount; i++) {
    const [access, name, descriptor, attributes] = [0, 2, 4, 6].map((at) => bytes.readUInt16BE(p + at));
    p += 8;
    for (let a = 0; a < attributes; a++) p += 6 + bytes.readUInt32BE(p + 2);
    if (access & 0x0008) continue; // static: SObjectType, Fields, not SObject fields
    // a relationship field's type is the SObject it points to, e.g. Lcom/nawforce/runforce/SObjects/Account;
    // a child relationship's is an array of the child SObject, e.g. [Lcom/nawforce/runforce/SObjects/Contact;
    const type = utf8[descriptor];
    const target = type.startsWith(`L${CLASS_PREFIX}`) ? type.slice(CLASS_PREFIX.length + 1, -1) : null;
    if (type.startsWith(`[L${CLASS_PREFIX}`))
      children.set(utf8[name].toLowerCase(), type.slice(CLASS_PREFIX.length + 2, -1));
    fields.set(utf8[name].toLowerCase(), target);
  }
  return { fields, children };
}

function index() {
  if (entries) return entries;
  const jar = fs.readdirSync(JAR_DIR).find((f) => /^sobject-types-.*\.jar$/.test(f));
  if (!jar) throw new Error(`missing: sobject-types jar in ${JAR_DIR} (npm ci)`);
  entries = new Map();
  for (const entry of readZipDirectory(path.join(JAR_DIR, jar))) {
    if (entry.name.startsWith(CLASS_PREFIX) && entry.name.endsWith(".class") && !entry.name.includes("$"))
      entries.set(entry.name.slice(CLASS_PREFIX.length, -".class".length).toLowerCase(), entry);
  }
  return entries;
}

/**
 * A standard SObject's fields (lower-cased name -> the SObject a relationship points to, null for a plain field) and
 * child relationships (Account.Contacts: lower-cased name -> the child SObject), or null when the name is none.
 */
export function standardObject(objectName) {
  const entry = index().get(objectName.toLowerCase());
  return entry ? (entry.sobject ??= classFields(inflate(entry))) : null;
}

/** The standard SObject's name as the platform spells it (apextrigger → ApexTrigger), or null. */
export const standardObjectName = (objectName) =>
  index().get(objectName.toLowerCase())?.name.slice(CLASS_PREFIX.length, -".class".length) ?? null;

/** True when the name is a standard SObject known to the platform model. */
export const isStandardObject = (objectName) => index().has(objectName.toLowerCase());
