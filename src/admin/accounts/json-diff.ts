/**
 * A readable before/after of two JSON values, pure: one row per leaf that differs, named by
 * its path (`role`, `texts.en.title`, `questions[2]`). The audit page shows these rows; any
 * admin section can (FAQ revisions, settings).
 */

export interface DiffRow {
  /** `(value)` when the whole value is a leaf (a string, or null on one side). */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  /** The leaf as text (strings as they are, anything else as JSON); undefined when absent. */
  before?: string;
  after?: string;
}

export const ROOT_PATH = '(value)';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A leaf's JSON as people read it: strings without their quotes and escapes. */
function show(json: string): string {
  const value: unknown = JSON.parse(json);
  return typeof value === 'string' ? value : json;
}

function join(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  const safe = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  return prefix ? `${prefix}.${safe}` : safe;
}

/** Every leaf of a JSON value by path, as JSON; empty objects and arrays count as leaves. */
export function flattenJson(value: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (isObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) flattenJson(child, join(prefix, key), into);
  } else if (Array.isArray(value) && value.length > 0) {
    value.forEach((child, index) => flattenJson(child, join(prefix, index), into));
  } else if (value !== undefined) {
    // Compared as JSON, so the string "1" and the number 1 differ (shown by `show`).
    into.set(prefix || ROOT_PATH, JSON.stringify(value) ?? 'null');
  }
  return into;
}

/**
 * The leaves that differ between `before` and `after`, in the order they appear (after's
 * order, then what only `before` had). `null` or `undefined` on one side (a creation or a
 * deletion) makes every leaf of the other side added or removed.
 */
export function diffJson(before: unknown, after: unknown): DiffRow[] {
  const old = before === null || before === undefined ? new Map<string, string>() : flattenJson(before);
  const now = after === null || after === undefined ? new Map<string, string>() : flattenJson(after);
  const rows: DiffRow[] = [];
  for (const [path, value] of now) {
    const previous = old.get(path);
    if (previous === undefined) rows.push({ path, kind: 'added', after: show(value) });
    else if (previous !== value) {
      // "1" and 1 would read the same: then both are shown as JSON.
      const plain = show(previous) !== show(value);
      rows.push({ path, kind: 'changed', before: plain ? show(previous) : previous, after: plain ? show(value) : value });
    }
  }
  for (const [path, value] of old) if (!now.has(path)) rows.push({ path, kind: 'removed', before: show(value) });
  return rows;
}
