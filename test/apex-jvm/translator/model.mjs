// The project's Apex classes and custom objects as the translator needs them: class models (fields,
// methods, constructors, inner classes) built from the jorje syntax trees, resolved lazily; custom objects
// and custom metadata types read from their object and field XML.
import fs from "node:fs";
import path from "node:path";
import { idOf, modifiersOf } from "../../../scripts/check/apex-ast.mjs";

/** A translation problem at an Apex file and line: the translator collects these instead of guessing. */
export class ApexTranslationError extends Error {
  constructor(file, line, message) {
    super(file ? `${file}:${line ?? 1}: ${message}` : message);
    this.file = file;
    this.line = line;
  }
}

// Java identifiers that are legal Apex names, and names of java.lang.Object's final methods.
const JAVA_RESERVED = new Set(
  (
    "abstract assert boolean byte case char class const default do double enum extends final finally float " +
    "goto implements import instanceof int interface long native new package private protected public " +
    "short static strictfp super switch synchronized this throw throws transient try void volatile while " +
    "var record yield sealed permits getClass notify notifyAll wait finalize clone"
  ).split(" ")
);

/** A Java name for an Apex name (Apex names may be Java keywords). */
export function javaName(name) {
  return JAVA_RESERVED.has(name) ? `${name}_` : name;
}

export class ClassModel {
  constructor({ decl, file, outer, kind }) {
    this.decl = decl;
    this.file = file;
    this.outer = outer;
    this.kind = kind; // class | interface | enum
    this.name = decl.name.value;
    this.line = decl.line ?? decl.name.line;
    this.apexName = outer ? `${outer.apexName}.${this.name}` : this.name;
    this.javaName = outer ? `${outer.javaName}.${javaName(this.name)}` : javaName(this.name);
    this.fields = new Map(); // lower-case name → field
    this.methods = new Map(); // lower-case name → [method]
    this.ctors = [];
    this.inners = new Map();
    this.initBlocks = []; // { isStatic, stmnt }
    this.enumValues = [];
    this.superRef = decl.superClass ?? decl.superInterface ?? null;
    this.interfaceRefs = decl.interfaces ?? [];
    const { kinds } = modifiersOf(decl.modifiers);
    this.isAbstract = kinds.has("abstract") || kind === "interface";
    this.readMembers();
  }

  readMembers() {
    if (this.kind === "enum") {
      for (const member of this.decl.members ?? []) this.enumValues.push(member.value ?? member.name?.value);
      return;
    }
    for (const member of this.decl.members ?? []) {
      switch (member.$) {
        case "BlockMember$FieldMember":
          this.addFields(member.variableDecls, member.variableDecls.modifiers);
          break;
        case "BlockMember$PropertyMember":
          this.addProperty(member.propertyDecl);
          break;
        case "BlockMember$MethodMember":
          this.addMethod(member.methodDecl);
          break;
        case "BlockMember$InnerClassMember":
          this.addInner(member.body, "class");
          break;
        case "BlockMember$InnerInterfaceMember":
          this.addInner(member.body, "interface");
          break;
        case "BlockMember$InnerEnumMember":
          this.addInner(member.body, "enum");
          break;
        case "BlockMember$StaticStmntBlockMember":
          this.initBlocks.push({
            isInitBlock: true,
            isStatic: true,
            stmnt: member.stmnt,
            cls: this,
            line: member.stmnt.line
          });
          break;
        case "BlockMember$StmntBlockMember":
          this.initBlocks.push({
            isInitBlock: true,
            isStatic: false,
            stmnt: member.stmnt,
            cls: this,
            line: member.stmnt.line
          });
          break;
        default:
          this.unsupported.push({ line: member.line ?? this.line, what: `class member ${member.$}` });
      }
    }
  }

  get unsupported() {
    this._unsupported ??= [];
    return this._unsupported;
  }

  addFields(variableDecls, modifiers) {
    const { kinds } = modifiersOf(modifiers);
    for (const decl of variableDecls.decls) {
      this.fields.set(idOf(decl.name), {
        isField: true,
        name: decl.name.value,
        javaName: javaName(decl.name.value),
        typeRef: variableDecls.type,
        isStatic: kinds.has("static") || this.kind === "interface",
        init: decl.assignment,
        line: decl.name.line,
        cls: this
      });
    }
  }

  /**
   * A property: its value lives in a field of its name; a get or set with a body becomes an accessor member
   * (translated only when used), an automatic one reads or writes the field directly.
   */
  addProperty(prop) {
    const { kinds } = modifiersOf(prop.modifiers);
    const field = {
      isField: true,
      name: prop.name.value,
      javaName: javaName(prop.name.value),
      typeRef: prop.type,
      isStatic: kinds.has("static"),
      init: null,
      line: prop.name.line,
      cls: this,
      accessors: null
    };
    const accessor = (kind, part) =>
      part?.stmnt
        ? {
            isAccessor: true,
            kind,
            field,
            stmnt: part.stmnt,
            cls: this,
            line: prop.name.line,
            isStatic: field.isStatic
          }
        : null;
    if (prop.getter?.stmnt || prop.setter?.stmnt) {
      field.accessors = { get: accessor("get", prop.getter), set: accessor("set", prop.setter) };
    }
    this.fields.set(idOf(prop.name), field);
  }

  addMethod(decl) {
    const { kinds, annotations } = modifiersOf(decl.modifiers);
    const isCtor = decl.type === null && idOf(decl.name) === this.name.toLowerCase();
    const method = {
      name: decl.name.value,
      lc: idOf(decl.name),
      params: (decl.parameters ?? []).map((p) => ({ name: p.name.value, typeRef: p.typeRef })),
      returnRef: decl.type,
      isStatic: kinds.has("static"),
      isAbstract: kinds.has("abstract") || (this.kind === "interface" && !decl.stmnt),
      isCtor,
      annotations,
      isTest: annotations.has("istest") || kinds.has("testmethod"),
      isTestSetup: annotations.has("testsetup"),
      body: decl.stmnt,
      line: decl.name.line ?? decl.line,
      cls: this
    };
    if (isCtor) this.ctors.push(method);
    else {
      if (!this.methods.has(method.lc)) this.methods.set(method.lc, []);
      this.methods.get(method.lc).push(method);
    }
  }

  addInner(body, kind) {
    const inner = new ClassModel({ decl: body, file: this.file, outer: this, kind });
    this.inners.set(idOf(body.name), inner);
  }

  /** This class and its superclasses, nearest first. */
  *lineage() {
    const seen = new Set();
    for (let c = this; c && !seen.has(c); c = c.superType?.k === "class" ? c.superType.cls : null) {
      seen.add(c);
      yield c;
    }
  }
}

/** Builds a model for a parsed compilation unit. */
export function classModelOf(unit, file) {
  const kind =
    unit.$ === "CompilationUnit$InterfaceDeclUnit"
      ? "interface"
      : unit.$ === "CompilationUnit$EnumDeclUnit"
        ? "enum"
        : unit.$ === "CompilationUnit$ClassDeclUnit"
          ? "class"
          : null;
  if (!kind) throw new ApexTranslationError(file, 1, `not a class, interface or enum (${unit.$})`);
  return new ClassModel({ decl: unit.body, file, outer: null, kind });
}

// Field types of the object XML as Apex sees them (Object Reference, "Field Types").
const FIELD_TYPES = {
  Text: "String",
  TextArea: "String",
  LongTextArea: "String",
  Html: "String",
  EncryptedText: "String",
  Picklist: "String",
  MultiselectPicklist: "String",
  Email: "String",
  Phone: "String",
  Url: "String",
  AutoNumber: "String",
  Number: "Decimal",
  Currency: "Decimal",
  Percent: "Decimal",
  Checkbox: "Boolean",
  DateTime: "Datetime",
  Lookup: "Id",
  MasterDetail: "Id",
  MetadataRelationship: "String",
  Hierarchy: "Id"
};

const STANDARD_FIELDS = {
  mdt: {
    Id: "Id",
    DeveloperName: "String",
    MasterLabel: "String",
    Label: "String",
    Language: "String",
    NamespacePrefix: "String",
    QualifiedApiName: "String"
  },
  object: {
    Id: "Id",
    Name: "String",
    OwnerId: "Id",
    CreatedById: "Id",
    LastModifiedById: "Id",
    CreatedDate: "Datetime",
    LastModifiedDate: "Datetime",
    IsDeleted: "Boolean"
  }
};

/**
 * A custom object or custom metadata type read from `objects/<Name>/`: { name, javaName, isMetadata,
 * fields: Map(lower-case → { name, apexType, xmlType }) }. Fields whose type the runtime cannot hold are
 * listed with apexType null (a translation error only if code uses them).
 */
export function sobjectModelOf(name, dirs) {
  const isMetadata = name.endsWith("__mdt");
  const fields = new Map();
  for (const [field, type] of Object.entries(STANDARD_FIELDS[isMetadata ? "mdt" : "object"])) {
    fields.set(field.toLowerCase(), { name: field, apexType: type, xmlType: "standard" });
  }
  const fieldFiles = [dirs]
    .flat()
    .map((dir) => path.join(dir, "fields"))
    .flatMap((fieldDir) =>
      fs.existsSync(fieldDir) ? fs.readdirSync(fieldDir).map((f) => path.join(fieldDir, f)) : []
    )
    .sort((a, b) => path.basename(a).localeCompare(path.basename(b)));
  for (const fieldFile of fieldFiles) {
    const file = path.basename(fieldFile);
    if (!file.endsWith(".field-meta.xml")) continue;
    const xml = fs.readFileSync(fieldFile, "utf8");
    const fieldName = file.slice(0, -".field-meta.xml".length);
    let xmlType = /<type>([^<]+)<\/type>/.exec(xml)?.[1] ?? "Text";
    if (/<formula>/.test(xml)) xmlType = /<type>([^<]+)<\/type>/.exec(xml)?.[1] ?? xmlType;
    fields.set(fieldName.toLowerCase(), { name: fieldName, apexType: FIELD_TYPES[xmlType] ?? null, xmlType });
  }
  return { name, javaName: name, isMetadata, fields, dir: [dirs].flat()[0] };
}
