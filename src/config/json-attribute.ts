/**
 * JSON-valued attributes (`items='[…]'`, `money='{…}'`, `deposit`, `payout`).
 *
 * `parseJsonAttribute()` never throws: text that is not JSON becomes an {@link InvalidJson} marker, which
 * `parseConfig()` reports as an issue (`items: is not valid JSON`). That way an attribute and a property go
 * through the very same schemas, and a typo in markup is reported like any other config mistake.
 */

/** Marker for attribute text that is not valid JSON. Holds no copy of the text (it could be anything). */
export class InvalidJson {
  readonly invalidJson = true;
  /** Length of the text that failed, for debugging without echoing it. */
  constructor(readonly length: number) {}
}

/**
 * Parses an attribute value as JSON.
 * - `null` (attribute absent) and blank text → `undefined` (option not set);
 * - valid JSON → the parsed value;
 * - anything else → an `InvalidJson` marker.
 */
export function parseJsonAttribute(value: string | null | undefined): unknown {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return new InvalidJson(text.length);
  }
}

export function isInvalidJson(value: unknown): value is InvalidJson {
  return value instanceof InvalidJson;
}
