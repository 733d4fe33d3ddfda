// Reading calls for the CLI: a JSON call, a JSON array, the API's own {"calls":[…]} shape, NDJSON, or
// form bodies as Twilio posts them (application/x-www-form-urlencoded, one body a line), with every value
// tagged by where it came from (file:line or file[i]) so each error names its place once.
import { readFileSync } from "node:fs";

/** A value read from an input, and where: `calls.json[2]` or `calls.ndjson:7`. */
export interface SourcedValue {
  value: unknown;
  where: string;
}

/** Bad input (unreadable file, malformed JSON): the CLI's usage exit code, with the place named. */
export class InputError extends Error {}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/**
 * The offset where JSON text stops being valid (a small recursive-descent scan; Node 20's JSON.parse
 * messages do not always carry a position).
 */
export function jsonErrorOffset(text: string): number {
  let at = 0;
  const fail = (): never => {
    throw at;
  };
  const space = () => {
    while (at < text.length && " \t\n\r".includes(text[at]!)) at += 1;
  };
  const literal = (word: string) => {
    for (const char of word) if (text[at++] !== char) fail();
  };
  const string = () => {
    at += 1;
    while (at < text.length && text[at] !== '"') {
      if (text.charCodeAt(at) < 0x20) fail();
      at += text[at] === "\\" ? 2 : 1;
    }
    if (text[at] !== '"') fail();
    at += 1;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!match) fail();
    at += match![0].length;
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === "{") {
      at += 1;
      space();
      if (text[at] === "}") return void (at += 1);
      for (;;) {
        space();
        if (text[at] !== '"') fail();
        string();
        space();
        if (text[at] !== ":") fail();
        at += 1;
        value();
        space();
        if (text[at] === "}") return void (at += 1);
        if (text[at] !== ",") fail();
        at += 1;
      }
    }
    if (char === "[") {
      at += 1;
      space();
      if (text[at] === "]") return void (at += 1);
      for (;;) {
        value();
        space();
        if (text[at] === "]") return void (at += 1);
        if (text[at] !== ",") fail();
        at += 1;
      }
    }
    if (char === '"') return string();
    if (char === "t") return literal("true");
    if (char === "f") return literal("false");
    if (char === "n") return literal("null");
    return number();
  };
  try {
    value();
    space();
    return at < text.length ? at : -1;
  } catch (offset) {
    return Math.min(offset as number, text.length);
  }
}

/** JSON.parse, or an InputError naming `source:line:column` and the reason. */
function parseJson(text: string, source: string, lineOffset = 0): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const offset = Math.max(0, jsonErrorOffset(text));
    const { line, column } = lineColumn(text, offset);
    const reason = (error as Error).message
      .replace(/, ".*" is not valid JSON$/s, "")
      .replace(/ in JSON at position \d+.*$/s, "");
    const near = JSON.stringify(text.slice(offset, offset + 20));
    throw new InputError(`${source}:${line + lineOffset}:${column}: invalid JSON (${reason}) near ${near}`);
  }
}

/**
 * A line that is a form body (`CallSid=CA…&From=%2B1555…`): name=value pairs joined by `&`, URL-encoded,
 * so without spaces. JSON never looks like this (it starts with `{`, `[`, a quote, a digit or a literal).
 */
const FORM_BODY = /^[A-Za-z_][\w.-]*=[^\s&]*(&[A-Za-z_][\w.-]*=[^\s&]*)*$/;

/**
 * The values in one input's text: a call, an array of calls, {"calls":[…]}, NDJSON (one call a line), or
 * form bodies (one a line; each becomes an object of its fields, as Twilio's adapter reads them).
 */
export function parseCalls(text: string, source: string): SourcedValue[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  const lines = trimmed.split(/\r?\n/);
  const firstLine = lines[0]!.trim();
  if (FORM_BODY.test(firstLine)) {
    return lines.flatMap((line, index) => {
      const body = line.trim();
      if (body === "") return [];
      if (!FORM_BODY.test(body)) {
        throw new InputError(
          `${source}:${index + 1}: not a form body (name=value&…) like the lines before it`
        );
      }
      return [{ value: Object.fromEntries(new URLSearchParams(body)), where: `${source}:${index + 1}` }];
    });
  }
  const ndjson = lines.length > 1 && jsonErrorOffset(firstLine) === -1 && jsonErrorOffset(trimmed) !== -1;
  if (ndjson) {
    return lines.flatMap((line, index) =>
      line.trim() === "" ? [] : [{ value: parseJson(line, source, index), where: `${source}:${index + 1}` }]
    );
  }
  const value = parseJson(trimmed, source);
  const list =
    value &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    Array.isArray((value as { calls?: unknown }).calls)
      ? (value as { calls: unknown[] }).calls
      : Array.isArray(value)
        ? value
        : undefined;
  return list
    ? list.map((item, index) => ({ value: item, where: `${source}[${index}]` }))
    : [{ value, where: source }];
}

/** Reads a file ('-' = stdin) or throws an InputError naming the path and what is wrong. */
export function readInput(file: string): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory (use callcap replay <dir> for a directory)"
          : code === "EACCES"
            ? "permission denied"
            : (error as Error).message;
    throw new InputError(`cannot read ${file}: ${reason}`);
  }
}
