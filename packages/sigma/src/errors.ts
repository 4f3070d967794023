/** A rule that cannot be loaded or compiled; the message says what to fix, in the rule's own terms. */
export class SigmaRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigmaRuleError';
  }
}
