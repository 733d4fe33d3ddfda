// The part of Apex's system library the runtime implements (runtime/rt), as signatures the translator
// type-checks calls against. A call to anything not listed here is a translation error naming the call,
// so a new method is added in two places: its signature here and its code in the runtime class named by
// `java` (system classes, called as instance methods) or `helper` (primitives: static helpers taking the
// value first, because String, Integer, ... are Java's own classes).
import { PRIMITIVES, OBJECT, VOID, listOf, setOf, mapOf, prim } from "./types.mjs";

// Signatures: "name(ParamType, ...): ReturnType"; T, K, V are the receiver's type arguments.
const LIST_METHODS = [
  "add(T): void",
  "add(Integer, T): void",
  "addAll(List<T>): void",
  "addAll(Set<T>): void",
  "clear(): void",
  "clone(): List<T>",
  "contains(Object): Boolean",
  "equals(Object): Boolean",
  "get(Integer): T",
  "hashCode(): Integer",
  "indexOf(Object): Integer",
  "isEmpty(): Boolean",
  "remove(Integer): T",
  "set(Integer, T): void",
  "size(): Integer",
  "sort(): void",
  "sort(Comparator<T>): void",
  "toString(): String"
];
const SET_METHODS = [
  "add(T): Boolean",
  "addAll(List<T>): Boolean",
  "addAll(Set<T>): Boolean",
  "clear(): void",
  "clone(): Set<T>",
  "contains(Object): Boolean",
  "containsAll(List<Object>): Boolean",
  "containsAll(Set<Object>): Boolean",
  "equals(Object): Boolean",
  "hashCode(): Integer",
  "isEmpty(): Boolean",
  "remove(Object): Boolean",
  "removeAll(List<Object>): Boolean",
  "removeAll(Set<Object>): Boolean",
  "retainAll(List<Object>): Boolean",
  "retainAll(Set<Object>): Boolean",
  "size(): Integer",
  "toString(): String"
];
const MAP_METHODS = [
  "clear(): void",
  "clone(): Map<K,V>",
  "containsKey(Object): Boolean",
  "equals(Object): Boolean",
  "get(Object): V",
  "hashCode(): Integer",
  "isEmpty(): Boolean",
  "keySet(): Set<K>",
  "put(K, V): V",
  "putAll(Map<K,V>): void",
  "remove(Object): V",
  "size(): Integer",
  "toString(): String",
  "values(): List<V>"
];

const PRIMITIVE_METHODS = {
  String: {
    methods: [
      "abbreviate(Integer): String",
      "capitalize(): String",
      "charAt(Integer): Integer",
      "compareTo(String): Integer",
      "contains(String): Boolean",
      "containsAny(String): Boolean",
      "containsIgnoreCase(String): Boolean",
      "containsNone(String): Boolean",
      "containsOnly(String): Boolean",
      "containsWhitespace(): Boolean",
      "countMatches(String): Integer",
      "deleteWhitespace(): String",
      "endsWith(String): Boolean",
      "endsWithIgnoreCase(String): Boolean",
      "equals(Object): Boolean",
      "equalsIgnoreCase(String): Boolean",
      "getChars(): List<Integer>",
      "hashCode(): Integer",
      "indexOf(String): Integer",
      "indexOf(String, Integer): Integer",
      "indexOfAny(String): Integer",
      "indexOfIgnoreCase(String): Integer",
      "indexOfIgnoreCase(String, Integer): Integer",
      "isAllLowerCase(): Boolean",
      "isAllUpperCase(): Boolean",
      "isAlpha(): Boolean",
      "isAlphaSpace(): Boolean",
      "isAlphanumeric(): Boolean",
      "isAlphanumericSpace(): Boolean",
      "isAsciiPrintable(): Boolean",
      "isNumeric(): Boolean",
      "isNumericSpace(): Boolean",
      "isWhitespace(): Boolean",
      "lastIndexOf(String): Integer",
      "lastIndexOf(String, Integer): Integer",
      "lastIndexOfIgnoreCase(String): Integer",
      "left(Integer): String",
      "leftPad(Integer): String",
      "leftPad(Integer, String): String",
      "length(): Integer",
      "mid(Integer, Integer): String",
      "normalizeSpace(): String",
      "remove(String): String",
      "removeEnd(String): String",
      "removeEndIgnoreCase(String): String",
      "removeStart(String): String",
      "removeStartIgnoreCase(String): String",
      "repeat(Integer): String",
      "replace(String, String): String",
      "replaceAll(String, String): String",
      "replaceFirst(String, String): String",
      "reverse(): String",
      "right(Integer): String",
      "rightPad(Integer): String",
      "rightPad(Integer, String): String",
      "split(String): List<String>",
      "split(String, Integer): List<String>",
      "startsWith(String): Boolean",
      "startsWithIgnoreCase(String): Boolean",
      "strip(): String",
      "substring(Integer): String",
      "substring(Integer, Integer): String",
      "substringAfter(String): String",
      "substringAfterLast(String): String",
      "substringBefore(String): String",
      "substringBeforeLast(String): String",
      "substringBetween(String, String): String",
      "toLowerCase(): String",
      "toString(): String",
      "toUpperCase(): String",
      "trim(): String",
      "uncapitalize(): String"
    ],
    statics: [
      "escapeSingleQuotes(String): String",
      "format(String, List<Object>): String",
      "fromCharArray(List<Integer>): String",
      "isBlank(String): Boolean",
      "isEmpty(String): Boolean",
      "isNotBlank(String): Boolean",
      "isNotEmpty(String): Boolean",
      "join(Object, String): String",
      "valueOf(Object): String"
    ]
  },
  Integer: {
    methods: ["equals(Object): Boolean", "format(): String", "hashCode(): Integer", "intValue(): Integer"],
    statics: ["valueOf(String): Integer", "valueOf(Object): Integer"]
  },
  Long: {
    methods: [
      "equals(Object): Boolean",
      "format(): String",
      "hashCode(): Integer",
      "intValue(): Integer",
      "longValue(): Long"
    ],
    statics: ["valueOf(String): Long", "valueOf(Object): Long"]
  },
  Decimal: {
    methods: [
      "abs(): Decimal",
      "doubleValue(): Double",
      "equals(Object): Boolean",
      "hashCode(): Integer",
      "intValue(): Integer",
      "longValue(): Long",
      "precision(): Integer",
      "round(): Long",
      "scale(): Integer",
      "setScale(Integer): Decimal",
      "setScale(Integer, RoundingMode): Decimal",
      "divide(Decimal, Integer, RoundingMode): Decimal",
      "round(RoundingMode): Long",
      "stripTrailingZeros(): Decimal",
      "toPlainString(): String"
    ],
    statics: ["valueOf(String): Decimal", "valueOf(Double): Decimal", "valueOf(Long): Decimal"]
  },
  Double: {
    methods: [
      "equals(Object): Boolean",
      "hashCode(): Integer",
      "intValue(): Integer",
      "longValue(): Long",
      "round(): Long"
    ],
    statics: ["valueOf(String): Double", "valueOf(Object): Double"]
  },
  Boolean: {
    methods: ["equals(Object): Boolean", "hashCode(): Integer"],
    statics: ["valueOf(String): Boolean", "valueOf(Object): Boolean"]
  }
};
PRIMITIVE_METHODS.Id = PRIMITIVE_METHODS.String;

const EXCEPTION_METHODS = [
  "getCause(): Exception",
  "getLineNumber(): Integer",
  "getMessage(): String",
  "getStackTraceString(): String",
  "getTypeName(): String",
  "initCause(Exception): void",
  "setMessage(String): void"
];

/** System classes: Java class in the runtime, optional superclass, type parameters, signatures. */
const SYSTEM_CLASSES = {
  Pattern: {
    java: "rt.ApexPattern",
    methods: ["matcher(String): Matcher", "pattern(): String", "split(String): List<String>"],
    statics: ["compile(String): Pattern", "matches(String, String): Boolean", "quote(String): String"]
  },
  Matcher: {
    java: "rt.ApexMatcher",
    methods: [
      "end(): Integer",
      "end(Integer): Integer",
      "find(): Boolean",
      "find(Integer): Boolean",
      "group(): String",
      "group(Integer): String",
      "groupCount(): Integer",
      "hasAnchoringBounds(): Boolean",
      "hasTransparentBounds(): Boolean",
      "hitEnd(): Boolean",
      "lookingAt(): Boolean",
      "matches(): Boolean",
      "pattern(): Pattern",
      "region(Integer, Integer): Matcher",
      "regionEnd(): Integer",
      "regionStart(): Integer",
      "replaceAll(String): String",
      "replaceFirst(String): String",
      "requireEnd(): Boolean",
      "reset(): Matcher",
      "reset(String): Matcher",
      "start(): Integer",
      "start(Integer): Integer",
      "useAnchoringBounds(Boolean): Matcher",
      "usePattern(Pattern): Matcher",
      "useTransparentBounds(Boolean): Matcher"
    ],
    statics: ["quoteReplacement(String): String"]
  },
  Datetime: {
    java: "rt.Datetime",
    methods: [
      "addDays(Integer): Datetime",
      "addHours(Integer): Datetime",
      "addMinutes(Integer): Datetime",
      "addSeconds(Integer): Datetime",
      "formatGmt(String): String",
      "getTime(): Long"
    ],
    statics: [
      "newInstance(Long): Datetime",
      "newInstanceGmt(Integer, Integer, Integer, Integer, Integer, Integer): Datetime",
      "now(): Datetime",
      "valueOfGmt(String): Datetime"
    ]
  },
  Math: {
    java: "rt.ApexMath",
    statics: [
      "abs(Integer): Integer",
      "abs(Long): Long",
      "abs(Decimal): Decimal",
      "abs(Double): Double",
      "ceil(Decimal): Decimal",
      "ceil(Double): Double",
      "floor(Decimal): Decimal",
      "floor(Double): Double",
      "max(Integer, Integer): Integer",
      "max(Long, Long): Long",
      "max(Decimal, Decimal): Decimal",
      "max(Double, Double): Double",
      "min(Integer, Integer): Integer",
      "min(Long, Long): Long",
      "min(Decimal, Decimal): Decimal",
      "min(Double, Double): Double",
      "mod(Integer, Integer): Integer",
      "mod(Long, Long): Long",
      "pow(Double, Double): Double",
      "sqrt(Double): Double"
    ]
  },
  JSON: {
    java: "rt.Json",
    statics: [
      "deserialize(String, Type): Object",
      "deserializeUntyped(String): Object",
      "serialize(Object): String",
      "serializePretty(Object): String"
    ]
  },
  System: {
    java: "rt.ApexSystem",
    statics: [
      "assert(Boolean): void",
      "assert(Boolean, Object): void",
      "assertEquals(Object, Object): void",
      "assertEquals(Object, Object, Object): void",
      "assertNotEquals(Object, Object): void",
      "assertNotEquals(Object, Object, Object): void",
      "currentTimeMillis(): Long",
      "debug(Object): void",
      "now(): Datetime"
    ]
  },
  Assert: {
    java: "rt.ApexAssert",
    statics: [
      "areEqual(Object, Object): void",
      "areEqual(Object, Object, String): void",
      "areNotEqual(Object, Object): void",
      "areNotEqual(Object, Object, String): void",
      "fail(): void",
      "fail(String): void",
      "isFalse(Boolean): void",
      "isFalse(Boolean, String): void",
      "isNotNull(Object): void",
      "isNotNull(Object, String): void",
      "isNull(Object): void",
      "isNull(Object, String): void",
      "isTrue(Boolean): void",
      "isTrue(Boolean, String): void"
    ]
  },
  Limits: {
    java: "rt.ApexLimits",
    statics: ["getCpuTime(): Integer", "getLimitCpuTime(): Integer"]
  },
  Test: {
    java: "rt.ApexTest",
    statics: ["isRunningTest(): Boolean", "startTest(): void", "stopTest(): void"]
  },
  Type: { java: "rt.ApexType", methods: ["getName(): String"] },
  RoundingMode: {
    java: "java.math.RoundingMode",
    enumValues: ["CEILING", "DOWN", "FLOOR", "HALF_DOWN", "HALF_EVEN", "HALF_UP", "UNNECESSARY", "UP"],
    methods: ["name(): String", "ordinal(): Integer"]
  },
  Comparable: { java: "rt.Comparable", interface: true, methods: ["compareTo(Object): Integer"] },
  Comparator: {
    java: "rt.Comparator",
    interface: true,
    typeParams: ["T"],
    methods: ["compare(T, T): Integer"]
  },
  SObject: {
    java: "rt.SObject",
    methods: ["get(String): Object", "put(String, Object): Object"]
  },
  Exception: { java: "RuntimeException", methods: EXCEPTION_METHODS, exception: true }
};

// System exceptions (Apex Reference, "Exception Class and Built-In Exceptions") the runtime throws or that
// Apex code may catch. NullPointerException is Java's own: Java throws it exactly where Apex does.
const SYSTEM_EXCEPTIONS = {
  NullPointerException: "NullPointerException",
  ListException: "rt.ListException",
  StringException: "rt.StringException",
  TypeException: "rt.TypeException",
  MathException: "rt.MathException",
  JSONException: "rt.JSONException",
  IllegalArgumentException: "rt.ApexIllegalArgumentException",
  NoSuchElementException: "rt.NoSuchElementException",
  AssertException: "rt.AssertException",
  FinalException: "rt.FinalException",
  AuraHandledException: "rt.AuraHandledException"
};
for (const [name, java] of Object.entries(SYSTEM_EXCEPTIONS)) {
  SYSTEM_CLASSES[name] = { java, methods: [], exception: true, superName: "Exception" };
}

// Apex method names that are Java keywords, as the runtime spells them.
const JAVA_SPELLING = new Map([["assert", "assert_"]]);
const javaMethod = (name) => JAVA_SPELLING.get(name) ?? name;

const LIBS = new Map();
for (const [name, spec] of Object.entries(SYSTEM_CLASSES)) {
  LIBS.set(name.toLowerCase(), { name, ...spec, methods: spec.methods ?? [], statics: spec.statics ?? [] });
}
for (const lib of LIBS.values()) lib.superLib = lib.superName ? LIBS.get(lib.superName.toLowerCase()) : null;

/**
 * Every receiver type and method name the library declares, for the check that the runtime has them all
 * (test/gate/apex-jvm.test.mjs): [{ type, name, isStatic }].
 */
export function librarySurface() {
  const out = [];
  const names = (signatures) => [...new Set(signatures.map((sig) => sig.slice(0, sig.indexOf("("))))];
  for (const [name, spec] of Object.entries(PRIMITIVE_METHODS)) {
    for (const m of names(spec.methods)) out.push({ type: prim(name), name: m, isStatic: false });
    for (const m of names(spec.statics)) out.push({ type: prim(name), name: m, isStatic: true });
  }
  for (const [type, signatures] of [
    [listOf(OBJECT), LIST_METHODS],
    [setOf(OBJECT), SET_METHODS],
    [mapOf(OBJECT, OBJECT), MAP_METHODS]
  ]) {
    for (const m of names(signatures)) out.push({ type, name: m, isStatic: false });
  }
  for (const lib of LIBS.values()) {
    const type = { k: "sys", lib, args: (lib.typeParams ?? []).map(() => OBJECT) };
    for (const m of names(lib.methods)) out.push({ type, name: m, isStatic: false });
    for (const m of names(lib.statics)) out.push({ type, name: m, isStatic: true });
  }
  return out;
}

/** The library entry of a system class name (case-insensitive), or null. */
export function systemClass(name) {
  return LIBS.get(String(name).toLowerCase()) ?? null;
}

/** A type written in a signature string, e.g. "List<T>" with vars { T: ... }. */
export function parseSignatureType(text, vars = {}) {
  let pos = 0;
  const read = () => {
    const name = /^[A-Za-z_]+/.exec(text.slice(pos))[0];
    pos += name.length;
    const args = [];
    if (text[pos] === "<") {
      pos++;
      for (;;) {
        while (text[pos] === " ") pos++;
        args.push(read());
        while (text[pos] === " ") pos++;
        if (text[pos++] === ">") break;
      }
    }
    return build(name, args);
  };
  const build = (name, args) => {
    if (Object.hasOwn(vars, name)) return vars[name];
    if (name === "void") return VOID;
    if (name === "Object") return OBJECT;
    if (name === "List") return listOf(args[0]);
    if (name === "Set") return setOf(args[0]);
    if (name === "Map") return mapOf(args[0], args[1]);
    if (Object.hasOwn(PRIMITIVES, name.toLowerCase())) return prim(PRIMITIVES[name.toLowerCase()].name);
    const lib = systemClass(name);
    if (!lib) throw new Error(`library signature names unknown type ${name}`);
    return { k: "sys", lib, args };
  };
  return read();
}

function parseSignature(signature, vars) {
  const m = /^(\w+)\((.*)\):\s*(.+)$/.exec(signature);
  const params = m[2].trim() ? splitTopLevel(m[2]).map((p) => parseSignatureType(p.trim(), vars)) : [];
  return { name: m[1], params, returns: parseSignatureType(m[3].trim(), vars) };
}

function splitTopLevel(text) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "<") depth++;
    else if (text[i] === ">") depth--;
    else if (text[i] === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * The library methods of a type by name (case-insensitive), each { name, params, returns, emit(recv, args) }.
 * @param {object} type the receiver's type (for statics: the class named)
 * @param {string} name the method name as written
 * @param {boolean} isStatic a static call on the class rather than an instance call
 */
export function libraryMethods(type, name, isStatic) {
  const lc = name.toLowerCase();
  let signatures = [];
  let vars = {};
  let emit;
  if (type.k === "prim") {
    const spec = PRIMITIVE_METHODS[type.name];
    const helper = PRIMITIVES[type.name.toLowerCase()].helper;
    signatures = isStatic ? spec.statics : spec.methods;
    emit = isStatic
      ? (m) => (recv, args) => `${helper}.${m}(${args.join(", ")})`
      : (m) => (recv, args) => `${helper}.${m}(${[recv, ...args].join(", ")})`;
  } else if (type.k === "list" || type.k === "set" || type.k === "map") {
    if (isStatic) return [];
    signatures = type.k === "list" ? LIST_METHODS : type.k === "set" ? SET_METHODS : MAP_METHODS;
    vars = type.k === "map" ? { K: type.key, V: type.val } : { T: type.el };
    emit = (m) => (recv, args) => `${recv}.${m}(${args.join(", ")})`;
  } else if (type.k === "sys") {
    const lib = type.lib;
    signatures = [];
    for (let l = lib; l; l = l.superLib) signatures.push(...(isStatic ? l.statics : l.methods));
    (lib.typeParams ?? []).forEach((p, i) => (vars[p] = type.args?.[i] ?? OBJECT));
    emit = isStatic
      ? (m) => (recv, args) => `${lib.java}.${m}(${args.join(", ")})`
      : lib.exception
        ? (m) => (recv, args) => `rt.Exceptions.${m}(${[recv, ...args].join(", ")})`
        : (m) => (recv, args) => `${recv}.${m}(${args.join(", ")})`;
  }
  if (!isStatic && type.k !== "prim") {
    // Every value has these (Object class); user classes may override them.
    signatures = [...signatures, "equals(Object): Boolean", "hashCode(): Integer", "toString(): String"];
    const ownEmit = emit;
    emit = (m) =>
      ["equals", "hashCode", "toString"].includes(m) && !ownEmit
        ? (recv, args) => `rt.Apex.${m}(${[recv, ...args].join(", ")})`
        : ownEmit
          ? ownEmit(m)
          : (recv, args) => `rt.Apex.${m}(${[recv, ...args].join(", ")})`;
  }
  const out = [];
  const seen = new Set();
  for (const signature of signatures) {
    // the name first: parsing every signature of the type for each call was most of the library's cost
    if (signature.slice(0, signature.indexOf("(")).toLowerCase() !== lc) continue;
    const parsed = parseSignature(signature, vars);
    const key = `${parsed.name}/${parsed.params.length}/${signature}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...parsed, emit: emit(javaMethod(parsed.name)), library: true });
  }
  return out;
}
