import { z } from 'zod';

/**
 * What the checks of a string or list schema state, read through zod's public API only.
 * zod 4 keeps a check's settings (its limit, its message) in internals that change between
 * releases, so each check is attached alone to a bare string or list schema and run on an
 * input it rejects: the issue carries the limit and the message. A refine is a schema of
 * its own (z.ZodCustom) whose public def holds its message.
 */

export interface StatedCheck {
  readonly kind: 'min_length' | 'max_length' | 'other';
  /** The length limit of a min_length or max_length check. */
  readonly limit?: number;
  /** The check's own message, when the schema gives it one (not zod's default text). */
  readonly message?: string;
}

type Check = NonNullable<z.ZodType['def']['checks']>[number];

/** Stands for "no message of the check's own" in the probe's error map. */
const NO_MESSAGE = '\u0000';

/** Strings that fail every pattern of the estate schema (a new pattern that passes all is reported). */
const STRING_PROBES = ['', '-', '--', '.', '\0', ' ', '/'];

const HUGE = 100_000;

/** The first issue `check` raises on the first probe it rejects. */
function probe(check: Check, list: boolean, probes: readonly unknown[]): z.core.$ZodIssue | undefined {
  // The schema's checks are typed for any value (never); this one is run on strings or lists only.
  const own = check as z.core.$ZodCheck<unknown>;
  const single = list ? z.array(z.unknown()).check(own) : z.string().check(own);
  for (const input of probes) {
    const result = single.safeParse(input, { error: () => NO_MESSAGE });
    if (!result.success) return result.error.issues[0];
  }
  return undefined;
}

const ownMessage = (issue: z.core.$ZodIssue | undefined) => (issue && issue.message !== NO_MESSAGE ? issue.message : undefined);

function lengthCheck(check: Check, list: boolean, min: boolean): StatedCheck {
  const input = list ? (min ? [] : new Array<null>(HUGE).fill(null)) : min ? '' : 'x'.repeat(HUGE);
  const issue = probe(check, list, [input]);
  const limit = issue && (issue.code === 'too_small' ? issue.minimum : issue.code === 'too_big' ? issue.maximum : undefined);
  return { kind: min ? 'min_length' : 'max_length', limit: limit === undefined ? undefined : Number(limit), message: ownMessage(issue) };
}

function statedCheck(check: Check, list: boolean): StatedCheck {
  if (check instanceof z.core.$ZodCheckMinLength) return lengthCheck(check, list, true);
  if (check instanceof z.core.$ZodCheckMaxLength) return lengthCheck(check, list, false);
  if (check instanceof z.ZodCustom) {
    const message = check.def.error?.({} as never);
    return { kind: 'other', message: typeof message === 'string' ? message : undefined };
  }
  if (check instanceof z.core.$ZodCheckStringFormat) {
    const issue = probe(check, false, STRING_PROBES);
    if (!issue) throw new Error('no probe string fails a pattern of the estate schema: add one to STRING_PROBES');
    return { kind: 'other', message: ownMessage(issue) };
  }
  // superRefine and the like: their messages depend on the value, none states a constraint.
  return { kind: 'other' };
}

/** The checks of a string or list schema, in declaration order. */
export function statedChecks(schema: z.ZodType): StatedCheck[] {
  const list = schema instanceof z.ZodArray;
  return (schema.def.checks ?? []).map((check) => statedCheck(check, list));
}
