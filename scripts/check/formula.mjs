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

const FUNCTIONS = {
  AND: (args) => args.every(truthy),
  OR: (args) => args.some(truthy),
  NOT: ([a]) => !truthy(a),
  IF: ([c, a, b]) => (truthy(c) ? a : b),
  ISBLANK: ([a]) => a === null || a === undefined || a === "",
  ISNULL: ([a]) => a === null || a === undefined || a === "",
  BLANKVALUE: ([a, b]) => (a === null || a === undefined || a === "" ? b : a),
  ISPICKVAL: ([a, b]) => (a ?? "") === b,
  TEXT: ([a]) => (a === null || a === undefined ? "" : String(a)),
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

/** Splits a formula into tokens: numbers, strings, names, operators, parentheses and commas. */
function tokenize(formula) {
  const re =
    /\s+|\/\*[\s\S]*?\*\/|(\d+(?:\.\d+)?|\.\d+)|"((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)'|([A-Za-z_][\w.]*)|(<=|>=|<>|!=|==|&&|\|\||[-+*/&=<>!(),^])/gy;
  const tokens = [];
  let m;
  let at = 0;
  while (at < formula.length) {
    re.lastIndex = at;
    m = re.exec(formula);
    if (!m) throw new Error(`cannot read the formula at "${formula.slice(at, at + 20)}"`);
    at = re.lastIndex;
    if (m[1]) tokens.push({ kind: "number", value: Number(m[1]) });
    else if (m[2] !== undefined || m[3] !== undefined) {
      const raw = m[2] ?? m[3];
      const value = raw.replace(/\\(.)/g, (_, c) => ({ n: "\n", t: "\t", r: "\r" })[c] ?? c);
      tokens.push({ kind: "string", value });
    } else if (m[4]) tokens.push({ kind: "name", value: m[4] });
    else if (m[5]) tokens.push({ kind: "op", value: m[5] });
  }
  return tokens;
}

/**
 * Parses a formula into a tree of { kind: number|string|bool|null|field|call|unary|binary }.
 * @throws {Error} naming what it cannot parse or does not implement
 */
export function parseFormula(formula) {
  const tokens = tokenize(formula);
  let i = 0;
  const peek = () => tokens[i];
  const isOp = (...ops) => peek()?.kind === "op" && ops.includes(peek().value);
  const expect = (op) => {
    if (!isOp(op)) throw new Error(`expected "${op}" but found ${peek() ? `"${peek().value}"` : "the end"}`);
    i++;
  };
  const levels = [
    ["||"],
    ["&&"],
    ["=", "==", "<>", "!=", "<", "<=", ">", ">="],
    ["&"],
    ["+", "-"],
    ["*", "/"]
  ];
  const binary = (level) => {
    if (level === levels.length) return unary();
    let left = binary(level + 1);
    while (isOp(...levels[level])) {
      const op = tokens[i++].value;
      left = { kind: "binary", op, left, right: binary(level + 1) };
    }
    return left;
  };
  const unary = () => {
    if (isOp("-", "!")) return { kind: "unary", op: tokens[i++].value, arg: unary() };
    if (isOp("^")) throw new Error('the "^" operator is not implemented by the offline evaluator');
    return primary();
  };
  const primary = () => {
    const t = tokens[i++];
    if (!t) throw new Error("the formula ends too early");
    if (t.kind === "number" || t.kind === "string") return { kind: t.kind, value: t.value };
    if (t.kind === "op" && t.value === "(") {
      const inner = binary(0);
      expect(")");
      return inner;
    }
    if (t.kind === "name") {
      const upper = t.value.toUpperCase();
      if (isOp("(")) {
        i++;
        if (!FUNCTIONS[upper])
          throw new Error(`function ${t.value} is not implemented by the offline evaluator`);
        const args = [];
        if (!isOp(")")) {
          args.push(binary(0));
          while (isOp(",")) {
            i++;
            args.push(binary(0));
          }
        }
        expect(")");
        return { kind: "call", name: upper, args };
      }
      if (upper === "TRUE" || upper === "FALSE") return { kind: "bool", value: upper === "TRUE" };
      if (upper === "NULL") return { kind: "null" };
      return { kind: "field", name: t.value };
    }
    throw new Error(`unexpected "${t.value}"`);
  };
  const tree = binary(0);
  if (i < tokens.length) throw new Error(`unexpected "${tokens[i].value}" after the end of the expression`);
  return tree;
}

/** The field names a parsed formula reads. */
export function fieldsOf(tree, out = new Set()) {
  if (tree.kind === "field") out.add(tree.name);
  for (const child of [tree.left, tree.right, tree.arg, ...(tree.args ?? [])])
    if (child) fieldsOf(child, out);
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

/**
 * Evaluates a parsed formula.
 * @param {object} tree from parseFormula
 * @param {(name: string) => (string|number|boolean|null)} field the value of a field of the record
 */
export function evaluate(tree, field) {
  const ev = (t) => evaluate(t, field);
  switch (tree.kind) {
    case "number":
    case "string":
    case "bool":
      return tree.value;
    case "null":
      return null;
    case "field":
      return field(tree.name);
    case "call":
      return FUNCTIONS[tree.name](tree.args.map(ev));
    case "unary": {
      const v = ev(tree.arg);
      if (tree.op === "!") return !truthy(v);
      return v === null ? null : -v;
    }
    default: {
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
  }
}
