// Checks of the intelligence engine's own regular expressions and test rules (step `apex-rules`: rules
// `intelligence-test-rules` and `regex-read-bound`, docs/quality-gate.md "Apex rules"), run where the engine is
// (RegexCost.cls); docs/intelligence.md ("The cost bound", "Rules") says why. A Pattern constant missing from
// ENGINE_PATTERNS is itself a finding, so the list cannot fall behind the code. The shipped rules are checked by the
// engine itself (ShippedRules_Tests): a test cannot reach the engine's private Patterns. The reads are counted as
// the intelligence step counts them (rt.CountedText of test/apex-jvm's runtime), by
// intelligence-reads/RegexReads.java; without a JVM the check fails rather than pass silently.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileRunner } from "../../test/apex-jvm/build.mjs";
import { lineOf, walk } from "./project.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const READS_PROGRAM = path.join(HERE, "intelligence-reads", "RegexReads.java");

/**
 * The engine's Pattern constants and the longest text each is handed (a number, or a constant of the same class).
 * Texts that are always short (a rule's pattern, a sentence) are bounded by the field or the reach the class states.
 */
export const ENGINE_PATTERNS = {
  "SpeakerTurns.cls": {
    LABEL: "LABEL_WINDOW",
    GREETING: 300,
    YES_NO_QUESTION: "QUESTION_REACH_CHARS",
    OFFER: "QUESTION_REACH_CHARS",
    RESTATEMENT: 601,
    COMMITMENT: 601,
    POINTS_BACK: "QUESTION_REACH_CHARS",
    CONDITIONAL: 601,
    FILLERS: 80,
    DECLINE: 80,
    ACCEPT: 80
  },
  "RuleNegation.cls": {
    CLAUSE_BOUNDARY: "CLAUSE_REACH_CHARS",
    CALLER_WILL_CALL_BEFORE: "CALLER_WILL_CALL_CHARS",
    WORD: "REGION_CHARS",
    ASKS_FOR_ME: 255
  },
  "BudgetParser.cls": { AMOUNT: "AMOUNT_WINDOW" },
  "MoneyContext.cls": {
    MONEY_WORD_BEFORE: "LOOK_BEHIND_CHARS",
    CLAUSE_END: "LOOK_BEHIND_CHARS",
    AFTER_AMOUNT: "QUOTE_AFTER_CHARS",
    NOT_MONEY_BEFORE: 15,
    UNIT_AFTER: "LOOK_AHEAD_CHARS",
    PHONE_NUMBER: 200,
    PHONE_OR_TIME_AFTER: "LOOK_AHEAD_CHARS",
    WORD_AFTER: "LOOK_AHEAD_CHARS"
  },
  "CardNumberRedactor.cls": { CARD_CANDIDATE: "CARD_WINDOW", SECURITY_CODE: 53 },
  "RulePatterns.cls": { NUMBERING_DEPENDENT: 255 },
  "IntelligenceRuleSet.cls": { URGENCY_BOOST: 255 }
};

// ----------------------------------------------------------------------------------------------------------------
// Apex constants: the String and Integer constants of a class, evaluated (literals, + and other constants).

function apexLiteral(body) {
  return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e) =>
    e[0] === "u" && e.length === 5
      ? String.fromCharCode(parseInt(e.slice(1), 16))
      : ({ n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" }[e] ?? e)
  );
}

/** Evaluates a concatenation of Apex string literals, numbers and constants of the class (a sum for Integers). */
function evaluate(expression, constants, integer = false) {
  const parts = [];
  const tokens = expression.match(/'(?:\\.|[^'\\])*'|[A-Za-z_][A-Za-z0-9_]*|\d+|\+/g) ?? [];
  for (const token of tokens) {
    if (token === "+") continue;
    if (token.startsWith("'")) parts.push(apexLiteral(token.slice(1, -1)));
    else if (/^\d+$/.test(token)) parts.push(token);
    else if (token in constants) parts.push(String(constants[token]));
    else return null;
  }
  return integer ? String(parts.reduce((sum, part) => sum + Number(part), 0)) : parts.join("");
}

export function apexConstants(source) {
  const constants = {};
  const declarations = [
    ...source.matchAll(/static\s+final\s+(String|Integer)\s+([A-Z_][A-Z0-9_]*)\s*=\s*([\s\S]*?);\s*$/gm)
  ];
  // constants may refer to ones declared earlier
  for (const [, type, name, expression] of declarations) {
    const value = evaluate(expression, constants, type === "Integer");
    if (value !== null) constants[name] = type === "Integer" ? Number(value) : value;
  }
  return constants;
}

/** The Pattern constants of a class: name, line and source (null when it cannot be evaluated). */
export function patternConstants(source) {
  const constants = apexConstants(source);
  return [
    ...source.matchAll(/static\s+final\s+Pattern\s+([A-Z_][A-Z0-9_]*)\s*=\s*Pattern\.compile\(([\s\S]*?)\);/g)
  ].map((m) => ({ name: m[1], line: lineOf(source, m[0]), source: evaluate(m[2], constants) }));
}

// ----------------------------------------------------------------------------------------------------------------
// Reads counted on the JVM.

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

/**
 * Counts the worst reads of each pattern on its window over its probes.
 * @param {{id:string, source:string, window:number}[]} patterns
 * @returns {{reads: Map<string, number>, error?: string}}
 */
function countReads(patterns, budget) {
  if (!patterns.length) return { reads: new Map() };
  const input = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "regex-reads-")), "patterns.tsv");
  const escape = (s) =>
    s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
  fs.writeFileSync(
    input,
    patterns
      .map((p) => [p.id, p.window, escape(p.source), ...probesFor(p.source).map(escape)].join("\t"))
      .join("\n")
  );
  let run;
  try {
    const classpath = compileRunner([READS_PROGRAM]);
    run = spawnSync(
      "java",
      ["-Xss64m", `-Dapex.regex.limit=${budget}`, "-cp", classpath, "RegexReads", input],
      {
        encoding: "utf8",
        maxBuffer: 1e8
      }
    );
  } catch (error) {
    run = { error };
  }
  if (!process.env.KEEP_READS_INPUT) fs.rmSync(path.dirname(input), { recursive: true, force: true });
  else console.error(input);
  if (run.error || run.status !== 0) {
    return {
      reads: new Map(),
      error: `java could not count regex reads: ${run.error?.message ?? run.stderr}`
    };
  }
  const reads = new Map();
  for (const line of run.stdout.trim().split("\n")) {
    const [id, count] = line.split("\t");
    if (id) reads.set(id, Number(count));
  }
  return { reads };
}

function checkReads(engineFiles, budget) {
  const findings = [];
  const measured = [];
  for (const [file, source] of engineFiles) {
    const table = ENGINE_PATTERNS[path.basename(file)];
    const constants = apexConstants(source);
    for (const pattern of patternConstants(source)) {
      const declared = table?.[pattern.name];
      if (declared === undefined) {
        findings.push({
          file,
          line: pattern.line,
          rule: "regex-read-bound",
          message: `${pattern.name}: an engine Pattern the regex-read check does not know; add it to ENGINE_PATTERNS (scripts/check/intelligence-rules.mjs) with the longest text the engine hands it`
        });
        continue;
      }
      const window = typeof declared === "number" ? declared : constants[declared];
      if (pattern.source === null || !Number.isInteger(window)) {
        findings.push({
          file,
          line: pattern.line,
          rule: "regex-read-bound",
          message: `${pattern.name}: cannot evaluate the pattern or its window (${declared})`
        });
        continue;
      }
      measured.push({
        file,
        line: pattern.line,
        what: `${path.basename(file, ".cls")}.${pattern.name}`,
        source: pattern.source,
        window
      });
    }
  }
  const { reads, error } = countReads(
    measured.map((m, i) => ({ id: String(i), source: m.source, window: m.window })),
    budget
  );
  if (error) return [{ file: measured[0]?.file ?? "", line: 1, rule: "regex-read-bound", message: error }];
  measured.forEach((m, i) => {
    const count = reads.get(String(i));
    if (count === undefined || count > budget) {
      findings.push({
        file: m.file,
        line: m.line,
        rule: "regex-read-bound",
        message:
          count === undefined
            ? `${m.what}: the JVM did not count its reads`
            : `${m.what} reads a ${m.window}-character text more than RegexCost.READ_BUDGET = ${budget.toLocaleString("en-US")} times (Apex stops the call past 1,000,000)`
      });
    }
  });
  return findings;
}

/**
 * @param {string} root the project
 * @param {string[]} packageDirs its package directories
 * @returns {Promise<{file: string, line: number, rule: string, message: string}[]>}
 */
export async function checkIntelligenceRules(root, packageDirs) {
  const files = packageDirs.flatMap((d) => walk(d));
  const regexCost = files.find((f) => path.basename(f) === "RegexCost.cls");
  if (!regexCost) return [];
  const budget = apexConstants(fs.readFileSync(regexCost, "utf8")).READ_BUDGET;
  if (!Number.isInteger(budget)) {
    return [
      {
        file: regexCost,
        line: 1,
        rule: "regex-read-bound",
        message: "RegexCost.READ_BUDGET must be an Integer constant"
      }
    ];
  }
  const findings = await checkTestRules(root);
  const engineFiles = files
    .filter(
      (f) => ENGINE_PATTERNS[path.basename(f)] || /[\\/]intelligence[\\/]classes[\\/][^\\/]+\.cls$/.test(f)
    )
    .filter((f) => f.endsWith(".cls"))
    .map((f) => [f, fs.readFileSync(f, "utf8")]);
  findings.push(...checkReads(engineFiles, budget));
  return findings;
}

async function checkTestRules(root) {
  const target = path.join(root, "force-app/tests/intelligence/classes/IntelligenceTestRules.cls");
  if (!fs.existsSync(target)) return [];
  const { renderTestRules } = await import("../intelligence/test-rules.mjs");
  const { format } = await import("prettier");
  const config = JSON.parse(fs.readFileSync(path.join(HERE, "..", "..", ".prettierrc"), "utf8"));
  const rendered = await format(renderTestRules(root), { ...config, filepath: target });
  return fs.readFileSync(target, "utf8") === rendered
    ? []
    : [
        {
          file: target,
          line: 1,
          rule: "intelligence-test-rules",
          message:
            "IntelligenceTestRules.cls is not what the shipped records give: run npm run intelligence:test-rules"
        }
      ];
}
