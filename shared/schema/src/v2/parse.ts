/**
 * Validation with errors a person can act on, as in v1: one { path, message }
 * per problem, dotted from the update root. Unions (a quantity is a value, a
 * range or a vague word; a When is an instant or a period) are reported from
 * the branch the input came closest to, not as "no union matched".
 */
import type { z } from 'zod';
import { toFieldErrors, type FieldError } from '../parse.ts';
import { updateSchema, type Update } from './update.ts';

export type { FieldError } from '../parse.ts';
export type ParseResult = { ok: true; update: Update } | { ok: false; errors: FieldError[] };

type Issue = z.core.$ZodIssue;

/**
 * Replaces each union failure by the issues of its closest branch (fewest
 * issues; unknown fields weigh more, since they mean the input is another
 * shape), with paths made absolute.
 */
export function flattenUnionIssues(issues: readonly Issue[]): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const branches = issue.code === 'invalid_union' ? (issue as { errors?: Issue[][] }).errors : undefined;
    if (!branches || branches.length === 0) {
      out.push(issue);
      continue;
    }
    const weight = (b: Issue[]) => b.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? 2 * i.keys.length : 1), 0);
    const best = branches.reduce((a, b) => (weight(b) < weight(a) ? b : a));
    const prefixed = best.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue);
    out.push(...flattenUnionIssues(prefixed));
  }
  return out;
}

export function parseUpdate(input: unknown): ParseResult {
  const result = updateSchema.safeParse(input);
  if (result.success) return { ok: true, update: result.data };
  return { ok: false, errors: toFieldErrors(flattenUnionIssues(result.error.issues), input) };
}

/** Throws with every problem listed; for code that holds updates it built itself (seed, tests). */
export function assertUpdate(input: unknown): Update {
  const result = parseUpdate(input);
  if (result.ok) return result.update;
  throw new Error(`invalid v2 update: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
}
