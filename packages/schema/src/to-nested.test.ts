import { describe, expect, it } from 'vitest';
import { toNested } from './to-nested.ts';

describe('toNested', () => {
  it('turns dotted keys into the ECS document shape', () => {
    expect(toNested({ '@timestamp': 1, 'source.ip': '1.2.3.4', 'source.port': 80, 'event.type': ['denied'], 'source.nat.ip': '5.6.7.8' })).toEqual({
      '@timestamp': 1,
      source: { ip: '1.2.3.4', port: 80, nat: { ip: '5.6.7.8' } },
      event: { type: ['denied'] },
    });
  });

  it('keeps a leaf that collides with an object under its full dotted name', () => {
    expect(toNested({ 'a.b': 'x', 'a.b.c': 'y' })).toEqual({ a: { b: 'x' }, 'a.b.c': 'y' });
  });

  it('treats __proto__ as data', () => {
    const doc = toNested({ '__proto__.polluted': 'yes' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(doc)).toEqual(['__proto__']);
  });
});
