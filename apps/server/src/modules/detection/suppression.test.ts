import { describe, expect, it } from 'vitest';
import { compileSuppression, findSuppression } from './suppression.ts';

const NOW = Date.UTC(2026, 10, 22);

describe('suppressions (DET-5)', () => {
  const scanner = compileSuppression({ id: 1, ruleId: 'rule-a', conditions: { 'source.ip': ['198.51.100.0/24'], 'user.name': ['svc-*'] }, expiresAt: null });
  const expired = compileSuppression({ id: 2, ruleId: undefined, conditions: { 'host.name': ['web1'] }, expiresAt: NOW - 1 });

  it('needs the rule and every field condition to hold', () => {
    expect(findSuppression([scanner], 'rule-a', { 'source.ip': '198.51.100.9', 'user.name': 'SVC-scan' }, NOW)?.id).toBe(1);
    expect(findSuppression([scanner], 'rule-b', { 'source.ip': '198.51.100.9', 'user.name': 'svc-scan' }, NOW)).toBeUndefined();
    expect(findSuppression([scanner], 'rule-a', { 'source.ip': '192.0.2.9', 'user.name': 'svc-scan' }, NOW)).toBeUndefined();
    expect(findSuppression([scanner], 'rule-a', { 'source.ip': '198.51.100.9' }, NOW)).toBeUndefined();
  });

  it('stops at its expiry', () => {
    expect(findSuppression([expired], 'any', { 'host.name': 'web1' }, NOW)).toBeUndefined();
    expect(findSuppression([expired], 'any', { 'host.name': 'web1' }, NOW - 10)?.id).toBe(2);
  });

  it('matches list-valued fields by any element, and wildcards literally otherwise', () => {
    const s = compileSuppression({ id: 3, ruleId: undefined, conditions: { 'event.category': ['network'], 'url.original': ['*/a.b?c'] }, expiresAt: null });
    expect(findSuppression([s], 'x', { 'event.category': ['network', 'intrusion_detection'], 'url.original': 'http://h/a.b1c' }, NOW)?.id).toBe(3);
    expect(findSuppression([s], 'x', { 'event.category': ['network'], 'url.original': 'http://h/aXb1c' }, NOW)).toBeUndefined();
  });
});
