// Writes the translated members as Java source files, one per top-level Apex class (inner classes nested,
// members in their Apex order), plus one class per custom object or custom metadata type used. Every Java
// line remembers the Apex line it comes from, so javac errors and Java stack traces point at the Apex.
import path from "node:path";
import { javaType } from "./types.mjs";

export const GENERATED_PACKAGE = "apex";

/**
 * @returns {{ name: string, apexFile: string | null, lines: {text: string, line: number | null}[] }[]}
 *   one entry per Java class (name is the Java class name)
 */
export function emitJava(tr, projectRoot) {
  const files = [];
  const topLevel = new Set();
  for (const cls of [...tr.usedClasses, ...tr.shellClasses]) {
    let top = cls;
    while (top.outer) top = top.outer;
    topLevel.add(top);
  }
  for (const cls of [...topLevel].sort((a, b) => a.name.localeCompare(b.name))) {
    const lines = [];
    const apexFile = path.relative(projectRoot, cls.file);
    lines.push({ text: `package ${GENERATED_PACKAGE};`, line: null });
    lines.push({
      text: `// Translated from ${apexFile} by test/apex-jvm/translator. Do not edit.`,
      line: null
    });
    emitClass(tr, cls, lines, 0);
    files.push({ name: cls.javaName, apexFile, lines });
  }
  for (const obj of tr.sobjects.values()) {
    if (obj) files.push({ name: obj.javaName, apexFile: null, lines: emitSObject(obj) });
  }
  return files;
}

function emitClass(tr, cls, lines, depth) {
  const pad = "  ".repeat(depth);
  const used = tr.usedClasses.has(cls);
  const nested = depth > 0;
  const add = (text, line) => lines.push({ text: pad + text, line });
  if (cls.kind === "enum") {
    add(`public enum ${javaNameOf(cls)} {`, cls.line);
    add(`  ${cls.enumValues.join(", ")}`, cls.line);
    add("}", cls.line);
    return;
  }
  let header = "public ";
  if (nested && cls.kind === "class") header += "static ";
  if (cls.kind === "class" && cls.isAbstract) header += "abstract ";
  header += cls.kind === "interface" ? "interface " : "class ";
  header += javaNameOf(cls);
  const sup = cls.superType;
  if (cls.kind === "interface") {
    if (sup) header += ` extends ${javaType(sup)}`;
  } else {
    if (sup)
      header += ` extends ${sup.k === "sys" && sup.lib.name === "Exception" ? "rt.ApexException" : javaType(sup)}`;
    if (cls.interfaceTypes?.length) header += ` implements ${cls.interfaceTypes.map(javaType).join(", ")}`;
  }
  add(`${header} {`, cls.line);
  const members = [];
  if (used) {
    for (const field of cls.fields.values()) {
      members.push(field);
      for (const accessor of [field.accessors?.get, field.accessors?.set])
        if (accessor) members.push(accessor);
    }
    for (const block of cls.initBlocks) members.push(block);
  }
  for (const ctor of cls.ctors) members.push(ctor);
  for (const methods of cls.methods.values()) members.push(...methods);
  members.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  for (const member of members) {
    const out = tr.translated.get(member);
    if (!out) continue;
    for (const l of out.lines) lines.push({ text: `${pad}  ${l.text}`, line: l.line });
  }
  if (used && cls.isException && cls.ctors.length === 0) {
    // The constructors every Apex exception class has (Apex Developer Guide, "Create Custom Exceptions").
    const name = javaNameOf(cls);
    add(`  public ${name}() { super(); }`, cls.line);
    add(`  public ${name}(String message) { super(message); }`, cls.line);
    add(`  public ${name}(RuntimeException cause) { super(cause); }`, cls.line);
    add(`  public ${name}(String message, RuntimeException cause) { super(message, cause); }`, cls.line);
  }
  for (const inner of cls.inners.values()) {
    if (tr.usedClasses.has(inner) || tr.shellClasses.has(inner)) emitClass(tr, inner, lines, depth + 1);
  }
  add("}", cls.line);
}

function javaNameOf(cls) {
  return cls.javaName.slice(cls.javaName.lastIndexOf(".") + 1);
}

const FIELD_JAVA_TYPES = {
  String: "String",
  Id: "String",
  Decimal: "java.math.BigDecimal",
  Boolean: "Boolean",
  Datetime: "rt.Datetime"
};

/**
 * An SObject class: public fields by API name (checkboxes start false, as on a new record), and for
 * custom metadata types getAll()/getInstance() reading rt.CustomMetadata, where the runner puts the
 * project's records (the seam for "which rules").
 */
function emitSObject(obj) {
  const lines = [];
  const add = (text) => lines.push({ text, line: null });
  add(`package ${GENERATED_PACKAGE};`);
  add(
    `// ${obj.isMetadata ? "Custom metadata type" : "Custom object"} ${obj.name}, from its object XML. Do not edit.`
  );
  add(`public class ${obj.javaName} extends rt.SObject {`);
  for (const field of obj.fields.values()) {
    const type = FIELD_JAVA_TYPES[field.apexType];
    if (!type) continue;
    add(
      `  public ${type} ${field.name} = ${field.apexType === "Boolean" && field.xmlType !== "standard" ? "false" : "null"};`
    );
  }
  add(`  public ${obj.javaName}() { super(${JSON.stringify(obj.name)}); }`);
  if (obj.isMetadata) {
    add(`  public static rt.ApexMap<String, ${obj.javaName}> getAll() {`);
    add(`    return rt.CustomMetadata.getAll(${JSON.stringify(obj.name)}, ${obj.javaName}::new);`);
    add("  }");
    add(`  public static ${obj.javaName} getInstance(String developerName) {`);
    add(
      `    return rt.CustomMetadata.getInstance(${JSON.stringify(obj.name)}, developerName, ${obj.javaName}::new);`
    );
    add("  }");
  }
  add("}");
  return lines;
}
