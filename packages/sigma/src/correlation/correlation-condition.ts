import type { CorrelationCondition } from '../types.ts';

export interface CompiledCondition {
  test: (n: number) => boolean;
  /**
   * True when the condition has a lower bound (gt/gte/eq): it can fire as soon as a window reaches it.
   * Conditions with only upper bounds (lt/lte/neq: "fewer than N") can only be judged when a window closes.
   */
  firesEarly: boolean;
}

export function compileCondition(condition: CorrelationCondition | undefined, defaultMin: number): CompiledCondition {
  const bounds = condition?.bounds ?? { gte: defaultMin };
  const checks: Array<(n: number) => boolean> = [];
  for (const [op, limit] of Object.entries<number>(bounds)) {
    if (op === 'gt') checks.push((n) => n > limit);
    else if (op === 'gte') checks.push((n) => n >= limit);
    else if (op === 'lt') checks.push((n) => n < limit);
    else if (op === 'lte') checks.push((n) => n <= limit);
    else if (op === 'eq') checks.push((n) => n === limit);
    else checks.push((n) => n !== limit);
  }
  return {
    test: (n) => checks.every((c) => c(n)),
    firesEarly: 'gt' in bounds || 'gte' in bounds || 'eq' in bounds,
  };
}
