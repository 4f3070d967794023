import { describe, expect, it } from 'vitest';
import { canMove, statusAfterMessage } from './inquiry-status.ts';

describe('inquiry workflow', () => {
  it('decides requests but never questions or acknowledgements', () => {
    expect(canMove('signature_disable', 'answered', 'approved')).toBe(true);
    expect(canMove('config_change', 'open', 'rejected')).toBe(true);
    expect(canMove('question', 'answered', 'approved')).toBe(false);
    expect(canMove('acknowledge', 'open', 'rejected')).toBe(false);
  });

  it('closes decided requests and never reopens a closed one', () => {
    expect(canMove('signature_disable', 'approved', 'closed')).toBe(true);
    expect(canMove('signature_disable', 'approved', 'open')).toBe(false);
    expect(canMove('question', 'closed', 'open')).toBe(false);
  });

  it('marks a thread answered when staff write and reopens it when the customer writes back', () => {
    expect(statusAfterMessage('open', 'provider')).toBe('answered');
    expect(statusAfterMessage('answered', 'customer')).toBe('open');
    expect(statusAfterMessage('approved', 'customer')).toBe('approved');
  });
});
