// Apex types as the translator sees them, and how they map to Java types of the runtime (runtime/rt).
// A type is a plain object: { k: "prim", name } for String/Id/Integer/Long/Decimal/Double/Boolean;
// { k: "list" | "set", el }; { k: "map", key, val }; { k: "class", cls } for a translated Apex class;
// { k: "sobject", obj } for a custom object or custom metadata type; { k: "sys", lib, args } for a
// system class of the library (Pattern, Matcher, Datetime, exceptions, ...); { k: "object" }; { k: "null" };
// { k: "void" }; { k: "var", name } for T/K/V inside library signatures.

export const VOID = { k: "void" };
export const NULL = { k: "null" };
export const OBJECT = { k: "object" };
export const prim = (name) => ({ k: "prim", name });
export const STRING = prim("String");
export const INTEGER = prim("Integer");
export const LONG = prim("Long");
export const DECIMAL = prim("Decimal");
export const DOUBLE = prim("Double");
export const BOOLEAN = prim("Boolean");
export const listOf = (el) => ({ k: "list", el });
export const setOf = (el) => ({ k: "set", el });
export const mapOf = (key, val) => ({ k: "map", key, val });

/** Apex primitive types that the runtime represents with a Java type and static helpers. */
export const PRIMITIVES = {
  string: { name: "String", java: "String", helper: "rt.Str" },
  id: { name: "Id", java: "String", helper: "rt.Str" },
  integer: { name: "Integer", java: "Integer", helper: "rt.Int" },
  long: { name: "Long", java: "Long", helper: "rt.Lng" },
  decimal: { name: "Decimal", java: "java.math.BigDecimal", helper: "rt.Dec" },
  double: { name: "Double", java: "Double", helper: "rt.Dbl" },
  boolean: { name: "Boolean", java: "Boolean", helper: "rt.Bool" }
};

// Implicit numeric widening (Apex Developer Guide, "Rules of Conversion"): Integer → Long → Decimal, and
// any number → Double. Decimal and Double convert to each other implicitly as well.
const NUMERIC_RANK = { Integer: 1, Long: 2, Decimal: 3, Double: 4 };

export const isNumeric = (t) => t?.k === "prim" && t.name in NUMERIC_RANK;
export const isStringLike = (t) => t?.k === "prim" && (t.name === "String" || t.name === "Id");
export const isBoolean = (t) => t?.k === "prim" && t.name === "Boolean";

/** The wider of two numeric types (the type of a + b). */
export function widerNumeric(a, b) {
  return NUMERIC_RANK[a.name] >= NUMERIC_RANK[b.name] ? a : b;
}

/** Apex spelling, for messages. */
export function show(t) {
  if (!t) return "?";
  switch (t.k) {
    case "prim":
      return t.name;
    case "list":
      return `List<${show(t.el)}>`;
    case "set":
      return `Set<${show(t.el)}>`;
    case "map":
      return `Map<${show(t.key)}, ${show(t.val)}>`;
    case "class":
      return t.cls.apexName;
    case "sobject":
      return t.obj.name;
    case "sys":
      return t.args?.length ? `${t.lib.name}<${t.args.map(show).join(", ")}>` : t.lib.name;
    case "var":
      return t.name;
    default:
      return t.k === "object" ? "Object" : t.k;
  }
}

/** The Java type of an Apex type. */
export function javaType(t) {
  switch (t.k) {
    case "prim":
      return PRIMITIVES[t.name.toLowerCase()].java;
    case "list":
      return `rt.ApexList<${javaType(t.el)}>`;
    case "set":
      return `rt.ApexSet<${javaType(t.el)}>`;
    case "map":
      return `rt.ApexMap<${javaType(t.key)}, ${javaType(t.val)}>`;
    case "class":
      return t.cls.javaName;
    case "sobject":
      return t.obj.javaName;
    case "sys":
      return t.args?.length ? `${t.lib.java}<${t.args.map(javaType).join(", ")}>` : t.lib.java;
    case "object":
    case "null":
      return "Object";
    case "void":
      return "void";
    default:
      throw new Error(`no Java type for ${show(t)}`);
  }
}

/** The Java class literal of a type for instanceof and casts where generics are erased. */
export function javaRawType(t) {
  return javaType(t).replace(/<.*>$/, "");
}

export function sameType(a, b) {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case "prim":
      return a.name === b.name || (isStringLike(a) && isStringLike(b));
    case "list":
    case "set":
      return sameType(a.el, b.el);
    case "map":
      return sameType(a.key, b.key) && sameType(a.val, b.val);
    case "class":
      return a.cls === b.cls;
    case "sobject":
      return a.obj.name.toLowerCase() === b.obj.name.toLowerCase();
    case "sys":
      return a.lib === b.lib && (a.args ?? []).every((x, i) => sameType(x, b.args[i]));
    default:
      return true;
  }
}

/** Whether a class type is the other one or below it (superclass chain and interfaces). */
function isSubclass(cls, target) {
  const seen = new Set();
  const stack = [cls];
  while (stack.length) {
    const c = stack.pop();
    if (!c || seen.has(c)) continue;
    seen.add(c);
    if (c === target) return true;
    stack.push(c.superType?.cls, ...(c.interfaceTypes ?? []).map((t) => t.cls));
  }
  return false;
}

/** The system library type a class type finally extends (an exception, Comparable, ...), if any. */
function sysAncestors(cls) {
  const out = [];
  const seen = new Set();
  const stack = [cls];
  while (stack.length) {
    const c = stack.pop();
    if (!c || seen.has(c)) continue;
    seen.add(c);
    for (const t of [c.superType, ...(c.interfaceTypes ?? [])]) {
      if (t?.k === "sys") out.push(t);
      else if (t?.k === "class") stack.push(t.cls);
    }
  }
  return out;
}

function sysIsA(lib, target) {
  for (let l = lib; l; l = l.superLib) if (l === target) return true;
  return false;
}

/**
 * Whether a value of type `from` may be assigned to `to` without a cast: "exact" (no conversion, the Java
 * value can be used as is, perhaps through an unchecked collection cast), "convert" (numeric widening,
 * see coerce()), or null.
 */
export function assignable(from, to) {
  if (to.k === "object") return from.k === "void" ? null : "exact";
  if (from.k === "null") return to.k === "void" ? null : "exact";
  if (sameType(from, to)) return "exact";
  if (from.k === "prim" && to.k === "prim") {
    if (isNumeric(from) && isNumeric(to)) {
      if (from.name === "Decimal" && to.name !== "Double") return null;
      if (from.name === "Double" && to.name !== "Decimal") return null;
      return NUMERIC_RANK[to.name] > NUMERIC_RANK[from.name] || from.name === "Double" ? "convert" : null;
    }
    return null;
  }
  // Apex collections are covariant: a List<String> may be passed where a List<Object> is expected.
  if ((from.k === "list" || from.k === "set") && from.k === to.k) {
    return assignable(from.el, to.el) === "exact" ? "exact" : null;
  }
  if (from.k === "map" && to.k === "map") {
    return sameType(from.key, to.key) && assignable(from.val, to.val) === "exact" ? "exact" : null;
  }
  if (from.k === "class" && to.k === "class") return isSubclass(from.cls, to.cls) ? "exact" : null;
  if (from.k === "class" && to.k === "sys") {
    return sysAncestors(from.cls).some((t) => sysIsA(t.lib, to.lib)) ? "exact" : null;
  }
  if (from.k === "sys" && to.k === "sys") return sysIsA(from.lib, to.lib) ? "exact" : null;
  if (from.k === "sobject" && to.k === "sys" && to.lib.name === "SObject") return "exact";
  return null;
}
