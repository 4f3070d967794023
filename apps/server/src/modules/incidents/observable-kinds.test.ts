import { describe, expect, it } from 'vitest';
import { observableTypeOf, splitObservable } from './observable-kinds.ts';

describe('observable types from bare values', () => {
  it.each([
    ['203.0.113.7', 'ip'],
    ['2001:db8::1', 'ip'],
    ['https://shop.example.jp/struts2/upload.action', 'url'],
    ['d41d8cd98f00b204e9800998ecf8427e', 'hash'],
    ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'hash'],
    ['alice@example.jp', 'user'],
    ['CORP\\alice', 'user'],
    ['pool.minexmr.com', 'domain'],
    ['web01', 'host'],
  ])('%s is %s', (value, type) => {
    expect(observableTypeOf(value)).toBe(type);
  });
  it('splits correlation values and drops blanks', () => {
    expect(splitObservable('10.0.0.1, web01,,')).toEqual(['10.0.0.1', 'web01']);
    expect(splitObservable(null)).toEqual([]);
  });
});
