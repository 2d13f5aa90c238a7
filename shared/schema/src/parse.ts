/**
 * Validation with errors a person can act on: one { path, message } per
 * problem, path dotted from the update root (payload.count.value,
 * sources.0.via.0.name), "(root)" for the update itself.
 */
import type { z } from 'zod';
import { updateSchema, type Update } from './update.ts';

export interface FieldError {
  path: string;
  message: string;
}

export type ParseResult = { ok: true; update: Update } | { ok: false; errors: FieldError[] };

/** Dotted path; "(root)" for the update itself; odd keys (spaces, dots...) are quoted. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((p) => (typeof p === 'string' && !/^[A-Za-z0-9_$-]+$/.test(p) ? JSON.stringify(p) : String(p))).join('.');
}

function describeType(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  return typeof input === 'object' ? 'an object' : typeof input;
}

/** Rewrites zod's issue messages into short imperative ones; custom messages pass through. */
function messageOf(issue: z.core.$ZodIssue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return 'is required';
      if (issue.expected === 'int') return `must be a whole number, got ${JSON.stringify(input)}`;
      return `must be ${issue.expected === 'object' ? 'an object' : issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}, got ${describeType(input)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array')
        return issue.message.startsWith('needs') ? issue.message : Number(issue.minimum) === 1 ? 'needs at least one entry' : `needs at least ${String(issue.minimum)} entries`;
      if (issue.origin === 'string') return issue.message.startsWith('must') ? issue.message : 'must not be empty';
      return issue.message.startsWith('must') ? issue.message : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.message.startsWith('must')) return issue.message;
      return issue.origin === 'array' ? `must have at most ${String(issue.maximum)} entries` : `must be at most ${String(issue.maximum)}`;
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options))
        return `must be one of ${issue.options.map((v) => String(v)).join(', ')}`;
      return issue.message;
    default:
      return issue.message;
  }
}

/** The value at a path inside the input, to say what was received. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/**
 * Flattens zod issues into field errors: one error per unknown field, and one
 * per path otherwise — the first, most basic one (zod goes on checking a
 * string's length after finding it is not a string, which only confuses).
 */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[], input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const add = (path: string, message: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    errors.push({ path, message });
  };
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(formatPath([...issue.path, key]), 'is not a known field');
      continue;
    }
    add(formatPath(issue.path), messageOf(issue, valueAt(input, issue.path)));
  }
  return errors;
}

export function parseUpdate(input: unknown): ParseResult {
  const result = updateSchema.safeParse(input);
  if (result.success) return { ok: true, update: result.data };
  return { ok: false, errors: toFieldErrors(result.error.issues, input) };
}

/** Throws with every problem listed; for code that holds updates it built itself (seed, tests). */
export function assertUpdate(input: unknown): Update {
  const result = parseUpdate(input);
  if (result.ok) return result.update;
  throw new Error(`invalid update: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
}
