import type { z } from 'zod';

/**
 * One validation issue in words a person at a terminal reads at once
 * ("must be at least 1", not zod's "Too small: expected number to be >=1").
 * Messages the schema words itself (regexes, refinements) pass through.
 */
export function issueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number') return 'must be a number';
      if (issue.expected === 'int') return 'must be a whole number';
      return issue.message;
    case 'too_small':
      if (issue.origin !== 'number') return issue.message;
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin !== 'number') return issue.message;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    default:
      return issue.message;
  }
}
