// The intelligence engine's own regular expressions and test rules (rules `intelligence-test-rules` and
// `regex-read-bound`: docs/quality-gate.md, "Apex rules"; why: docs/intelligence.md, "The cost bound", "Rules"). A
// Pattern constant missing from ENGINE_PATTERNS is itself a finding, so the list cannot fall behind the code; the
// shipped rules are ShippedRules_Tests' (a test cannot reach the engine's private Patterns). Reads are counted as the
// intelligence step counts them (rt.CountedText), by intelligence-reads/RegexReads.java; without a JVM it fails.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compileRunner, GATE_REGEX_READS } from "../../test/apex-jvm/build.mjs";
import { modifiersOf, nodeLine, typeOf } from "./apex-ast.mjs";
import { staticCall } from "./apex-model.mjs";
import { repoRoot } from "./project.mjs";

/**
 * The engine's Pattern constants and the longest text each is handed (a number, or a constant of the same class),
 * as rows `Class NAME=reach …`. Texts that are always short (a rule's pattern, a sentence) are bounded by the
 * field or the reach the class states.
 */
const ENGINE_PATTERNS = Object.fromEntries(
  `
SpeakerTurns LABEL=LABEL_WINDOW GREETING=300 YES_NO_QUESTION=QUESTION_REACH_CHARS OFFER=QUESTION_REACH_CHARS
SpeakerTurns RESTATEMENT=601 COMMITMENT=601 POINTS_BACK=QUESTION_REACH_CHARS CONDITIONAL=601 FILLERS=80
SpeakerTurns DECLINE=80 ACCEPT=80
RuleNegation CLAUSE_BOUNDARY=CLAUSE_REACH_CHARS CALLER_WILL_CALL_BEFORE=CALLER_WILL_CALL_CHARS WORD=REGION_CHARS
RuleNegation ASKS_FOR_ME=255
BudgetParser AMOUNT=AMOUNT_WINDOW
MoneyContext MONEY_WORD_BEFORE=LOOK_BEHIND_CHARS CLAUSE_END=LOOK_BEHIND_CHARS AFTER_AMOUNT=QUOTE_AFTER_CHARS
MoneyContext NOT_MONEY_BEFORE=15 UNIT_AFTER=LOOK_AHEAD_CHARS PHONE_NUMBER=200
MoneyContext PHONE_OR_TIME_AFTER=LOOK_AHEAD_CHARS WORD_AFTER=LOOK_AHEAD_CHARS
CardNumberRedactor CARD_CANDIDATE=CARD_WINDOW SECURITY_CODE=53
RulePatterns NUMBERING_DEPENDENT=255
IntelligenceRuleSet URGENCY_BOOST=255`
    .trim()
    .split("\n")
    .flatMap((row) =>
      [...row.matchAll(/ (\w+)=(\w+)/g)].map((m) => [`${row.split(" ")[0]}.${m[1]}`, Number(m[2]) || m[2]])
    )
);

/** A constant's value from literals, + and earlier constants (numbers summed), or null; escapes come decoded. */
function constantValue(expr, constants) {
  if (expr?.$ === "Expr$LiteralExpr") return expr.literal;
  if (expr?.$ === "Expr$VariableExpr" && !expr.dottedExpr && expr.names.length === 1)
    return constants.get(expr.names[0].value)?.value ?? null;
  if (expr?.$ !== "Expr$BinaryExpr" || expr.op.$ !== "ADDITION") return null;
  const [left, right] = [expr.left, expr.right].map((e) => constantValue(e, constants));
  return left === null || right === null ? null : left + right;
}

/**
 * The `static final` String, Integer and Pattern constants of a class and its inner classes, in source order:
 * name -> { value, line, pattern }, a Pattern's value being the source it compiles (null when not evaluated).
 */
function apexConstants(decl, constants = new Map()) {
  for (const member of decl.members ?? []) {
    if (member.$ === "BlockMember$InnerClassMember") apexConstants(member.body, constants);
    const declared = member.variableDecls;
    const { kinds } = modifiersOf(declared?.modifiers);
    const type = typeOf(declared?.type)?.name;
    if (!kinds.has("static") || !kinds.has("final") || !["string", "integer", "pattern"].includes(type))
      continue;
    for (const d of declared.decls) {
      const pattern = type === "pattern";
      const compiled = staticCall(d.assignment) === "pattern.compile" && d.assignment.inputParameters[0];
      const value = constantValue(pattern ? compiled : d.assignment, constants);
      constants.set(d.name.value, { value, line: nodeLine(d.name), pattern });
    }
  }
  return constants;
}

/** Adversarial texts for a pattern: generic shapes, and the pattern's own words repeated. */
function probesFor(source) {
  const generic = [
    "a",
    " ",
    "1",
    "aaaa ",
    "$8,000-12,000 ",
    "The basement is flooding and a pipe burst, call me back asap. ",
    "Agent: How can I help you today?\n",
    "4111 1111 1111 1111 "
  ];
  const words = (
    source.replace(/\\[a-zA-Z]|\(\?[:=!<>i]+|[()[\]{}*+?|^$\\]/g, " ").match(/[\p{L}\p{N}$,.'’-]+/gu) ?? []
  ).slice(0, 12);
  const pumped = words.flatMap((w) => [`${w} `, w, w + w]);
  return [...new Set([...generic, ...pumped, words.join(" ") + " "])].filter((p) => p.trim() || p === " ");
}

/** The worst reads of each pattern ({ source, window }) over its probes, by index: { reads }, or { error } from java. */
function countReads(patterns, budget) {
  if (!patterns.length) return { reads: new Map() };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "regex-reads-"));
  const input = path.join(dir, "patterns.tsv");
  const escape = (s) =>
    s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
  const rows = patterns.map((p, i) => [i, p.window, escape(p.source), ...probesFor(p.source).map(escape)]);
  fs.writeFileSync(input, rows.map((row) => row.join("\t")).join("\n"));
  let run;
  try {
    const classpath = compileRunner([GATE_REGEX_READS]);
    const args = ["-Xss64m", `-Dapex.regex.limit=${budget}`, "-cp", classpath, "RegexReads", input];
    run = spawnSync("java", args, { encoding: "utf8", maxBuffer: 1e8 });
  } catch (error) {
    run = { error };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (run.error || run.status !== 0)
    return { error: `java could not count regex reads: ${run.error?.message ?? run.stderr}` };
  const lines = run.stdout.trim().split("\n");
  const counts = lines.map((line) => line.split("\t")).filter(([id]) => id);
  return { reads: new Map(counts.map(([id, count]) => [id, Number(count)])) };
}

function checkReads(engineClasses, budget) {
  const findings = [];
  const at = (file, line, message) => findings.push({ file, line, rule: "regex-read-bound", message });
  const measured = [];
  for (const { file, decl } of engineClasses) {
    const className = path.basename(file, ".cls");
    const constants = apexConstants(decl);
    for (const [name, { line, value: pattern }] of [...constants].filter(([, c]) => c.pattern)) {
      const declared = ENGINE_PATTERNS[`${className}.${name}`];
      const window = typeof declared === "number" ? declared : constants.get(declared)?.value;
      const unknown = `${name}: an engine Pattern the regex-read check does not know; add it to ENGINE_PATTERNS (scripts/check/intelligence-rules.mjs) with the longest text the engine hands it`;
      if (declared === undefined) at(file, line, unknown);
      else if (pattern === null || !Number.isInteger(window))
        at(file, line, `${name}: cannot evaluate the pattern or its window (${declared})`);
      else measured.push({ file, line, what: `${className}.${name}`, source: pattern, window });
    }
  }
  const { reads, error } = countReads(measured, budget);
  if (error) return [{ file: measured[0]?.file ?? "", line: 1, rule: "regex-read-bound", message: error }];
  measured.forEach((m, i) => {
    const count = reads.get(String(i));
    const over = `${m.what} reads a ${m.window}-character text more than RegexCost.READ_BUDGET = ${budget.toLocaleString("en-US")} times (Apex stops the call past 1,000,000)`;
    if (count === undefined) at(m.file, m.line, `${m.what}: the JVM did not count its reads`);
    else if (count > budget) at(m.file, m.line, over);
  });
  return findings;
}

export async function check({ model, root }) {
  const regexCost = model.classes.get("regexcost");
  if (!regexCost) return [];
  const budget = apexConstants(regexCost.decl).get("READ_BUDGET")?.value;
  const message = "RegexCost.READ_BUDGET must be an Integer constant";
  if (!Number.isInteger(budget))
    return [{ file: regexCost.file, line: 1, rule: "regex-read-bound", message }];
  const listed = new Set(Object.keys(ENGINE_PATTERNS).map((key) => `${key.split(".")[0]}.cls`));
  const isEngine = (c) =>
    listed.has(path.basename(c.file)) || /[\\/]intelligence[\\/]classes[\\/][^\\/]+\.cls$/.test(c.file);
  const engineClasses = [...model.classes.values()].filter((c) => !c.outer && isEngine(c));
  return [...(await checkTestRules(root)), ...checkReads(engineClasses, budget)];
}

async function checkTestRules(root) {
  const target = path.join(root, "force-app/tests/intelligence/classes/IntelligenceTestRules.cls");
  if (!fs.existsSync(target)) return [];
  const { renderTestRules } = await import("../intelligence/test-rules.mjs");
  const { format } = await import("prettier");
  const config = JSON.parse(fs.readFileSync(path.join(repoRoot, ".prettierrc"), "utf8"));
  const rendered = await format(renderTestRules(root), { ...config, filepath: target });
  if (fs.readFileSync(target, "utf8") === rendered) return [];
  const message =
    "IntelligenceTestRules.cls is not what the shipped records give: run npm run intelligence:test-rules";
  return [{ file: target, line: 1, rule: "intelligence-test-rules", message }];
}
