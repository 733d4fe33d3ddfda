// A cheap lower bound of the UTF-8 byte length of JSON.stringify(value), computed without building the
// string: strings count as their length plus quotes (exact for printable ASCII without `"` or `\`, less
// for anything escaped or multi-byte). Batches are filled by this estimate and then serialized in one
// JSON.stringify (several times faster than one per call), and the body's exact length decides: a body
// over the cap is split (client.ts), so the estimate can only make a batch too big, never lose a call.

/** A lower bound of Buffer.byteLength(JSON.stringify(value)); 0 for what JSON leaves out. */
export function jsonLengthEstimate(value: unknown): number {
  switch (typeof value) {
    case "string":
      return value.length + 2;
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
        for (const item of value) bytes += jsonLengthEstimate(item) || 4; // left-out items are written as null
        return bytes;
      }
      let bytes = 2;
      let first = true;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const member = jsonLengthEstimate((value as Record<string, unknown>)[key]);
        if (member === 0) continue;
        bytes += (first ? 0 : 1) + key.length + 3 + member;
        first = false;
      }
      return bytes;
    }
    default:
      return 0;
  }
}
