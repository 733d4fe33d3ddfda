// A Salesforce formula evaluator for the subset validation rules on our custom metadata use, so the gate can
// run the rules against the shipped records the way a deploy does. Anything outside the subset is an
// error naming the function or token, never a silent pass.
// Semantics follow Salesforce's formula operators and functions reference
// (https://help.salesforce.com/s/articleView?id=platform.customize_functions.htm):
//  - a blank text field is "" (ISBLANK is true); a blank number is null; a comparison with a blank number
//    is false, as is arithmetic on it (validation rules have no "treat blanks as zeroes" option);
//  - REGEX(text, regex) is true when the WHOLE text matches (Java's matches()), so it is anchored here;
//  - string literals are in double or single quotes with backslash escapes (\\ \" \' \n \t);
//  - operators by precedence: unary - and !, * /, + -, &, comparisons (= == <> != < <= > >=), &&, ||.
import jsep from "jsep";

const isBlank = (a) => a === null || a === undefined || a === "";
const FUNCTIONS = {
  AND: (args) => args.every(truthy),
  OR: (args) => args.some(truthy),
  NOT: ([a]) => !truthy(a),
  IF: ([c, a, b]) => (truthy(c) ? a : b),
  ISBLANK: ([a]) => isBlank(a),
  ISNULL: ([a]) => isBlank(a),
  BLANKVALUE: ([a, b]) => (isBlank(a) ? b : a),
  ISPICKVAL: ([a, b]) => (a ?? "") === b,
  TEXT: ([a]) => String(a ?? ""),
  VALUE: ([a]) => (a === "" || a == null || Number.isNaN(Number(a)) ? null : Number(a)),
  LEN: ([a]) => String(a ?? "").length,
  CONTAINS: ([a, b]) => String(a ?? "").includes(String(b ?? "")),
  BEGINS: ([a, b]) => String(a ?? "").startsWith(String(b ?? "")),
  LOWER: ([a]) => String(a ?? "").toLowerCase(),
  UPPER: ([a]) => String(a ?? "").toUpperCase(),
  TRIM: ([a]) => String(a ?? "").trim(),
  REGEX: ([a, re]) => new RegExp(`^(?:${re})$`, "s").test(String(a ?? ""))
};
const truthy = (v) => v === true;

// Formula syntax is read by jsep (a small, widely used expression parser) configured with the formula operators
// and their precedence; the tree it gives is reduced to the node kinds below.
jsep.removeAllBinaryOps();
jsep.removeAllUnaryOps();
const PRECEDENCE = ["||", "&&", "= == <> != < <= > >=", "&", "+ -", "* /", "^"]; // lowest first
PRECEDENCE.forEach((ops, level) => ops.split(" ").forEach((op) => jsep.addBinaryOp(op, level + 1)));
["-", "!"].forEach((op) => jsep.addUnaryOp(op));
/** Comments are blanked before parsing; a string that holds comment marks is kept as it is. */
const COMMENT = /("(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')|\/\*[\s\S]*?\*\//g;

/** A dotted name (Account.Name, $User.Id) as one field name, or null. */
function nameOf(node) {
  if (node.type === "Identifier") return node.name;
  const object = node.type === "MemberExpression" && !node.computed && nameOf(node.object);
  return object ? `${object}.${node.property.name}` : null;
}

function reduce(node) {
  const name = nameOf(node);
  if (name !== null) {
    const upper = name.toUpperCase();
    if (upper === "TRUE" || upper === "FALSE") return { kind: "bool", value: upper === "TRUE" };
    return upper === "NULL" ? { kind: "null", value: null } : { kind: "field", name };
  }
  switch (node.type) {
    case "Literal":
      if (node.value === null) return { kind: "null", value: null };
      return { kind: typeof node.value === "boolean" ? "bool" : typeof node.value, value: node.value };
    case "UnaryExpression":
      return { kind: "unary", op: node.operator, arg: reduce(node.argument) };
    case "BinaryExpression":
      if (node.operator === "^")
        throw new Error('the "^" operator is not implemented by the offline evaluator');
      return { kind: "binary", op: node.operator, left: reduce(node.left), right: reduce(node.right) };
    case "CallExpression": {
      const fn = nameOf(node.callee)?.toUpperCase();
      if (!FUNCTIONS[fn])
        throw new Error(`function ${nameOf(node.callee) ?? "?"} is not implemented by the offline evaluator`);
      return { kind: "call", name: fn, args: node.arguments.map(reduce) };
    }
    default:
      throw new Error(`cannot read the formula: unexpected ${node.type}`);
  }
}

/** A formula as a tree of { kind: number|string|bool|null|field|call|unary|binary }; throws naming what it cannot read. */
export function parseFormula(formula) {
  return reduce(jsep(formula.replace(COMMENT, (m, literal) => literal ?? " ")));
}

/** The operands and arguments of a node of a parsed formula. */
export const childrenOf = (tree) => [tree.left, tree.right, tree.arg, ...(tree.args ?? [])].filter(Boolean);

/** The field names a parsed formula reads. */
export function fieldsOf(tree, out = new Set()) {
  if (tree.kind === "field") out.add(tree.name);
  childrenOf(tree).forEach((child) => fieldsOf(child, out));
  return out;
}

const COMPARE = {
  "=": (a, b) => a === b,
  "==": (a, b) => a === b,
  "<>": (a, b) => a !== b,
  "!=": (a, b) => a !== b,
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b
};

/** Evaluates a parsed formula; field(name) is the record's value of a field (string, number, boolean or null). */
export function evaluate(tree, field) {
  const ev = (t) => evaluate(t, field);
  if ("value" in tree) return tree.value; // a literal
  if (tree.kind === "field") return field(tree.name);
  if (tree.kind === "call") return FUNCTIONS[tree.name](tree.args.map(ev));
  if (tree.kind === "unary") {
    const v = ev(tree.arg);
    if (tree.op === "!") return !truthy(v);
    return v === null ? null : -v;
  }
  const a = ev(tree.left);
  const b = ev(tree.right);
  if (tree.op === "&&") return truthy(a) && truthy(b);
  if (tree.op === "||") return truthy(a) || truthy(b);
  if (tree.op === "&") return `${a ?? ""}${b ?? ""}`;
  if (COMPARE[tree.op]) {
    // text compares as text (blank is ""); a blank number makes the comparison false
    if (typeof a === "string" || typeof b === "string") return COMPARE[tree.op](a ?? "", b ?? "");
    if (a === null || b === null) return false;
    return COMPARE[tree.op](a, b);
  }
  if (a === null || b === null) return null;
  return { "+": a + b, "-": a - b, "*": a * b, "/": a / b }[tree.op];
}
