// The project's Apex as a model the Apex rules share (apex-rules.mjs): classes with their members, the
// static type of an expression where the source states it (declarations, parameters, casts, `new`,
// list/map element access), and a scoped walk over every method body. Anything the model cannot type
// (generic SObject, method results other than list/map get, inherited members of platform classes) is
// `null`: rules stay silent there rather than guess.
import { idOf, modifiersOf, parseApex, typeOf, untilStable } from "./apex-ast.mjs";
import { walk } from "./project.mjs";
import { CUSTOM_SUFFIX, readObjectModel } from "./sobject-model.mjs";
import { isStandardObject } from "./standard-sobjects.mjs";

/** Names of both a system class and an SObject, used in Apex as the class (Site.getBaseUrl(), Url.getOrgDomainUrl()). */
const SYSTEM_CLASS_NAMES = new Set(["site", "location", "address", "url", "network", "domain", "approval"]);
/** SObject-like types whose field names are aliases chosen in the query (AggregateResult.get('total')). */
const ALIAS_TYPES = new Set(["aggregateresult"]);

/** The Apex of the folders on Salesforce's parser and its model (with the folders' objects and fields). */
export async function readApexModel(dirs, namespace) {
  const files = dirs.flatMap((d) => walk(d)).filter((f) => /\.(cls|trigger)$/.test(f));
  const parsed = await parseApex(files);
  return { files, parsed, model: buildApexModel(parsed, readObjectModel(dirs, namespace)) };
}

/** The project's Apex classes (inner classes as outer.inner) and triggers. */
export function buildApexModel(parsed, objectModel) {
  const classes = new Map();
  const triggers = [];
  const addClass = (decl, file, outer) => {
    const name = idOf(decl.name);
    const qualified = outer ? `${outer.qualified}.${name}` : name;
    const { annotations, kinds } = modifiersOf(decl.modifiers);
    const info = {
      name,
      qualified,
      display: outer ? `${outer.display}.${decl.name.value}` : decl.name.value,
      file,
      decl,
      outer,
      kind: decl.$, // ClassDecl, InterfaceDecl, EnumDecl
      annotations,
      kinds,
      isTest: annotations.has("istest") || Boolean(outer?.isTest), // an inner class of a test class is test code
      superClass: typeOf(decl.superClass)?.name ?? null,
      interfaces: (decl.interfaces ?? []).map((t) => typeOf(t)?.name).filter(Boolean),
      fields: new Map(), // lower name -> { type, value }
      methods: [], // { name, decl, annotations, kinds, isConstructor }
      initializers: [] // field initial values and initializer blocks
    };
    classes.set(qualified, info);
    for (const member of decl.members ?? []) {
      if (member.$ === "BlockMember$FieldMember") {
        for (const d of member.variableDecls.decls) {
          // value: the initial value's expression, when the declaration gives one
          info.fields.set(idOf(d.name), { type: typeOf(member.variableDecls.type), value: d.assignment });
          if (d.assignment) info.initializers.push(d.assignment);
        }
      } else if (member.$ === "BlockMember$PropertyMember") {
        const p = member.propertyDecl;
        info.fields.set(idOf(p.name), { type: typeOf(p.type) });
        for (const accessor of [p.getter, p.setter])
          if (accessor?.stmnt) info.initializers.push(accessor.stmnt);
      } else if (member.$ === "BlockMember$MethodMember") {
        const m = member.methodDecl;
        const method = { name: idOf(m.name), display: m.name.value, decl: m, ...modifiersOf(m.modifiers) };
        info.methods.push({ ...method, isConstructor: !m.type && method.name === name });
      } else if (/^BlockMember\$Inner(Class|Interface)Member$/.test(member.$)) {
        addClass(member.body, file, info);
      } else if (/^BlockMember\$(Static)?StmntBlockMember$/.test(member.$)) {
        info.initializers.push(member.stmnt);
      }
    }
  };
  for (const { file, unit } of parsed) {
    if (!unit) continue;
    if (unit.$ === "CompilationUnit$TriggerDeclUnit") {
      const target = (unit.target ?? []).map((t) => t.value).join("."); // as written
      triggers.push({
        name: idOf(unit.name),
        display: unit.name.value,
        line: unit.name.line ?? 1,
        file,
        target,
        object: objectModel.stripNs(target).toLowerCase(),
        members: unit.members
      });
    } else if (unit.body) {
      addClass(unit.body, file, null);
    }
  }
  return new ApexModel(classes, triggers, objectModel);
}

class ApexModel {
  families = new Map(); // a class's family (family()), kept: the call graph asks per call
  constructor(classes, triggers, objects) {
    Object.assign(this, { classes, triggers, objects });
  }

  /** The class a type name means from inside `from` (inner classes first), or null. */
  classNamed(name, from = null) {
    const lower = name.toLowerCase();
    for (let c = from; c; c = c.outer)
      if (this.classes.has(`${c.qualified}.${lower}`)) return this.classes.get(`${c.qualified}.${lower}`);
    return this.classes.get(lower) ?? null;
  }

  /** The SObject a type name means (custom or standard, namespace-stripped, lower case), or null. */
  sobjectNamed(name) {
    if (!name) return null;
    const lower = this.objects.stripNs(name).toLowerCase();
    if (this.objects.objects.has(lower) && !this.isStandard(lower)) return lower;
    if (SYSTEM_CLASS_NAMES.has(lower) || ALIAS_TYPES.has(lower) || this.classes.has(lower)) return null;
    return isStandardObject(lower) ? lower : null;
  }

  isStandard(sobject) {
    return !CUSTOM_SUFFIX.test(sobject);
  }

  /**
   * A field (or relationship) name on an SObject: { known: false when the model cannot say (another package's
   * namespace; a custom object's standard fields, which apex-ls checks), exists, target: a relationship's SObject }.
   */
  field(sobject, rawName) {
    const name = this.objects.stripNs(rawName).toLowerCase();
    // Lead.SObjectType resolves to the type even where a variable named `lead` is in scope
    const unknown = { known: false, exists: true, target: null };
    if (name === "sobjecttype" || /^[a-z0-9]+__\w+__[cr]$/.test(name)) return unknown;
    if (!this.isStandard(sobject) && !/__[cr]$/.test(name)) return unknown;
    const { exists, target } = this.objects.field(sobject, name);
    return { known: true, exists, target: target ? this.sobjectNamed(target) : null };
  }

  /** The classes a bare name is looked up in from inside cls: itself, its superclasses, its outer classes. */
  ownLookupClasses(cls) {
    const out = [];
    for (let c = cls; c; c = c.outer)
      for (let s = c; s && !out.includes(s); s = s.superClass ? this.classNamed(s.superClass, s) : null)
        out.push(s);
    return out;
  }

  /** The first non-constructor method of that name in the classes, as { cls, method }, or null. */
  methodNamed(classes, name) {
    for (const cls of classes) {
      const method = cls.methods.find((m) => m.name === name && !m.isConstructor);
      if (method) return { cls, method };
    }
    return null;
  }

  /** Project classes that implement or extend a platform type (Callable, Comparable, Queueable). */
  implementersOf(typeName) {
    const lower = typeName.toLowerCase().replace(/^system\./, "");
    return [...this.classes.values()].filter((c) =>
      [c.superClass, ...c.interfaces].some((n) => n && n.replace(/^system\./, "") === lower)
    );
  }

  /** The class and every class extending or implementing it, transitively. */
  family(cls) {
    if (this.families.has(cls)) return this.families.get(cls);
    const out = new Set([cls]);
    const isChild = (c) => [c.superClass, ...c.interfaces].some((n) => n && out.has(this.classNamed(n, c)));
    untilStable([...this.classes.values()], (c) => {
      if (out.has(c) || !isChild(c)) return false;
      out.add(c);
      return true;
    });
    return this.families.set(cls, [...out]).get(cls);
  }

  /** A member (field or property) of a class or its project superclasses and outer classes. */
  memberType(cls, name) {
    for (let c = cls; c; c = c.superClass ? this.classNamed(c.superClass, c) : null)
      if (c.fields.has(name)) return c.fields.get(name).type;
    return null;
  }
}

/** Walks every body and trigger with its typed locals: visit(node, { cls, method, trigger, file, lookup, runAs }). */
export function walkBodies(model, visit) {
  for (const cls of model.classes.values()) {
    const base = { cls, method: null, trigger: null, file: cls.file };
    walkScoped(model, cls.initializers, base, visit); // each opens its own scope: none declares a local outside it
    for (const method of cls.methods) {
      const params = new Map((method.decl.parameters ?? []).map((p) => [idOf(p.name), typeOf(p.typeRef)]));
      walkScoped(model, method.decl.stmnt, { ...base, method }, visit, [params]);
    }
  }
  for (const trigger of model.triggers)
    walkScoped(model, trigger.members, { cls: null, method: null, trigger, file: trigger.file }, visit);
}

const SCOPES = new Set(["Stmnt$BlockStmnt", "Stmnt$ForLoop", "CatchBlock"]); // nodes that open a scope of locals
function walkScoped(model, root, base, visit, initialScopes = []) {
  const scopes = [...initialScopes, new Map()];
  const runAs = [];
  const lookup = (name) => {
    for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i].has(name)) return scopes[i].get(name);
    // undefined when no member has a type: callers tell a local or member from a class name or a system call
    for (let c = base.cls; c; c = c.outer) {
      const type = model.memberType(c, name);
      if (type) return type;
    }
    return undefined;
  };
  const ctx = { ...base, lookup, runAs };
  const declare = (name, type) => scopes[scopes.length - 1].set(idOf(name), type);
  const go = (node) => {
    if (Array.isArray(node)) return node.forEach(go);
    if (node === null || typeof node !== "object" || node.$ === "Id") return;
    const opens = SCOPES.has(node.$);
    if (opens) scopes.push(new Map());
    if (node.$ === "Stmnt$VariableDeclStmnt") {
      for (const d of node.variableDecls.decls) declare(d.name, typeOf(node.variableDecls.type));
    } else if (node.$ === "ForControl$EnhancedForControl") {
      for (const n of node.init?.name ?? []) declare(n, typeOf(node.type));
    } else if (node.$ === "ForInits") {
      for (const init of node.inits ?? []) for (const n of init.name ?? []) declare(n, typeOf(node.type));
    } else if (node.$ === "CatchBlock") {
      declare(node.parameter.name, typeOf(node.parameter.typeRef));
    }
    visit(node, ctx);
    if (node.$ === "Stmnt$RunAsBlock") {
      go(node.inputParameters);
      runAs.push(node);
      go(node.stmnt);
      runAs.pop();
    } else {
      for (const [key, value] of Object.entries(node))
        if (key !== "$" && value && typeof value === "object") go(value);
    }
    if (opens) scopes.pop();
  };
  go(root);
}

/** Static type of an expression, or null; each SObject field it passes through goes to onField(sobject, nameId). */
const exprType = (model, expr, ctx, onField = () => {}) =>
  withClass(model, rawExprType(model, expr, ctx, onField), ctx.cls);

function rawExprType(model, expr, ctx, onField) {
  if (!expr) return null;
  switch (expr.$) {
    case "Expr$NestedExpr":
      return exprType(model, expr.expr, ctx, onField);
    case "Expr$CastExpr":
      exprType(model, expr.expr, ctx, onField);
      return typeOf(expr.type);
    case "Expr$NewExpr":
      return typeOf(expr.creator?.type);
    case "Expr$ThisVariableExpr":
      return ctx.cls ? { name: ctx.cls.qualified, args: [], cls: ctx.cls } : null;
    case "Expr$SoqlExpr": {
      const table = expr.query?.from?.exprs?.[0]?.table?.field;
      return table ? { name: "list", args: [{ name: idOf(table), args: [] }] } : null;
    }
    case "Expr$ArrayExpr": {
      const t = exprType(model, expr.expr, ctx, onField);
      return t && ["list", "set"].includes(t.name) ? (t.args[0] ?? null) : null;
    }
    case "Expr$VariableExpr":
      return pathType(model, expr.dottedExpr, expr.names, ctx, onField);
    case "Expr$MethodCallExpr": {
      const { name, own, receiver, system, classes } = callOf(model, expr, ctx, onField);
      const m = classes && model.methodNamed(classes, name);
      if (m) return returnType(model, m);
      if (classes) return own ? PLATFORM : null;
      if (receiver?.name === "map" && name === "get") return receiver.args[1] ?? null;
      if (receiver?.name === "list" && name === "get") return receiver.args[0] ?? null;
      if (receiver && model.sobjectNamed(receiver.name) && name === "clone") return receiver;
      return receiver || system ? PLATFORM : null;
    }
    default:
      return null;
  }
}

/**
 * A method call as { name, own: a bare call of an own method, receiver: the type it is called on (null: untyped), system:
 * a static call on a system class (Database.query), classes: the project classes it may reach (null: not known) }.
 */
export function callOf(model, call, ctx, onField = () => {}) {
  const names = call.names ?? [];
  const name = idOf(names.at(-1));
  if (names.length === 1 && !call.dottedExpr)
    return { name, own: true, receiver: null, classes: model.ownLookupClasses(ctx.cls) };
  const receiver = pathType(model, call.dottedExpr, names.slice(0, -1), ctx, onField);
  const first = idOf(names[0]);
  const system =
    !receiver && !call.dottedExpr && ctx.lookup?.(first) === undefined && !model.classNamed(first, ctx.cls);
  return { name, own: false, receiver, system, classes: receiver?.cls ? model.family(receiver.cls) : null };
}

/** The type a dotted name path ends at (from a variable, `this`, a class or an SObject token), fields to onField. */
export function pathType(model, dotted, names, ctx, onField = () => {}) {
  const start = dotted
    ? { type: exprType(model, dotted, ctx, onField), next: 0 }
    : pathStart(model, names, ctx, onField);
  let type = start?.type ?? null;
  for (let i = start?.next ?? 0; i < names.length && type; i++) {
    const sobject = model.sobjectNamed(type.name);
    if (sobject) {
      onField(sobject, names[i]);
      const f = model.field(sobject, names[i].value ?? names[i]);
      type = f.target ? { name: f.target, args: [] } : null;
      continue;
    }
    const cls = type.cls ?? model.classNamed(type.name, ctx.cls);
    type = cls ? withClass(model, model.memberType(cls, idOf(names[i])), cls) : null;
  }
  return withClass(model, type, ctx.cls);
}

/**
 * Where a path of names starts, as { type, next } (next: the index of the first name after the start): a local or a
 * member (its first name), a field token (reported to onField; the whole path), or a class name (possibly qualified)
 * followed by a static member; null for none of these.
 */
function pathStart(model, names, ctx, onField) {
  if (names.length === 0) return null;
  const local = ctx.lookup?.(idOf(names[0]));
  if (local !== undefined) return { type: local, next: 1 };
  const token = sobjectToken(model, names);
  if (token) {
    onField(token.sobject, token.field);
    return { type: { name: "schema.sobjectfield", args: [] }, next: names.length };
  }
  for (let j = Math.min(names.length, 3); j >= 1; j--) {
    const cls = model.classNamed(names.slice(0, j).map(idOf).join("."), ctx.cls);
    if (cls) return { type: { name: cls.qualified, args: [], cls }, next: j };
  }
  return null;
}

/** The SObject (lower case) a records expression holds: a record, or a list or set of them; null when untyped. */
export function recordsObject(model, expr, ctx) {
  const type = exprType(model, expr, ctx);
  const element = type && ["list", "set"].includes(type.name) ? type.args[0] : type;
  return (element && model.sobjectNamed(element.name)) || null;
}

/** A static call's name as written, lower case ("database.upsert", "test.starttest"), or null for anything else. */
export const staticCall = (node) =>
  node?.$ === "Expr$MethodCallExpr" && !node.dottedExpr ? (node.names ?? []).map(idOf).join(".") : null;

/** The text of a string literal, or null for any other expression. */
export const stringLiteral = (expr) =>
  expr?.$ === "Expr$LiteralExpr" && typeof expr.literal === "string" ? expr.literal : null;

/** The name of a bare variable (`x`, not `a.x` nor `f().x`), lower case, or null for any other expression. */
export const bareName = (expr) =>
  expr?.$ === "Expr$VariableExpr" && !expr.dottedExpr && expr.names?.length === 1
    ? idOf(expr.names[0])
    : null;

/** A DML statement or Database DML call on records: { operation, records (the expression, or null), call }, or null. */
export function dmlOf(node) {
  const statement = /^Stmnt\$Dml(\w+)Stmnt$/.exec(node.$)?.[1].toLowerCase(); // insert, update, … merge
  if (statement) return { operation: statement, records: node.expr ?? null, call: false };
  const call = /^database\.(insert|update|upsert|delete|undelete|merge)$/.exec(staticCall(node));
  return call && { operation: call[1], records: node.inputParameters?.[0] ?? null, call: true };
}

/** A value whose type is the platform's, never a project class (what exactly does not matter to the rules). */
export const PLATFORM = Object.freeze({ name: "<platform>", args: [] });

/** The declared return type of a project method, with its class when it returns one of ours. */
const returnType = (model, { cls, method }) => withClass(model, typeOf(method.decl.type), cls);

const withClass = (model, type, from) => {
  if (!type || type.cls) return type;
  const cls = model.classNamed(type.name, from);
  return cls ? { ...type, cls } : type;
};

/** A field token ([Schema.]SObjectType.Lead.fields.X, or [Schema.]Lead.X) as { sobject, field }, or null. */
function sobjectToken(model, names) {
  const ids = names.map(idOf);
  let k = ids[0] === "schema" ? 1 : 0;
  if (ids[k] === "sobjecttype" && ids[k + 2] === "fields" && ids.length > k + 3) {
    const sobject = model.sobjectNamed(names[k + 1].value);
    return sobject ? { sobject, field: names[k + 3] } : null;
  }
  if (ids.length > k + 1 && !["sobjecttype", "fields"].includes(ids[k + 1])) {
    const sobject = model.classNamed(ids[k]) ? null : model.sobjectNamed(names[k].value);
    return sobject ? { sobject, field: names[k + 1] } : null;
  }
  return null;
}
