// Inline SOQL field check: apex-ls types the Apex around a `[SELECT …]` but not the field names inside it,
// so a misspelt field in a query would pass every other offline check and fail only at deploy.
// This module finds every inline query in Apex source, parses it loosely (enough to tell field references
// from keywords, literals, bind expressions, aliases and functions) and checks each reference against the
// object model metadata.mjs builds. Where the model cannot answer (a standard child relationship's object,
// a relationship target outside the model) it checks what it can and stays silent on the rest.
// Dynamic SOQL (Database.query with a string) is not checked: its text is only known at run time.

/** Words that are never field references in the clauses we check. */
const KEYWORDS = new Set(
  (
    "select from where with group by having order limit offset for update view reference all rows using " +
    "scope asc desc nulls first last and or not in like includes excludes null true false typeof when then " +
    "else end above below at above_or_below"
  ).split(" ")
);
/** Keywords that start a clause of the outer query. */
const CLAUSES = new Set("where with group order having limit offset for all using".split(" "));
/** Clauses whose words are options, not fields (WITH USER_MODE, LIMIT :n, FOR UPDATE, USING SCOPE mine). */
const OPTION_CLAUSES = new Set("with limit offset for all using".split(" "));
/** Relative date literals (TODAY, LAST_N_DAYS:30): values, not fields. */
const DATE_LITERAL =
  /^(yesterday|today|tomorrow|(last|this|next)_(week|month|quarter|year|fiscal_quarter|fiscal_year|90_days)|(last|next)_n_\w+|n_\w+_ago)$/i;

const TOKEN = /\s+|'(?:\\.|[^'\\])*'|\d[\w:.+-]*|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*|!=|<=|>=|<>|[\s\S]/gy;

/**
 * Apex source with comments blanked (offsets and line breaks kept) and the offsets of every `[` that
 * opens an inline query outside a string literal.
 */
function queryStarts(source) {
  const chars = source.split("");
  const starts = [];
  for (let i = 0; i < chars.length; i++) {
    const c = source[i];
    if (c === "'") {
      for (i++; i < chars.length && source[i] !== "'"; i++) if (source[i] === "\\") i++;
    } else if (c === "/" && source[i + 1] === "/") {
      for (; i < chars.length && source[i] !== "\n"; i++) chars[i] = " ";
    } else if (c === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? chars.length : end + 2;
      for (; i < stop; i++) if (source[i] !== "\n") chars[i] = " ";
      i--;
    } else if (c === "[") {
      starts.push(i);
    }
  }
  const blanked = chars.join("");
  return { blanked, starts: starts.filter((s) => /^\[\s*select\b/i.test(blanked.slice(s, s + 40))) };
}

/** Tokens of the query that starts at `[` (offset `start`), up to its matching `]`. */
function tokenize(text, start) {
  const tokens = [];
  let depth = 0;
  TOKEN.lastIndex = start;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const value = m[0];
    if (/^\s/.test(value)) continue;
    if (value === "[") depth++;
    if (value === "]" && --depth === 0) break;
    if (depth > 0 && !(tokens.length === 0 && value === "[")) tokens.push({ value, at: m.index });
  }
  return tokens;
}

const isWord = (t) => Boolean(t) && /^[A-Za-z_]/.test(t.value);
const is = (t, word) => Boolean(t) && t.value.toLowerCase() === word;

/** Index just past the bracket group that opens at i ('(' or '['), across nested groups. */
function skipGroup(ts, i) {
  let depth = 0;
  for (; i < ts.length; i++) {
    if (ts[i].value === "(" || ts[i].value === "[") depth++;
    if ((ts[i].value === ")" || ts[i].value === "]") && --depth === 0) return i + 1;
  }
  return i;
}

/** Index just past a bind expression (`:name`, `:rec.Id`, `:list[0].Id`, `:helper()`, `:(a + b)`) starting at ':'. */
function skipBind(ts, i) {
  i++;
  if (ts[i]?.value === "(") return skipGroup(ts, i);
  if (is(ts[i], "new")) i++;
  i++;
  for (;;) {
    if (ts[i]?.value === "(" || ts[i]?.value === "[") i = skipGroup(ts, i);
    else if (ts[i]?.value === "." && isWord(ts[i + 1])) i += 2;
    else return i;
  }
}

/**
 * Parses the query whose SELECT is at ts[i]. Returns { object, objectToken, refs, children, semiJoins,
 * aliases, end } where end is the index of the token that closed it (its ')' or the end of the tokens).
 */
function parseQuery(ts, i) {
  const q = { object: null, objectToken: null, refs: [], children: [], semiJoins: [], aliases: new Set() };
  i++;
  // SELECT list: fields, functions with optional alias, (child subqueries), TYPEOF … END.
  while (i < ts.length && !is(ts[i], "from")) {
    const t = ts[i];
    if (t.value === "(" && is(ts[i + 1], "select")) {
      const child = parseQuery(ts, i + 1);
      q.children.push(child);
      i = child.end + 1;
    } else if (is(t, "typeof")) {
      while (i < ts.length && !is(ts[i], "end")) i++;
      i++;
    } else if (isWord(t) && ts[i + 1]?.value === "(") {
      i = functionArgs(ts, i, q.refs);
      if (isWord(ts[i]) && !is(ts[i], "from")) q.aliases.add(ts[i++].value.toLowerCase());
    } else if (isWord(t)) {
      q.refs.push(t);
      i++;
      if (isWord(ts[i]) && !is(ts[i], "from")) q.aliases.add(ts[i++].value.toLowerCase());
    } else {
      i++;
    }
  }
  i++;
  q.objectToken = ts[i];
  q.object = ts[i]?.value ?? null;
  i++;
  let objectAlias = null;
  if (isWord(ts[i]) && !KEYWORDS.has(ts[i].value.toLowerCase())) objectAlias = ts[i++].value;
  // Clauses: field references in WHERE, GROUP BY, HAVING, ORDER BY; options skipped.
  let skipping = false;
  let depth = 0;
  for (; i < ts.length; i++) {
    const t = ts[i];
    const word = t.value.toLowerCase();
    if (t.value === ")" && depth-- === 0) break;
    if (t.value === "(") {
      if (is(ts[i + 1], "select")) {
        const semi = parseQuery(ts, i + 1);
        q.semiJoins.push(semi);
        i = semi.end;
      } else depth++;
    } else if (t.value === ":") {
      i = skipBind(ts, i) - 1;
    } else if (isWord(t) && CLAUSES.has(word) && depth === 0) {
      skipping = OPTION_CLAUSES.has(word);
    } else if (skipping || !isWord(t) || KEYWORDS.has(word)) {
      continue;
    } else if (DATE_LITERAL.test(t.value)) {
      if (ts[i + 1]?.value === ":") i += 2;
    } else if (ts[i + 1]?.value === "(") {
      i = functionArgs(ts, i, q.refs) - 1;
    } else if (!q.aliases.has(word)) {
      q.refs.push(t);
    }
  }
  if (objectAlias) {
    const prefix = `${objectAlias.toLowerCase()}.`;
    q.refs = q.refs
      .filter((r) => r.value.toLowerCase() !== objectAlias.toLowerCase())
      .map((r) =>
        r.value.toLowerCase().startsWith(prefix) ? { ...r, value: r.value.slice(prefix.length) } : r
      );
  }
  q.end = i;
  return q;
}

/** Collects the field arguments of a function call at ts[i] (COUNT(Id), MAX(x), toLabel(Status)); returns the index after it. */
function functionArgs(ts, i, refs) {
  const name = ts[i].value.toLowerCase();
  const end = skipGroup(ts, i + 1);
  if (name === "fields") return end; // FIELDS(ALL|STANDARD|CUSTOM)
  for (let j = i + 2; j < end - 1; j++) {
    const t = ts[j];
    if (t.value === ":") j = skipBind(ts, j) - 1;
    else if (isWord(t) && ts[j + 1]?.value !== "(" && !KEYWORDS.has(t.value.toLowerCase())) refs.push(t);
  }
  return end;
}

/**
 * Checks every inline SOQL query in the given Apex files.
 * @param {object} options
 * @param {string[]} options.files .cls and .trigger files
 * @param {(file: string) => string} options.text file contents
 * @param {(name: string) => boolean} options.objectExists the object exists in the source or on every org
 * @param {(object: string, field: string) => {exists: boolean, target: string|null}} options.resolveField
 *   one field or relationship name on an object, with the object a relationship points to
 * @param {(parent: string, relationship: string) => {exists: boolean, object: string|null}} options.childObject
 *   a child relationship of a parent object and the child object when the model knows it
 * @returns {{ findings: {file: string, line: number, message: string}[], queries: number, references: number }}
 */
export function checkInlineSoql({ files, text, objectExists, resolveField, childObject }) {
  const findings = [];
  let queries = 0;
  let references = 0;
  for (const file of files) {
    const source = text(file);
    const { blanked, starts } = queryStarts(source);
    if (starts.length === 0) continue;
    const lineStarts = [0];
    for (let i = 0; i < source.length; i++) if (source[i] === "\n") lineStarts.push(i + 1);
    const lineAt = (offset) => {
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
      return lo + 1;
    };
    const flag = (token, message) =>
      findings.push({ file, line: lineAt(token.at), message: `SOQL: ${message}` });

    const checkRefs = (q, object) => {
      for (const ref of q.refs) {
        references++;
        const problem = missingInPath(resolveField, objectExists, object, ref.value);
        if (problem) flag(ref, problem);
      }
    };
    const checkQuery = (q, parent) => {
      queries++;
      if (!q.objectToken) return;
      let object = q.object;
      if (parent === undefined) {
        if (!objectExists(object)) {
          flag(q.objectToken, `unknown object ${object} in FROM`);
          return;
        }
      } else if (parent !== null) {
        const child = childObject(parent, object);
        if (!child.exists) {
          flag(q.objectToken, `${parent} has no child relationship ${object}`);
          return;
        }
        object = child.object;
      }
      if (object) checkRefs(q, object);
      q.children.forEach((c) => checkQuery(c, object));
      q.semiJoins.forEach((s) => checkQuery(s, undefined));
    };
    for (const start of starts) {
      const ts = tokenize(blanked, start);
      if (is(ts[0], "select")) checkQuery(parseQuery(ts, 0), undefined);
    }
  }
  return { findings, queries, references };
}

/**
 * Follows a field path (Name, Lead__r.Company, Owner.Name) from an object; returns why it does not
 * resolve, or null. A relationship whose target is outside the model ends the check without a finding.
 */
function missingInPath(resolveField, objectExists, object, fieldPath) {
  let obj = object;
  const parts = fieldPath.split(".");
  for (let i = 0; i < parts.length; i++) {
    const { exists, target } = resolveField(obj, parts[i]);
    if (!exists) return `${obj} has no field ${parts[i]}${parts.length > 1 ? ` (in ${fieldPath})` : ""}`;
    if (i === parts.length - 1) return null;
    if (!target) return `${obj}.${parts[i]} is not a relationship (in ${fieldPath})`;
    if (!objectExists(target)) return null;
    obj = target;
  }
  return null;
}
