// Translates the reachable part of a set of Apex classes to Java for the runtime in runtime/rt: starting
// from the entry points a runner asks for, it type-checks each method it reaches (names resolved
// case-insensitively, overloads chosen as Apex chooses them, numbers widened as Apex widens them), emits its
// Java, and follows every call, field and class it uses. Members that are never reached are not translated,
// so a class may hold SOQL or DML elsewhere. Anything reached that the translator or the runtime does not
// support is an ApexTranslationError naming the Apex file, line and construct; it never guesses.
import { libraryMethods, systemClass } from "./library.mjs";
import { ApexTranslationError, javaName, sobjectModelOf } from "./model.mjs";
import {
  BOOLEAN,
  DECIMAL,
  DOUBLE,
  INTEGER,
  LONG,
  NULL,
  OBJECT,
  PRIMITIVES,
  STRING,
  VOID,
  assignable,
  isBoolean,
  isNumeric,
  isStringLike,
  javaRawType,
  javaType,
  listOf,
  mapOf,
  prim,
  sameType,
  setOf,
  show,
  widerNumeric
} from "./types.mjs";

const sys = (name, args = []) => ({ k: "sys", lib: systemClass(name), args });
const EXCEPTION = () => sys("Exception");

// Method names the runtime calls on user objects (java.lang.Object and the Apex interfaces), spelled as Java
// declares them: a user method whose name matches case-insensitively must be spelled the same to override.
const RUNTIME_METHOD_NAMES = ["compareTo", "compare", "equals", "hashCode", "toString"];

/**
 * @param {object} project { classes: Map(lower-case top-level name → ClassModel), objectDirs: Map(lower-case
 *   object name → dir), namespace }
 */
export class Translator {
  constructor(project) {
    this.project = project;
    this.sobjects = new Map();
    this.usedClasses = new Set();
    this.shellClasses = new Set();
    this.required = new Set();
    this.queue = [];
    this.translated = new Map(); // member → { lines }
    this.errors = [];
    this.methodSpelling = new Map(RUNTIME_METHOD_NAMES.map((n) => [n.toLowerCase(), n]));
    this.reachableSignatures = new Set();
  }

  // ---- types ---------------------------------------------------------------------------------------

  /** The type a TypeRef names, seen from a class. */
  resolveType(typeRef, cls) {
    if (!typeRef) return VOID;
    if (typeRef.$ === "TypeRefs$ArrayTypeRef") return listOf(this.resolveType(typeRef.heldType, cls));
    const names = (typeRef.names ?? []).map((n) => n.value);
    const args = (typeRef.typeArguments ?? []).map((a) => this.resolveType(a, cls));
    const type = this.lookupType(names, args, cls);
    if (!type) {
      throw new ApexTranslationError(cls.file, typeRef.names?.[0]?.line, `unknown type ${names.join(".")}`);
    }
    this.useClassesOf(type);
    return type;
  }

  /** A class named anywhere in a declared type (a field's List<MatchCandidate>) is emitted, or Java cannot compile. */
  useClassesOf(type) {
    if (type.k === "class") this.useClass(type.cls);
    for (const part of [type.el, type.key, type.val, ...(type.args ?? [])]) if (part) this.useClassesOf(part);
  }

  /** The type named by a dotted name with type arguments, or null when it names no type. */
  lookupType(names, args, cls) {
    let parts = [...names];
    const lc = parts.map((n) => n.toLowerCase());
    if (lc.length > 1 && (lc[0] === "system" || lc[0] === "schema")) parts = parts.slice(1);
    else if (lc.length > 1 && this.project.namespace && lc[0] === this.project.namespace.toLowerCase()) {
      parts = parts.slice(1);
    }
    if (parts.length === 1) {
      const name = parts[0].toLowerCase();
      if (name === "list") return listOf(args[0] ?? OBJECT);
      if (name === "set") return setOf(args[0] ?? OBJECT);
      if (name === "map") return mapOf(args[0] ?? OBJECT, args[1] ?? OBJECT);
      if (name === "object") return OBJECT;
      if (name === "void") return VOID;
      if (Object.hasOwn(PRIMITIVES, name)) return prim(PRIMITIVES[name].name);
      const user = this.userClass(name, cls);
      if (user) return { k: "class", cls: this.linked(user) };
      const sobject = this.sobject(name);
      if (sobject) return { k: "sobject", obj: sobject };
      const lib = systemClass(name);
      if (lib) return { k: "sys", lib, args };
      return null;
    }
    let type = this.lookupType([parts[0]], [], cls);
    for (const part of parts.slice(1)) {
      if (type?.k !== "class") return null;
      const inner = type.cls.inners.get(part.toLowerCase());
      if (!inner) return null;
      type = { k: "class", cls: this.linked(inner) };
    }
    return type;
  }

  /** A user class visible by a simple name from a class: its own inner classes, outer classes', top level. */
  userClass(lc, from) {
    for (let c = from; c; c = c.outer) {
      if (c.name.toLowerCase() === lc) return c;
      for (const l of c.lineage ? c.lineage() : [c]) {
        if (l.inners.has(lc)) return l.inners.get(lc);
      }
    }
    return this.project.classes.get(lc) ?? null;
  }

  /** Resolves a class's supertypes once (they are needed for assignability). */
  linked(cls) {
    if (cls.linkedOnce) return cls;
    cls.linkedOnce = true;
    cls.interfaceTypes = [];
    const context = cls.outer ?? cls;
    cls.superType = cls.superRef ? this.resolveType(cls.superRef, context) : null;
    cls.interfaceTypes = cls.interfaceRefs.map((ref) => this.resolveType(ref, context));
    cls.isException =
      cls.superType?.k === "sys" ? !!cls.superType.lib.exception : !!cls.superType?.cls?.isException;
    for (const t of [cls.superType, ...cls.interfaceTypes]) if (t?.k === "class") this.linked(t.cls);
    return cls;
  }

  sobject(lc) {
    if (!this.sobjects.has(lc)) {
      const dir = this.project.objectDirs.get(lc);
      this.sobjects.set(lc, dir ? sobjectModelOf(dir.name, dir.paths) : null);
    }
    return this.sobjects.get(lc);
  }

  fieldType(field) {
    field.type ??= this.resolveType(field.typeRef, field.cls);
    return field.type;
  }

  signatureOf(method) {
    if (!method.signature) {
      method.signature = {
        params: method.params.map((p) => this.resolveType(p.typeRef, method.cls)),
        returns: method.isCtor ? VOID : this.resolveType(method.returnRef, method.cls)
      };
    }
    return method.signature;
  }

  spelling(name) {
    const lc = name.toLowerCase();
    if (!this.methodSpelling.has(lc)) this.methodSpelling.set(lc, javaName(name));
    return this.methodSpelling.get(lc);
  }

  // ---- reachability --------------------------------------------------------------------------------

  useClass(cls) {
    if (this.usedClasses.has(cls)) return;
    this.usedClasses.add(cls);
    this.linked(cls);
    for (let c = cls.outer; c; c = c.outer) this.shellClasses.add(c);
    for (const t of [cls.superType, ...cls.interfaceTypes]) if (t?.k === "class") this.useClass(t.cls);
    for (const problem of cls.unsupported)
      this.errors.push(new ApexTranslationError(cls.file, problem.line, problem.what));
    for (const field of cls.fields.values()) this.require(field);
    for (const block of cls.initBlocks) this.require(block);
    // Methods the runtime or a supertype's reachable method may call on this class.
    for (const methods of cls.methods.values()) {
      for (const m of methods) if (this.overridesReachable(m)) this.require(m);
    }
  }

  overridesReachable(method) {
    if (method.isStatic) return false;
    const arity = method.params.length;
    if (RUNTIME_METHOD_NAMES.some((n) => n.toLowerCase() === method.lc)) return true;
    for (const sig of this.reachableSignatures) {
      const [owner, lc, n] = sig.split("/");
      if (lc !== method.lc || Number(n) !== arity) continue;
      const ownerCls = this.classByApexName(owner);
      if (
        ownerCls &&
        ownerCls !== method.cls &&
        assignable({ k: "class", cls: method.cls }, { k: "class", cls: ownerCls })
      ) {
        return true;
      }
    }
    return false;
  }

  classByApexName(apexName) {
    for (const c of this.usedClasses) if (c.apexName === apexName) return c;
    return null;
  }

  require(member) {
    if (this.required.has(member)) return;
    this.required.add(member);
    this.queue.push(member);
    if (member.lc && !member.isCtor && !member.isStatic) {
      this.reachableSignatures.add(`${member.cls.apexName}/${member.lc}/${member.params.length}`);
      for (const used of this.usedClasses) {
        for (const m of used.methods.get(member.lc) ?? []) {
          if (m !== member && this.overridesReachable(m)) this.require(m);
        }
      }
    }
  }

  /**
   * Translates everything reachable from the entry points.
   * @param {{cls: string, member: string}[]} roots class (dotted for inner classes) and member name;
   *   "<init>" for constructors, a field name for a field
   */
  run(roots) {
    for (const root of roots) {
      let cls;
      try {
        cls = this.lookupType(root.cls.split("."), [], null)?.cls;
        if (!cls) throw new Error(`entry point class ${root.cls} not found`);
        this.useClass(cls);
      } catch (error) {
        if (!(error instanceof ApexTranslationError)) throw error;
        this.errors.push(error);
        continue;
      }
      const lc = root.member.toLowerCase();
      const members =
        lc === "<init>"
          ? cls.ctors
          : [...(cls.methods.get(lc) ?? []), ...(cls.fields.has(lc) ? [cls.fields.get(lc)] : [])];
      if (members.length === 0 && lc !== "<init>")
        throw new Error(`entry point ${root.cls}.${root.member} not found`);
      members.forEach((m) => this.require(m));
    }
    while (this.queue.length) {
      const member = this.queue.shift();
      try {
        this.translated.set(member, new MemberTranslator(this, member).translate());
      } catch (error) {
        if (error instanceof ApexTranslationError) this.errors.push(error);
        else throw error;
      }
    }
    return this.errors;
  }
}

/** Collects Java lines, each tagged with the Apex line it comes from. */
class Lines {
  constructor() {
    this.lines = [];
    this.depth = 0;
  }
  add(text, line) {
    this.lines.push({ text: "  ".repeat(this.depth) + text, line });
  }
}

const JAVA_STRING_ESCAPES = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** A Java string literal; everything outside printable ASCII as \\uXXXX. */
export function javaString(value) {
  let out = '"';
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    if (JAVA_STRING_ESCAPES[ch]) out += JAVA_STRING_ESCAPES[ch];
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else for (const unit of ch.split("")) out += `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`;
  }
  return out + '"';
}

const COMPOUND_OPS = {
  ADDITION_EQUALS: "ADDITION",
  SUBTRACTION_EQUALS: "SUBTRACTION",
  MULTIPLICATION_EQUALS: "MULTIPLICATION",
  DIVISION_EQUALS: "DIVISION",
  AND_EQUALS: "AND",
  OR_EQUALS: "OR"
};
const ARITHMETIC = { ADDITION: "add", SUBTRACTION: "sub", MULTIPLICATION: "mul", DIVISION: "div" };
const COMPARISON = { LESS_THAN: "lt", GREATER_THAN: "gt", LESS_THAN_EQUAL: "le", GREATER_THAN_EQUAL: "ge" };

/** The syntax trees are never changed, and planning translates the same methods dozens of times. */
const FIRST_LINES = new WeakMap();

/** The first line number in a syntax node, in the order JSON would write it (without writing the subtree). */
function firstLineOf(node) {
  if (FIRST_LINES.has(node)) return FIRST_LINES.get(node);
  let found;
  for (const [key, value] of Array.isArray(node) ? node.entries() : Object.entries(node)) {
    if (key === "line" && typeof value === "number" && value >= 0 && Number.isFinite(value)) {
      found = Number(/^\d+/.exec(String(value))[0]);
    } else if (value && typeof value === "object") {
      found = firstLineOf(value);
    }
    if (found !== undefined) break;
  }
  FIRST_LINES.set(node, found);
  return found;
}

/** Translates one member (method, constructor, field or initialiser block) of a class. */
class MemberTranslator {
  constructor(tr, member) {
    this.tr = tr;
    this.member = member;
    this.cls = member.cls;
    this.isStatic = !!member.isStatic;
    this.scopes = [new Map()];
    this.out = new Lines();
    this.tempCount = 0;
  }

  fail(line, message) {
    throw new ApexTranslationError(this.cls.file, line ?? this.member.line, message);
  }

  translate() {
    const m = this.member;
    if (m.isField) return this.translateField(m);
    if (m.isAccessor) return this.translateAccessor(m);
    if (m.isInitBlock) {
      this.out.add(m.isStatic ? "static {" : "{", m.line);
      this.block(m.stmnt, false);
      this.out.add("}", m.line);
      return this.out;
    }
    return this.translateMethod(m);
  }

  translateField(field) {
    const type = this.tr.fieldType(field);
    const init = field.init ? this.coerce(this.expr(field.init), type, field.line) : null;
    const mods = `public ${field.isStatic ? "static " : ""}`;
    this.out.add(`${mods}${javaType(type)} ${field.javaName} = ${init ?? "null"};`, field.line);
    return this.out;
  }

  /** A property's get body as T name$get(), its set body as void name$set(T value). */
  translateAccessor(accessor) {
    const field = accessor.field;
    const type = this.tr.fieldType(field);
    const mods = `public ${field.isStatic ? "static " : ""}`;
    if (accessor.kind === "get") {
      this.returnType = type;
      this.out.add(`${mods}${javaType(type)} ${field.javaName}$get() {`, accessor.line);
    } else {
      this.returnType = VOID;
      const value = this.declare("value", type, accessor.line);
      this.out.add(`${mods}void ${field.javaName}$set(${javaType(type)} ${value}) {`, accessor.line);
    }
    this.block(accessor.stmnt, false);
    this.out.add("}", accessor.line);
    return this.out;
  }

  translateMethod(method) {
    const sig = this.tr.signatureOf(method);
    const params = method.params.map((p, i) => {
      const name = this.declare(p.name, sig.params[i], method.line);
      return `${javaType(sig.params[i])} ${name}`;
    });
    if (method.isCtor) {
      this.out.add(`public ${javaName(method.cls.name)}(${params.join(", ")}) {`, method.line);
      this.returnType = VOID;
    } else {
      const name = this.tr.spelling(method.name);
      let ret = javaType(sig.returns);
      // java.lang.Object's equals and hashCode return primitives; an Apex override returns Boolean/Integer.
      if (name === "equals" && sig.params.length === 1) ret = "boolean";
      if (name === "hashCode" && sig.params.length === 0) ret = "int";
      this.returnType = sig.returns;
      const mods = method.isStatic ? "public static " : method.isAbstract ? "public abstract " : "public ";
      if (method.isAbstract) {
        this.out.add(
          `${method.cls.kind === "interface" ? "" : mods}${ret} ${name}(${params.join(", ")});`,
          method.line
        );
        return this.out;
      }
      this.out.add(`${mods}${ret} ${name}(${params.join(", ")}) {`, method.line);
    }
    if (method.isCtor) this.implicitSuper(method);
    this.block(method.body, false);
    this.out.add("}", method.line);
    return this.out;
  }

  /** A constructor without this(...) or super(...) calls its superclass's no-argument constructor. */
  implicitSuper(method) {
    const first = method.body?.stmnts?.[0]?.expr;
    if (first && (first.$ === "Expr$ThisMethodCallExpr" || first.$ === "Expr$SuperMethodCallExpr")) return;
    const sup = method.cls.superType;
    if (sup?.k === "class") {
      const ctor = sup.cls.ctors.find((c) => c.params.length === 0);
      if (ctor) this.tr.require(ctor);
      else if (sup.cls.ctors.length)
        this.fail(method.line, `${sup.cls.apexName} has no constructor without arguments`);
    }
  }

  // ---- scopes ----------------------------------------------------------------------------------------

  declare(name, type, line) {
    const lc = name.toLowerCase();
    for (const scope of this.scopes) if (scope.has(lc)) this.fail(line, `duplicate variable ${name}`);
    const java = javaName(name);
    this.scopes[this.scopes.length - 1].set(lc, { name: java, type });
    return java;
  }

  local(lc) {
    for (let i = this.scopes.length - 1; i >= 0; i--)
      if (this.scopes[i].has(lc)) return this.scopes[i].get(lc);
    return null;
  }

  temp(prefix) {
    return `${prefix}$${this.tempCount++}`;
  }

  // ---- statements ------------------------------------------------------------------------------------

  block(stmnt, braces = true) {
    this.scopes.push(new Map());
    if (braces) this.out.add("{", stmnt.line);
    this.out.depth++;
    for (const s of stmnt.$ === "Stmnt$BlockStmnt" ? stmnt.stmnts : [stmnt]) this.stmt(s);
    this.out.depth--;
    if (braces) this.out.add("}", stmnt.line);
    this.scopes.pop();
  }

  /** A statement as the body of if/for/while/try (the caller writes the braces and indents). */
  body(stmnt) {
    this.scopes.push(new Map());
    for (const s of stmnt.$ === "Stmnt$BlockStmnt" ? stmnt.stmnts : [stmnt]) this.stmt(s);
    this.scopes.pop();
  }

  stmt(s) {
    const line = s.line;
    if (s.$ !== "Stmnt$BlockStmnt" && !this.isConstructorCall(s)) this.tick(line);
    switch (s.$) {
      case "Stmnt$BlockStmnt":
        this.block(s);
        return;
      case "Stmnt$VariableDeclStmnt":
        this.variableDecls(s.variableDecls, line);
        return;
      case "Stmnt$ExpressionStmnt":
        this.out.add(`${this.statementExpr(s.expr, line)};`, line);
        return;
      case "Stmnt$IfElseBlock":
        s.ifBlocks.forEach((b, i) => {
          const cond = this.condition(b.expr, b.line ?? line);
          this.out.add(`${i === 0 ? "if" : "} else if"} (${cond}) {`, b.line ?? line);
          this.out.depth++;
          this.body(b.stmnt);
          this.out.depth--;
        });
        if (s.elseBlock) {
          this.out.add("} else {", line);
          this.out.depth++;
          this.body(s.elseBlock.stmnt);
          this.out.depth--;
        }
        this.out.add("}", line);
        return;
      case "Stmnt$WhileLoop":
        this.out.add(`while (${this.condition(s.condition, line)}) {`, line);
        this.out.depth++;
        this.tick(line);
        this.body(s.stmnt);
        this.out.depth--;
        this.out.add("}", line);
        return;
      case "Stmnt$DoLoop":
        this.out.add("do {", line);
        this.out.depth++;
        this.tick(line);
        this.body(s.stmnt);
        this.out.depth--;
        this.out.add(`} while (${this.condition(s.condition, line)});`, line);
        return;
      case "Stmnt$ForLoop":
        this.forLoop(s, line);
        return;
      case "Stmnt$ReturnStmnt":
        if (!s.expr) this.out.add("return;", line);
        else {
          const value = this.expr(s.expr);
          let code = this.coerce(value, this.returnType, line);
          this.out.add(`return ${code};`, line);
        }
        return;
      case "Stmnt$BreakStmnt":
        this.out.add("break;", line);
        return;
      case "Stmnt$ContinueStmnt":
        this.out.add("continue;", line);
        return;
      case "Stmnt$ThrowStmnt": {
        const value = this.expr(s.expr);
        if (!assignable(value.type, EXCEPTION())) this.fail(line, `throw of a ${show(value.type)}`);
        this.out.add(`throw ${value.code};`, line);
        return;
      }
      case "Stmnt$TryCatchFinallyBlock":
        this.tryCatch(s, line);
        return;
      case "Stmnt$SwitchStmnt":
        this.switchOn(s, line);
        return;
      default:
        this.fail(line ?? this.firstLine(s), `unsupported statement: ${describe(s.$)}`);
    }
  }

  /** Counts one executed Apex statement or loop iteration (rt.ApexLimits; README.md, "Apex statements"). */
  tick(line) {
    this.out.add("rt.ApexLimits.tick();", line);
  }

  /** this(...) or super(...): Java wants it first in a constructor, so it is not counted. */
  isConstructorCall(s) {
    const kind = s.$ === "Stmnt$ExpressionStmnt" ? s.expr?.$ : null;
    return kind === "Expr$ThisMethodCallExpr" || kind === "Expr$SuperMethodCallExpr";
  }

  firstLine(node) {
    return firstLineOf(node);
  }

  variableDecls(decls, line) {
    const type = this.tr.resolveType(decls.type, this.cls);
    for (const d of decls.decls) {
      const init = d.assignment ? this.coerce(this.expr(d.assignment), type, d.name.line) : "null";
      const name = this.declare(d.name.value, type, d.name.line);
      this.out.add(`${javaType(type)} ${name} = ${init};`, d.name.line ?? line);
    }
  }

  forLoop(s, line) {
    const control = s.forControl;
    this.scopes.push(new Map());
    if (control.$ === "ForControl$EnhancedForControl") {
      const type = this.tr.resolveType(control.type, this.cls);
      const source = this.expr(control.init.expr);
      const elementType =
        source.type.k === "list" || source.type.k === "set"
          ? source.type.el
          : this.fail(line, `for loop over a ${show(source.type)}`);
      if (!assignable(elementType, type))
        this.fail(line, `loop variable ${show(type)} over ${show(source.type)}`);
      const name = this.declare(control.init.name[0].value, type, line);
      if (sameType(elementType, type) || assignable(elementType, type) === "exact") {
        this.out.add(`for (${javaType(type)} ${name} : ${this.collectionCast(source, type)}) {`, line);
      } else {
        this.fail(line, `loop variable ${show(type)} needs a conversion from ${show(elementType)}`);
      }
    } else if (control.$ === "ForControl$CStyleForControl") {
      let init = "";
      if (control.inits) {
        const type = this.tr.resolveType(control.inits.type, this.cls);
        const parts = control.inits.inits.map((i) => {
          const value = i.expr ? this.coerce(this.expr(i.expr), type, line) : "null";
          return `${this.declare(i.name[0].value, type, line)} = ${value}`;
        });
        init = `${javaType(type)} ${parts.join(", ")}`;
      } else if (control.initExpressions?.length) {
        init = control.initExpressions.map((e) => this.statementExpr(e, line)).join(", ");
      }
      const cond = control.condition ? this.condition(control.condition, line) : "";
      const update = control.control ? this.statementExpr(control.control, line) : "";
      this.out.add(`for (${init}; ${cond}; ${update}) {`, line);
    } else {
      this.fail(line, `unsupported for loop: ${describe(control.$)}`);
    }
    this.out.depth++;
    this.tick(line);
    this.body(s.stmnt);
    this.out.depth--;
    this.out.add("}", line);
    this.scopes.pop();
  }

  /** Iterating a List<Sub> as a supertype: Java needs the collection's element type to match. */
  collectionCast(source, elementType) {
    return sameType(source.type.el, elementType)
      ? source.code
      : `rt.Apex.<Iterable<${javaType(elementType)}>>unchecked(${source.code})`;
  }

  tryCatch(s, line) {
    this.out.add("try {", line);
    this.out.depth++;
    this.body(s.tryBlock);
    this.out.depth--;
    for (const c of s.catchBlocks) {
      const type = this.tr.resolveType(c.parameter.typeRef, this.cls);
      if (!assignable(type, EXCEPTION())) this.fail(c.line, `catch of a ${show(type)}`);
      this.scopes.push(new Map());
      const name = this.declare(c.parameter.name.value, type, c.line);
      // Apex's Exception catches every Apex exception (Java's RuntimeException here) and never the
      // uncatchable limit errors, which the runtime throws as java.lang.Error.
      this.out.add(`} catch (${javaType(type)} ${name}) {`, c.line);
      this.out.depth++;
      this.body(c.stmnt);
      this.out.depth--;
      this.scopes.pop();
    }
    if (s.finallyBlock) {
      this.out.add("} finally {", line);
      this.out.depth++;
      this.body(s.finallyBlock.stmnt);
      this.out.depth--;
    }
    this.out.add("}", line);
  }

  /**
   * switch on (Apex Developer Guide, "Switch Statements"): when values are literals or enum values, tried in
   * order, `when null` matches null and `when else` anything left; no fall-through. String values match
   * case-sensitively. Translated to an if-chain on a temporary.
   */
  switchOn(s, line) {
    const subject = this.expr(s.expr);
    const temp = this.temp("switch");
    this.out.add("{", line);
    this.out.depth++;
    this.out.add(`${javaType(subject.type)} ${temp} = ${subject.code};`, line);
    let first = true;
    for (const when of s.whenBlocks) {
      let cond;
      if (when.$ === "WhenBlock$ElseWhen") cond = null;
      else if (when.$ === "WhenBlock$ValueWhen") {
        cond = when.whenCases
          .map((c) => {
            if (c.$ === "WhenCase$LiteralCase") {
              const value = this.expr(c.expr);
              if (value.type.k === "null") return `${temp} == null`;
              return `rt.Ops.switchMatches(${temp}, ${value.code})`;
            }
            if (c.$ === "WhenCase$IdentifierCase") {
              const value = this.enumConstant(subject.type, c.identifier ?? c.id, line);
              return `${temp} == ${value}`;
            }
            return this.fail(line, `unsupported when case: ${describe(c.$)}`);
          })
          .join(" || ");
      } else
        this.fail(line, `unsupported when block: ${describe(when.$)} (when with a type is not translated)`);
      this.out.add(
        cond === null ? (first ? "{" : "} else {") : `${first ? "if" : "} else if"} (${cond}) {`,
        line
      );
      this.out.depth++;
      this.body(when.stmnt);
      this.out.depth--;
      first = false;
    }
    if (!first) this.out.add("}", line);
    this.out.depth--;
    this.out.add("}", line);
  }

  enumConstant(type, id, line) {
    if (type.k !== "class" || type.cls.kind !== "enum")
      this.fail(line, `when ${id?.value} on a ${show(type)}`);
    const value = type.cls.enumValues.find((v) => v.toLowerCase() === id.value.toLowerCase());
    if (!value) this.fail(line, `${type.cls.apexName} has no value ${id.value}`);
    return `${type.cls.javaName}.${value}`;
  }

  condition(node, line) {
    const value = this.expr(node);
    if (!isBoolean(value.type)) this.fail(line, `condition is a ${show(value.type)}, not a Boolean`);
    return value.code;
  }

  /** An expression used as a statement (assignment, call, increment). */
  statementExpr(node, line) {
    const value = this.expr(node);
    if (
      ![
        "Expr$AssignmentExpr",
        "Expr$MethodCallExpr",
        "Expr$PostfixExpr",
        "Expr$PrefixExpr",
        "Expr$NewExpr",
        "Expr$ThisMethodCallExpr",
        "Expr$SuperMethodCallExpr"
      ].includes(node.$)
    ) {
      this.fail(line, `expression ${describe(node.$)} is not a statement`);
    }
    // Java allows only some expressions as statements; a call result that was wrapped is assigned away.
    return value.statement ?? value.code;
  }

  // ---- expressions -------------------------------------------------------------------------------------

  expr(node) {
    const line = node.line ?? this.firstLine(node);
    switch (node.$) {
      case "Expr$LiteralExpr":
        return this.literal(node, line);
      case "Expr$NestedExpr": {
        const inner = this.expr(node.expr);
        return { ...inner, code: `(${inner.code})`, statement: undefined };
      }
      case "Expr$VariableExpr":
        return this.variable(node, line).read();
      case "Expr$MethodCallExpr":
        return this.methodCall(node, line);
      case "Expr$ThisVariableExpr":
        if (this.isStatic) this.fail(line, "this in a static context");
        return { code: "this", type: { k: "class", cls: this.cls } };
      case "Expr$SuperVariableExpr":
        return { code: "super", type: this.cls.superType };
      case "Expr$ThisMethodCallExpr":
        return this.constructorCall("this", this.cls, node.inputParameters, line);
      case "Expr$SuperMethodCallExpr":
        if (this.cls.superType?.k !== "class") return this.superExceptionCall(node, line);
        return this.constructorCall("super", this.cls.superType.cls, node.inputParameters, line);
      case "Expr$NewExpr":
        return this.newExpr(node.creator, line);
      case "Expr$ArrayExpr": {
        const list = this.expr(node.expr);
        if (list.type.k !== "list") this.fail(line, `[] on a ${show(list.type)} (only lists are indexed)`);
        const index = this.coerce(this.expr(node.index), INTEGER, line);
        return { code: `${list.code}.get(${index})`, type: list.type.el };
      }
      case "Expr$AssignmentExpr":
        return this.assignment(node, line);
      case "Expr$BinaryExpr":
        return this.binary(node.op.$, this.expr(node.left), this.expr(node.right), line);
      case "Expr$BooleanExpr":
        return this.booleanExpr(node, line);
      case "Expr$PrefixExpr":
        return this.prefix(node, line);
      case "Expr$PostfixExpr":
        return this.increment(node.expr, node.op.$, false, line);
      case "Expr$TernaryExpr":
        return this.ternary(node, line);
      case "Expr$NullCoalescingExpr":
        return this.nullCoalescing(node, line);
      case "Expr$CastExpr":
        return this.cast(node, line);
      case "Expr$InstanceOf": {
        const value = this.expr(node.expr);
        const type = this.tr.resolveType(node.type, this.cls);
        return { code: `(${value.code} instanceof ${this.instanceofType(type, line)})`, type: BOOLEAN };
      }
      case "Expr$ClassRefExpr": {
        const type = this.tr.resolveType(node.type, this.cls);
        return {
          code: `rt.ApexType.of(${javaRawType(type)}.class, ${javaString(show(type))})`,
          type: sys("Type")
        };
      }
      default:
        return this.fail(line, `unsupported expression: ${describe(node.$)}`);
    }
  }

  literal(node, line) {
    switch (node.type.$) {
      case "STRING":
        return { code: javaString(node.literal), type: STRING };
      case "INTEGER":
        return { code: String(node.literal), type: INTEGER, literal: node.literal };
      case "LONG":
        if (!Number.isSafeInteger(node.literal))
          this.fail(line, `Long literal ${node.literal} is too large to translate exactly`);
        return { code: `${node.literal}L`, type: LONG };
      case "DECIMAL":
        return { code: `new java.math.BigDecimal(${javaString(String(node.literal))})`, type: DECIMAL };
      case "DOUBLE":
        return { code: `${node.literal}d`, type: DOUBLE };
      case "TRUE":
        return { code: "true", type: BOOLEAN };
      case "FALSE":
        return { code: "false", type: BOOLEAN };
      case "NULL":
        return { code: "null", type: NULL };
      default:
        return this.fail(line, `unsupported literal ${node.type.$}`);
    }
  }

  /** Java type for instanceof: generics are erased, so List<String> is checked as a list. */
  instanceofType(type, line) {
    if (type.k === "list" || type.k === "set" || type.k === "map") return javaRawType(type);
    if (type.k === "prim" && type.name === "Id") this.fail(line, "instanceof Id is not translated");
    return javaRawType(type);
  }

  // ---- names -----------------------------------------------------------------------------------------

  /**
   * Resolves a dotted name (optionally after an expression) to something readable and assignable:
   * { read() → {code, type}, write(code) → code, type }. Class names in the middle act as qualifiers.
   */
  variable(node, line) {
    if (node.isSafeNav) return this.valueTarget(this.safeNavigation(node, line));
    const names = node.names;
    let target = null;
    let qualifier = null;
    let i = 0;
    if (node.dottedExpr) target = this.valueTarget(this.expr(node.dottedExpr));
    else {
      const first = this.firstName(names, line);
      i = first.consumed;
      target = first.target ?? null;
      qualifier = first.type ?? null;
    }
    for (; i < names.length; i++) {
      if (qualifier) {
        const next = this.staticMember(qualifier, names[i], line);
        qualifier = next.type ?? null;
        target = next.target ?? null;
      } else {
        target = this.instanceField(target.read(), names[i], line);
      }
    }
    if (qualifier) this.fail(line, `${names.map((n) => n.value).join(".")} is a type, not a value`);
    return target;
  }

  valueTarget(value) {
    return { read: () => value, write: null, type: value.type };
  }

  /** The first part of a dotted name: a local, a field (own, inherited, outer class's static), or a type. */
  firstName(names, line) {
    const name = names[0];
    const lc = name.value.toLowerCase();
    const local = this.local(lc);
    if (local) {
      return {
        consumed: 1,
        target: {
          read: () => ({ code: local.name, type: local.type }),
          write: (code) => `${local.name} = ${code}`,
          type: local.type
        }
      };
    }
    const field = this.findField(this.cls, lc, true);
    if (field) return { consumed: 1, target: this.fieldTarget(field, null, line) };
    // A type: by its simple name, or after a namespace (System.Pattern, Schema.X, ns.Class). What follows a
    // class name is a static field before an inner class of the same name (staticMember).
    const prefixed = ["system", "schema", this.tr.project.namespace?.toLowerCase()].includes(lc);
    const n = prefixed && names.length > 1 ? 2 : 1;
    const type = this.tr.lookupType(
      names.slice(0, n).map((x) => x.value),
      [],
      this.cls
    );
    if (type) {
      if (type.k === "class") this.tr.useClass(type.cls);
      return { consumed: n, type };
    }
    return this.fail(
      line,
      `unknown name ${names
        .slice(0, n)
        .map((x) => x.value)
        .join(".")}`
    );
  }

  /** A field visible by simple name: this class and its superclasses, then outer classes' statics. */
  findField(cls, lc, searchOuter) {
    for (let c = cls; c; c = searchOuter ? c.outer : null) {
      for (const l of c.lineage()) if (l.fields.has(lc)) return l.fields.get(lc);
      if (!searchOuter) break;
    }
    return null;
  }

  fieldTarget(field, receiver, line) {
    const type = this.tr.fieldType(field);
    this.tr.useClass(field.cls);
    let owner;
    if (field.isStatic) owner = field.cls.javaName;
    else if (receiver) owner = receiver.code;
    else {
      if (this.isStatic) this.fail(line, `instance field ${field.name} used in a static context`);
      owner = "this";
    }
    const code = `${owner}.${field.javaName}`;
    // A property's get/set body runs on every read/write, except inside its own accessors, where the
    // property's name is its stored value (Apex Developer Guide, "Using Properties").
    const inOwnAccessor = this.member.isAccessor && this.member.field === field;
    const getter = inOwnAccessor ? null : field.accessors?.get;
    const setter = inOwnAccessor ? null : field.accessors?.set;
    return {
      read: () => {
        if (!getter) return { code, type };
        this.tr.require(getter);
        return { code: `${owner}.${field.javaName}$get()`, type };
      },
      write: (value) => {
        if (!setter) return `${code} = ${value}`;
        this.tr.require(setter);
        return `${owner}.${field.javaName}$set(${value})`;
      },
      type
    };
  }

  /** After a type qualifier: a static field, an inner class, or an enum value. */
  staticMember(type, name, line) {
    const lc = name.value.toLowerCase();
    if (type.k === "class") {
      const cls = type.cls;
      if (cls.kind === "enum") {
        const value = cls.enumValues.find((v) => v.toLowerCase() === lc);
        if (value) return { target: this.valueTarget({ code: `${cls.javaName}.${value}`, type }) };
      }
      const field = this.findField(cls, lc, false);
      if (field) {
        if (!field.isStatic) this.fail(line, `${cls.apexName}.${field.name} is not static`);
        return { target: this.fieldTarget(field, null, line) };
      }
      const inner = cls.inners.get(lc);
      if (inner) return { type: { k: "class", cls: this.tr.linked(inner) } };
    }
    if (type.k === "sys" && type.lib.enumValues) {
      const value = type.lib.enumValues.find((v) => v.toLowerCase() === lc);
      if (value) return { target: this.valueTarget({ code: `${type.lib.java}.${value}`, type }) };
    }
    return this.fail(line, `${show(type)}.${name.value} is not a static field the translator knows`);
  }

  /** receiver.name for a field of a user class or an SObject. */
  instanceField(receiver, name, line) {
    const lc = name.value.toLowerCase();
    const type = receiver.type;
    if (type.k === "class") {
      const field = this.findField(type.cls, lc, false);
      if (!field) this.fail(line, `${show(type)} has no field ${name.value}`);
      if (field.isStatic) this.fail(line, `static field ${field.name} read through an instance`);
      return this.fieldTarget(field, receiver, line);
    }
    if (type.k === "sobject") {
      const field = type.obj.fields.get(lc);
      if (!field) this.fail(line, `${type.obj.name} has no field ${name.value} in its object XML`);
      if (!field.apexType)
        this.fail(
          line,
          `${type.obj.name}.${field.name} (${field.xmlType}) is not a field type the runtime holds`
        );
      const fieldType = this.tr.lookupType([field.apexType], [], this.cls);
      const code = `${receiver.code}.${field.name}`;
      this.tr.sobjectUsed = true;
      return {
        read: () => ({ code, type: fieldType }),
        write: (value) => `${code} = ${value}`,
        type: fieldType
      };
    }
    return this.fail(line, `${show(type)}.${name.value}: no such field`);
  }

  /** a?.b.c and a?.m(): null when a is null, else the rest of the chain (Apex "Safe Navigation Operator"). */
  safeNavigation(node, line) {
    const receiverNode = node.dottedExpr;
    if (!receiverNode) this.fail(line, "?. without a receiver expression");
    const receiver = this.expr(receiverNode);
    const param = this.temp("safe");
    this.scopes.push(new Map([[param.toLowerCase(), { name: param, type: receiver.type }]]));
    const rest = {
      ...node,
      isSafeNav: false,
      dottedExpr: null,
      names: [{ $: "Id", value: param, line }, ...node.names]
    };
    const value =
      node.$ === "Expr$MethodCallExpr" ? this.methodCall(rest, line) : this.variable(rest, line).read();
    this.scopes.pop();
    const rt = value.type.k === "void" ? "rt.Apex.safeRun" : "rt.Apex.safe";
    const code = `${rt}(${receiver.code}, (${javaType(receiver.type)} ${param}) -> ${value.code})`;
    return { code, type: value.type, statement: code };
  }

  // ---- calls -----------------------------------------------------------------------------------------

  methodCall(node, line) {
    if (node.isSafeNav) return this.safeNavigation(node, line);
    const names = node.names;
    const methodName = names[names.length - 1].value;
    const args = (node.inputParameters ?? []).map((a) => this.expr(a));
    // The receiver: an expression, a type (static call), or nothing (this class).
    let receiver = null;
    let staticType = null;
    if (node.dottedExpr || names.length > 1) {
      const prefix = {
        $: "Expr$VariableExpr",
        dottedExpr: node.dottedExpr,
        names: names.slice(0, -1),
        isSafeNav: false
      };
      if (prefix.names.length === 0) receiver = this.expr(node.dottedExpr);
      else {
        const first = node.dottedExpr ? null : this.tryType(prefix.names);
        if (first) staticType = first;
        else receiver = this.variable(prefix, line).read();
      }
    }
    if (staticType) return this.callOn(staticType, null, methodName, args, line, true);
    if (receiver) return this.callOn(receiver.type, receiver, methodName, args, line, false);
    return this.unqualifiedCall(methodName, args, line);
  }

  /** A dotted name that is wholly a type (for static calls), unless a local or field shadows it. */
  tryType(names) {
    const lc = names[0].value.toLowerCase();
    if (this.local(lc) || this.findField(this.cls, lc, true)) return null;
    const type = this.tr.lookupType(
      names.map((n) => n.value),
      [],
      this.cls
    );
    if (type?.k === "class") this.tr.useClass(type.cls);
    return type;
  }

  unqualifiedCall(name, args, line) {
    const lc = name.toLowerCase();
    for (let c = this.cls; c; c = c.outer) {
      const candidates = [];
      for (const l of c.lineage()) candidates.push(...(l.methods.get(lc) ?? []));
      if (candidates.length) {
        const method = this.choose(
          candidates.map((m) => this.userCandidate(m)),
          args,
          name,
          line
        );
        const decl = method.decl;
        if (!decl.isStatic && (c !== this.cls || this.isStatic))
          this.fail(line, `instance method ${name} called from a static context`);
        const recv = decl.isStatic ? decl.cls.javaName : "this";
        return this.emitCall(method, { code: recv }, args, line);
      }
    }
    return this.fail(line, `unknown method ${name}`);
  }

  userCandidate(method) {
    const sig = this.tr.signatureOf(method);
    return { name: method.name, params: sig.params, returns: sig.returns, decl: method };
  }

  callOn(type, receiver, name, args, line, isStatic) {
    const lc = name.toLowerCase();
    let candidates = [];
    if (type.k === "class") {
      if (type.cls.kind === "enum" && isStatic && lc === "values") {
        return { code: `rt.ApexList.of(${type.cls.javaName}.values())`, type: listOf(type) };
      }
      for (const l of this.supertypesOf(type.cls)) {
        candidates.push(
          ...(l.methods.get(lc) ?? [])
            .filter((m) => m.isStatic === isStatic)
            .map((m) => this.userCandidate(m))
        );
      }
      if (type.cls.kind === "enum" && !isStatic && (lc === "name" || lc === "ordinal")) {
        return lc === "name"
          ? { code: `${receiver.code}.name()`, type: STRING }
          : { code: `((Integer) ${receiver.code}.ordinal())`, type: INTEGER };
      }
      if (type.cls.isException && !isStatic) candidates.push(...libraryMethods(EXCEPTION(), name, false));
    } else if (type.k === "sobject") {
      if (isStatic && type.obj.isMetadata && (lc === "getall" || lc === "getinstance")) {
        return this.customMetadataAccess(type, lc, args, line);
      }
      candidates = libraryMethods(sys("SObject"), name, isStatic);
      this.tr.sobjectUsed = true;
    }
    if (!candidates.length) candidates = libraryMethods(type, name, isStatic);
    if (!candidates.length) {
      return this.fail(
        line,
        `${isStatic ? "static " : ""}${show(type)}.${name}(${args.map((a) => show(a.type)).join(", ")}) is not translated (not in the runtime library)`
      );
    }
    const method = this.choose(candidates, args, `${show(type)}.${name}`, line);
    return this.emitCall(method, receiver ?? { code: javaRawType(type) }, args, line);
  }

  *supertypesOf(cls) {
    const seen = new Set();
    const stack = [cls];
    while (stack.length) {
      const c = stack.shift();
      if (!c || seen.has(c)) continue;
      seen.add(c);
      yield c;
      for (const t of [c.superType, ...(c.interfaceTypes ?? [])]) if (t?.k === "class") stack.push(t.cls);
    }
  }

  customMetadataAccess(type, lc, args, line) {
    const obj = type.obj;
    this.tr.sobjectUsed = true;
    if (lc === "getall") {
      if (args.length) this.fail(line, `${obj.name}.getAll() takes no arguments`);
      return { code: `${obj.javaName}.getAll()`, type: mapOf(STRING, type) };
    }
    if (args.length !== 1) this.fail(line, `${obj.name}.getInstance() takes one argument`);
    return { code: `${obj.javaName}.getInstance(${this.coerce(args[0], STRING, line)})`, type };
  }

  /**
   * Chooses among overloads as Apex does: candidates with the right number of arguments whose parameters
   * accept the arguments without conversion first, then with numeric widening; the most specific wins.
   */
  choose(candidates, args, what, line) {
    const arity = candidates.filter((c) => c.params.length === args.length);
    for (const phase of ["exact", "convert"]) {
      const applicable = arity.filter((c) =>
        c.params.every((p, i) => {
          const a = assignable(args[i].type, p);
          return a === "exact" || (phase === "convert" && a === "convert");
        })
      );
      if (applicable.length === 1) return applicable[0];
      if (applicable.length > 1) {
        const best = applicable.filter((c) =>
          applicable.every((o) => o === c || c.params.every((p, i) => assignable(p, o.params[i])))
        );
        if (best.length >= 1) return best[0];
        this.fail(line, `ambiguous call ${what}(${args.map((a) => show(a.type)).join(", ")})`);
      }
    }
    return this.fail(
      line,
      `no ${what} takes (${args.map((a) => show(a.type)).join(", ")}); known: ${candidates
        .map((c) => `(${c.params.map(show).join(", ")})`)
        .join(" ")}`
    );
  }

  emitCall(method, receiver, args, line) {
    const argCodes = method.params.map((p, i) => this.coerce(args[i], p, line));
    if (method.library) {
      const code = method.emit(receiver.code, argCodes);
      return { code, type: method.returns };
    }
    const decl = method.decl;
    this.tr.require(decl);
    const name = this.tr.spelling(decl.name);
    const call = `${receiver.code}.${name}(${argCodes.join(", ")})`;
    // Java's equals/hashCode return primitives; box them to keep Apex's Boolean/Integer.
    if (name === "equals" || name === "hashCode") {
      return { code: `((${javaType(method.returns)}) ${call})`, type: method.returns, statement: call };
    }
    return { code: call, type: method.returns };
  }

  constructorCall(keyword, cls, params, line) {
    const args = (params ?? []).map((a) => this.expr(a));
    const candidates = cls.ctors.map((c) => this.userCandidate(c));
    if (!candidates.length && args.length === 0) return { code: `${keyword}()`, type: VOID };
    const ctor = this.choose(candidates, args, `${cls.apexName} constructor`, line);
    this.tr.require(ctor.decl);
    const code = `${keyword}(${ctor.params.map((p, i) => this.coerce(args[i], p, line)).join(", ")})`;
    return { code, type: VOID };
  }

  /** super(message) etc. in a custom exception's constructor. */
  superExceptionCall(node, line) {
    if (!this.cls.isException) this.fail(line, "super(...) outside a subclass");
    const args = (node.inputParameters ?? []).map((a) => this.expr(a));
    return { code: `super(${this.exceptionArgs(args, line)})`, type: VOID };
  }

  exceptionArgs(args, line) {
    // Exception(), Exception(String), Exception(Exception), Exception(String, Exception).
    const shapes = [[], [STRING], [EXCEPTION()], [STRING, EXCEPTION()]];
    const shape = shapes.find(
      (s) => s.length === args.length && s.every((p, i) => assignable(args[i].type, p))
    );
    if (!shape)
      this.fail(line, `no exception constructor takes (${args.map((a) => show(a.type)).join(", ")})`);
    return shape.map((p, i) => this.coerce(args[i], p, line)).join(", ");
  }

  // ---- new -------------------------------------------------------------------------------------------

  newExpr(creator, line) {
    const types = (creator.types ?? []).map((t) => this.tr.resolveType(t, this.cls));
    switch (creator.$) {
      case "NewObject$NewStandard": {
        const type = this.tr.resolveType(creator.type, this.cls);
        const args = (creator.inputParameters ?? []).map((a) => this.expr(a));
        return this.construct(type, args, line);
      }
      case "NewObject$NewKeyValue": {
        const type = this.tr.resolveType(creator.type, this.cls);
        if (type.k !== "sobject") this.fail(line, `new ${show(type)}(Field = value) on a non-SObject`);
        this.tr.sobjectUsed = true;
        const temp = this.temp("record");
        this.scopes.push(new Map([[temp.toLowerCase(), { name: temp, type }]]));
        const sets = creator.keyValues.map((kv) => {
          const field = this.instanceField({ code: temp, type }, kv.name, line);
          return `${field.write(this.coerce(this.expr(kv.value), field.type, line))};`;
        });
        this.scopes.pop();
        // A switch expression is Java's block expression: no lambda, whose class the JVM would spin again each
        // time the test runner loads the translated classes afresh (about 150 in IntelligenceTestRules alone).
        const code = `(switch (0) { default -> { ${type.obj.javaName} ${temp} = new ${type.obj.javaName}(); ${sets.join(" ")} yield ${temp}; } })`;
        // Java takes a method call as a statement, not a switch expression
        return { code, type, statement: `java.util.Objects.requireNonNull(${code})` };
      }
      case "NewObject$NewListInit": {
        const el = types[0];
        if (!creator.expr) return { code: `new rt.ApexList<${javaType(el)}>()`, type: listOf(el) };
        const source = this.expr(creator.expr);
        if (isNumeric(source.type)) {
          return {
            code: `rt.ApexList.<${javaType(el)}>ofSize(${this.coerce(source, INTEGER, line)})`,
            type: listOf(el)
          };
        }
        if (source.type.k !== "list" && source.type.k !== "set")
          this.fail(line, `new List from a ${show(source.type)}`);
        return {
          code: `new rt.ApexList<${javaType(el)}>(${this.coerce(source, listOrSetOf(source.type, el), line)})`,
          type: listOf(el)
        };
      }
      case "NewObject$NewSetInit": {
        const el = types[0];
        if (!creator.expr) return { code: `new rt.ApexSet<${javaType(el)}>()`, type: setOf(el) };
        const source = this.expr(creator.expr);
        if (source.type.k !== "list" && source.type.k !== "set")
          this.fail(line, `new Set from a ${show(source.type)}`);
        return {
          code: `new rt.ApexSet<${javaType(el)}>(${this.coerce(source, listOrSetOf(source.type, el), line)})`,
          type: setOf(el)
        };
      }
      case "NewObject$NewMapInit": {
        const type = mapOf(types[0], types[1]);
        if (!creator.expr) return { code: `new ${javaType(type)}()`, type };
        const source = this.expr(creator.expr);
        if (source.type.k !== "map")
          this.fail(line, `new Map from a ${show(source.type)} (only a map is copied)`);
        return { code: `new ${javaType(type)}(${this.coerce(source, type, line)})`, type };
      }
      case "NewObject$NewListLiteral":
      case "NewObject$NewSetLiteral": {
        const el = types[0];
        const values = creator.values.map((v) => this.coerce(this.expr(v), el, line));
        const isList = creator.$ === "NewObject$NewListLiteral";
        const type = isList ? listOf(el) : setOf(el);
        return {
          code: `${isList ? "rt.ApexList" : "rt.ApexSet"}.<${javaType(el)}>of(${values.join(", ")})`,
          type
        };
      }
      case "NewObject$NewMapLiteral": {
        const type = mapOf(types[0], types[1]);
        const pairs = creator.pairs.map(
          (p) =>
            `${this.coerce(this.expr(p.key), type.key, line)}, ${this.coerce(this.expr(p.value), type.val, line)}`
        );
        return {
          code: `rt.ApexMap.<${javaType(type.key)}, ${javaType(type.val)}>of(${pairs.join(", ")})`,
          type
        };
      }
      default:
        return this.fail(line, `unsupported new: ${describe(creator.$)}`);
    }
  }

  construct(type, args, line) {
    if (type.k === "class") {
      const cls = type.cls;
      this.tr.useClass(cls);
      if (cls.isAbstract) this.fail(line, `new on abstract ${cls.apexName}`);
      if (cls.isException && cls.ctors.length === 0) {
        return { code: `new ${cls.javaName}(${this.exceptionArgs(args, line)})`, type };
      }
      if (cls.ctors.length === 0) {
        if (args.length) this.fail(line, `${cls.apexName} has no constructor taking arguments`);
        return { code: `new ${cls.javaName}()`, type };
      }
      const ctor = this.choose(
        cls.ctors.map((c) => this.userCandidate(c)),
        args,
        `${cls.apexName} constructor`,
        line
      );
      this.tr.require(ctor.decl);
      return {
        code: `new ${cls.javaName}(${ctor.params.map((p, i) => this.coerce(args[i], p, line)).join(", ")})`,
        type
      };
    }
    if (type.k === "sobject") {
      if (args.length) this.fail(line, `new ${type.obj.name}(...) with arguments`);
      this.tr.sobjectUsed = true;
      return { code: `new ${type.obj.javaName}()`, type };
    }
    if (type.k === "list" || type.k === "set" || type.k === "map") {
      if (args.length) this.fail(line, `new ${show(type)}(...) with arguments`);
      return { code: `new ${javaType(type)}()`, type };
    }
    if (type.k === "sys" && type.lib.exception) {
      return {
        code: `new ${type.lib.java === "RuntimeException" ? "rt.ApexException" : type.lib.java}(${this.exceptionArgs(args, line)})`,
        type
      };
    }
    return this.fail(line, `new ${show(type)} is not translated`);
  }

  // ---- operators -------------------------------------------------------------------------------------

  assignment(node, line) {
    const op = node.op.$;
    const target = this.assignTarget(node.left, line);
    let value = this.expr(node.right);
    if (op !== "EQUALS") {
      const binaryOp = COMPOUND_OPS[op];
      if (!binaryOp) this.fail(line, `unsupported assignment operator ${op}`);
      if (!target.simple) this.fail(line, `${op} on a computed target (assign the result instead)`);
      value =
        binaryOp === "AND" || binaryOp === "OR"
          ? this.logical(binaryOp, target.read(), value, line)
          : this.binary(binaryOp, target.read(), value, line);
    }
    const code = target.write(this.coerce(value, target.type, line));
    return { code: `(${code})`, type: target.type, statement: code };
  }

  /** The left side of an assignment: a local, a field, or a list element. */
  assignTarget(node, line) {
    if (node.$ === "Expr$ArrayExpr") {
      const list = this.expr(node.expr);
      if (list.type.k !== "list") this.fail(line, `[] on a ${show(list.type)}`);
      const index = this.coerce(this.expr(node.index), INTEGER, line);
      return {
        type: list.type.el,
        simple: false,
        read: () => ({ code: `${list.code}.get(${index})`, type: list.type.el }),
        write: (code) => `${list.code}.set(${index}, ${code})`
      };
    }
    if (node.$ !== "Expr$VariableExpr") this.fail(line, `cannot assign to ${describe(node.$)}`);
    if (node.isSafeNav) this.fail(line, "assignment through ?.");
    const target = this.variable(node, line);
    if (!target.write) this.fail(line, `${node.names.map((n) => n.value).join(".")} cannot be assigned`);
    return { ...target, simple: !node.dottedExpr || node.dottedExpr.$ === "Expr$ThisVariableExpr" };
  }

  increment(node, op, prefix, line) {
    const target = this.assignTarget(node, line);
    if (!target.simple) this.fail(line, "++/-- on a computed target");
    if (!isNumeric(target.type) || target.type.name === "Decimal")
      this.fail(line, `++/-- on a ${show(target.type)}`);
    const javaOp = op === "INC" ? "++" : "--";
    const current = target.read().code;
    // Java's ++ on a boxed Integer/Long/Double unboxes, adds and reboxes, and throws NullPointerException on
    // null, as Apex does.
    const code = prefix ? `${javaOp}${current}` : `${current}${javaOp}`;
    return {
      code: `(${target.type.name === "Integer" ? "(Integer) " : ""}(${code}))`,
      type: target.type,
      statement: code
    };
  }

  prefix(node, line) {
    const op = node.op.$;
    if (op === "INC" || op === "DEC") return this.increment(node.expr, op, true, line);
    const value = this.expr(node.expr);
    if (op === "NOT") {
      if (!isBoolean(value.type)) this.fail(line, `! on a ${show(value.type)}`);
      return { code: `(!${value.code})`, type: BOOLEAN };
    }
    if (op === "NEGATIVE") {
      if (!isNumeric(value.type)) this.fail(line, `- on a ${show(value.type)}`);
      return { code: `rt.Ops.negate(${value.code})`, type: value.type };
    }
    if (op === "POSITIVE") return value;
    return this.fail(line, `unsupported operator ${op}`);
  }

  binary(op, left, right, line) {
    if (op === "ADDITION" && (isStringLike(left.type) || isStringLike(right.type))) {
      // String + anything: the other side as String.valueOf would write it; null as "null".
      return { code: `rt.Ops.concat(${left.code}, ${right.code})`, type: STRING };
    }
    const name = ARITHMETIC[op];
    if (!name) return this.fail(line, `unsupported operator ${op}`);
    if (!isNumeric(left.type) || !isNumeric(right.type)) {
      this.fail(line, `${op.toLowerCase()} of ${show(left.type)} and ${show(right.type)}`);
    }
    const type = widerNumeric(left.type, right.type);
    return {
      code: `rt.Ops.${name}(${this.coerce(left, type, line)}, ${this.coerce(right, type, line)})`,
      type
    };
  }

  logical(op, left, right, line) {
    if (!isBoolean(left.type) || !isBoolean(right.type))
      this.fail(line, `${op} of ${show(left.type)} and ${show(right.type)}`);
    return { code: `(${left.code} ${op === "AND" ? "&&" : "||"} ${right.code})`, type: BOOLEAN };
  }

  booleanExpr(node, line) {
    const op = node.op.$;
    const left = this.expr(node.left);
    const right = this.expr(node.right);
    if (op === "AND" || op === "OR") return this.logical(op, left, right, line);
    if (op === "DOUBLE_EQUAL" || op === "NOT_EQUAL" || op === "ALT_NOT_EQUAL") {
      const not = op !== "DOUBLE_EQUAL";
      if (left.type.k === "null" || right.type.k === "null") {
        return { code: `(${left.code} ${not ? "!=" : "=="} ${right.code})`, type: BOOLEAN };
      }
      // Apex == compares values: Strings case-insensitively, numbers by value, collections and SObjects by
      // content, other objects by equals() (Apex Developer Guide, "Expression Operators").
      return { code: `${not ? "!" : ""}rt.Ops.eq(${left.code}, ${right.code})`, type: BOOLEAN };
    }
    if (op === "TRIPLE_EQUAL" || op === "NOT_TRIPLE_EQUAL") {
      return { code: `(${left.code} ${op === "TRIPLE_EQUAL" ? "==" : "!="} ${right.code})`, type: BOOLEAN };
    }
    const name = COMPARISON[op];
    if (!name) return this.fail(line, `unsupported operator ${op}`);
    if (isNumeric(left.type) && isNumeric(right.type)) {
      const type = widerNumeric(left.type, right.type);
      return {
        code: `rt.Ops.${name}(${this.coerce(left, type, line)}, ${this.coerce(right, type, line)})`,
        type: BOOLEAN
      };
    }
    const isDatetime = (t) => t.k === "sys" && t.lib.name === "Datetime";
    if (
      (isStringLike(left.type) && isStringLike(right.type)) ||
      (isDatetime(left.type) && isDatetime(right.type))
    ) {
      return { code: `rt.Ops.${name}(${left.code}, ${right.code})`, type: BOOLEAN };
    }
    return this.fail(line, `${op.toLowerCase()} of ${show(left.type)} and ${show(right.type)}`);
  }

  /** The type of an expression that is one of two values (?: and ??). */
  commonType(a, b) {
    if (a.k === "null") return b;
    if (b.k === "null") return a;
    if (isNumeric(a) && isNumeric(b)) return widerNumeric(a, b);
    if (assignable(b, a) === "exact") return a;
    if (assignable(a, b) === "exact") return b;
    return OBJECT;
  }

  /** left ?? right: right only when left is null, and evaluated only then. */
  nullCoalescing(node, line) {
    const a = this.expr(node.left);
    const b = this.expr(node.right);
    const type = this.commonType(a.type, b.type);
    if (type.k === "null") return { code: "null", type: NULL };
    const jt = javaType(type);
    return {
      code: `rt.Apex.<${jt}>coalesce(${this.coerce(a, type, line)}, () -> ${this.coerce(b, type, line)})`,
      type
    };
  }

  ternary(node, line) {
    const cond = this.condition(node.condition, line);
    const a = this.expr(node.trueExpr);
    const b = this.expr(node.falseExpr);
    const type = this.commonType(a.type, b.type);
    if (type.k === "null") return { code: `(${cond} ? null : null)`, type: NULL };
    // Both branches as the boxed type: Java would otherwise unbox `c ? 1 : nullableInteger` and throw.
    const jt = javaType(type);
    return {
      code: `(${cond} ? (${jt}) ${this.coerce(a, type, line)} : (${jt}) ${this.coerce(b, type, line)})`,
      type
    };
  }

  cast(node, line) {
    const type = this.tr.resolveType(node.type, this.cls);
    const value = this.expr(node.expr);
    if (assignable(value.type, type)) return { code: this.coerce(value, type, line), type };
    // A downcast: checked at run time. Apex throws TypeException where Java throws ClassCastException.
    if (type.k === "list" || type.k === "set" || type.k === "map") {
      return { code: `rt.Apex.<${javaType(type)}>cast(${value.code}, ${javaRawType(type)}.class)`, type };
    }
    return { code: `rt.Apex.<${javaType(type)}>cast(${value.code}, ${javaRawType(type)}.class)`, type };
  }

  /** The Java code of a value converted to a type, as Apex converts on assignment and argument passing. */
  coerce(value, to, line) {
    const from = value.type;
    if (to.k === "void") this.fail(line, "a value where none is expected");
    const how = assignable(from, to);
    if (!how) this.fail(line, `a ${show(from)} where a ${show(to)} is expected`);
    if (from.k === "null") return to.k === "object" ? "null" : `(${javaType(to)}) null`;
    if (how === "convert") return `rt.Num.to${to.name}(${value.code})`;
    if (to.k === "object" || sameType(from, to)) return value.code;
    if (["list", "set", "map"].includes(from.k)) return `rt.Apex.<${javaType(to)}>unchecked(${value.code})`;
    return value.code;
  }
}

function listOrSetOf(sourceType, el) {
  return sourceType.k === "list" ? listOf(el) : setOf(el);
}

/** A readable name for a jorje node kind in messages: "Stmnt$DmlInsertStmnt" → "DML insert statement". */
function describe(kind) {
  const known = {
    Expr$SoqlExpr: "SOQL query (needs a database)",
    Expr$SoslExpr: "SOSL search (needs a database)",
    Stmnt$DmlInsertStmnt: "DML insert (needs a database)",
    Stmnt$DmlUpdateStmnt: "DML update (needs a database)",
    Stmnt$DmlUpsertStmnt: "DML upsert (needs a database)",
    Stmnt$DmlDeleteStmnt: "DML delete (needs a database)",
    Stmnt$DmlUndeleteStmnt: "DML undelete (needs a database)",
    Stmnt$DmlMergeStmnt: "DML merge (needs a database)",
    Stmnt$RunAsBlock: "System.runAs block (needs users)"
  };
  return known[kind] ?? kind;
}
