/** Zod's validation issues as the API reports them: per field, or as one line. */
import type { z } from 'zod';

export interface FieldIssue {
  /** The field's path, dotted: `texts.vi.answer`. */
  path: string;
  message: string;
}

/** The issues as field paths (under `prefix`), at most `limit` of them. */
export function fieldIssues(error: z.ZodError, prefix: Array<string | number> = [], limit = Infinity): FieldIssue[] {
  return error.issues.slice(0, limit).map((issue) => ({ path: [...prefix, ...issue.path].map(String).join('.'), message: issue.message }));
}

/** The issues as one line: `field: message; ...` (a message alone where the whole value is wrong). */
export function issueText(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
}
