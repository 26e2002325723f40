// What every plan parser returns: a plan, or an error written for the person who pasted it.

import type { Plan } from './model';

/** Why a plan could not be read. `line` is 1-based in the text as given. */
export interface PlanParseError {
  readonly message: string;
  readonly line?: number;
}

export type PlanParseResult =
  | { readonly ok: true; readonly plan: Plan }
  | { readonly ok: false; readonly error: PlanParseError };

/** A failed result with a message (and the line it is about, when there is one). */
export function parseFailure(message: string, line?: number): PlanParseResult {
  return { ok: false, error: line === undefined ? { message } : { message, line } };
}

/** A successful result. */
export function parseSuccess(plan: Plan): PlanParseResult {
  return { ok: true, plan };
}
