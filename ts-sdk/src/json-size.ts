// The UTF-8 byte length of JSON.stringify(value), computed without building the string, so a batch can be
// sized call by call and then serialized in one JSON.stringify (several times faster than stringifying
// each call and joining the pieces). Exact for the JSON values a call holds; test/client.test.ts checks it
// against Buffer.byteLength(JSON.stringify(value)).

// Characters JSON writes as themselves, one byte each: printable ASCII except `"` and `\`.
const NEEDS_CARE = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;

const stringBytes = (text: string): number =>
  NEEDS_CARE.test(text) ? Buffer.byteLength(JSON.stringify(text)) : text.length + 2;

/** Bytes of JSON.stringify(value) in UTF-8 (0 for what JSON.stringify leaves out: undefined, functions). */
export function jsonByteLength(value: unknown): number {
  switch (typeof value) {
    case "string":
      return stringBytes(value);
    case "number":
      return Number.isFinite(value) ? String(value).length : 4;
    case "boolean":
      return value ? 4 : 5;
    case "object": {
      if (value === null) return 4;
      if (typeof (value as { toJSON?: unknown }).toJSON === "function")
        return Buffer.byteLength(JSON.stringify(value) ?? "");
      if (Array.isArray(value)) {
        let bytes = 2 + Math.max(0, value.length - 1);
        for (const item of value) bytes += jsonByteLength(item) || 4; // left-out items are written as null
        return bytes;
      }
      let bytes = 2;
      let first = true;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const member = jsonByteLength((value as Record<string, unknown>)[key]);
        if (member === 0) continue;
        bytes += (first ? 0 : 1) + stringBytes(key) + 1 + member;
        first = false;
      }
      return bytes;
    }
    default:
      return 0;
  }
}
