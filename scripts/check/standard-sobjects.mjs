// Standard SObject field names, read from the SObject model apex-ls itself uses (sobject-types jar shipped
// in the PMD engine), so the metadata check agrees with the Apex check and needs no hand-kept list.
// The jar holds one compiled class per SObject whose public fields are the SObject's fields; reading
// them needs only the zip directory and the class file's constant pool, no JVM.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { repoRoot } from "./project.mjs";

const JAR_DIR = path.join(repoRoot, "node_modules/@salesforce/code-analyzer-pmd-engine/dist/java-lib");
const CLASS_PREFIX = "com/nawforce/runforce/SObjects/";

let entries; // Map<SObject name, { jar, entry }>
/** Bytes of a constant pool entry by its tag, the tag included (JVM spec §4.4); Utf8 (1) gives its own length. */
const CONSTANT_SIZES = [0, 0, 0, 5, 5, 9, 9, 3, 3, 5, 5, 5, 5, 0, 0, 4, 3, 5, 5, 3, 3];

function readZipDirectory(jarPath) {
  const buf = fs.readFileSync(jarPath);
  // End-of-central-directory record: last 22+ bytes, signature 0x06054b50.
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`not a zip file: ${jarPath}`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localHeader = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLength);
    out.push({ buf, name, method, compressedSize, localHeader });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

function inflate({ buf, method, compressedSize, localHeader }) {
  const start = localHeader + 30 + buf.readUInt16LE(localHeader + 26) + buf.readUInt16LE(localHeader + 28);
  const data = buf.subarray(start, start + compressedSize);
  return method === 0 ? data : zlib.inflateRawSync(data);
}

/**
 * Instance fields declared by a compiled class, with their relationship targets, and its child
 * relationships with their child SObject (constant pool walk, JVM spec §4.1).
 */
function classFields(bytes) {
  let p = 8;
  const poolCount = bytes.readUInt16BE(p);
  p += 2;
  const utf8 = [];
  for (let i = 1; i < poolCount; i++) {
    const tag = bytes[p];
    if (tag === 1) {
      const len = bytes.readUInt16BE(p + 1);
      utf8[i] = bytes.toString("utf8", p + 3, p + 3 + len);
      p += 3 + len;
      continue;
    }
    if (!CONSTANT_SIZES[tag]) throw new Error(`unknown constant pool tag ${tag}`);
    p += CONSTANT_SIZES[tag];
    if (tag === 5 || tag === 6) i++; // long and double take two slots
  }
  p += 6; // access flags, this, super
  p += 2 + 2 * bytes.readUInt16BE(p); // interfaces
  const fieldCount = bytes.readUInt16BE(p);
  p += 2;
  const fields = new Map();
  const children = new Map();
  for (let i = 0; i < fieldCount; i++) {
    const access = bytes.readUInt16BE(p);
    const name = utf8[bytes.readUInt16BE(p + 2)];
    const descriptor = utf8[bytes.readUInt16BE(p + 4)];
    const attributes = bytes.readUInt16BE(p + 6);
    p += 8;
    for (let a = 0; a < attributes; a++) p += 6 + bytes.readUInt32BE(p + 2);
    const isStatic = (access & 0x0008) !== 0; // SObjectType, Fields: not SObject fields
    if (isStatic) continue;
    // a relationship field's type is the SObject it points to, e.g. Lcom/nawforce/runforce/SObjects/Account;
    // a child relationship's is an array of the child SObject, e.g. [Lcom/nawforce/runforce/SObjects/Contact;
    const target = descriptor.startsWith(`L${CLASS_PREFIX}`)
      ? descriptor.slice(CLASS_PREFIX.length + 1, -1)
      : null;
    if (descriptor.startsWith(`[L${CLASS_PREFIX}`)) {
      children.set(name.toLowerCase(), descriptor.slice(CLASS_PREFIX.length + 2, -1));
    }
    fields.set(name.toLowerCase(), target);
  }
  return { fields, children };
}

function index() {
  if (entries) return entries;
  const jar = fs.readdirSync(JAR_DIR).find((f) => /^sobject-types-.*\.jar$/.test(f));
  if (!jar) throw new Error(`missing: sobject-types jar in ${JAR_DIR} (npm ci)`);
  entries = new Map();
  for (const entry of readZipDirectory(path.join(JAR_DIR, jar))) {
    if (entry.name.startsWith(CLASS_PREFIX) && entry.name.endsWith(".class") && !entry.name.includes("$")) {
      entries.set(entry.name.slice(CLASS_PREFIX.length, -".class".length).toLowerCase(), entry);
    }
  }
  return entries;
}

const cache = new Map();

/**
 * Fields of a standard SObject as a Map from lower-cased field name to the SObject a relationship
 * field points to (null for plain fields), or null when the name is not a standard SObject.
 */
export function standardFields(objectName) {
  return standardObject(objectName)?.fields ?? null;
}

/**
 * Child relationships of a standard SObject (Account.Contacts) as a Map from lower-cased relationship
 * name to the child SObject, or null when the name is not a standard SObject.
 */
export function standardChildRelationships(objectName) {
  return standardObject(objectName)?.children ?? null;
}

function standardObject(objectName) {
  const key = objectName.toLowerCase();
  if (!cache.has(key)) {
    const entry = index().get(key);
    cache.set(key, entry ? classFields(inflate(entry)) : null);
  }
  return cache.get(key);
}

/** The standard SObject's name as the platform spells it (apextrigger → ApexTrigger), or null. */
export function standardObjectName(objectName) {
  return index().get(objectName.toLowerCase())?.name.slice(CLASS_PREFIX.length, -".class".length) ?? null;
}

/** True when the name is a standard SObject known to the platform model. */
export function isStandardObject(objectName) {
  return index().has(objectName.toLowerCase());
}
