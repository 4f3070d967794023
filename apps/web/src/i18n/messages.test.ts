import { describe, expect, it } from 'vitest';
import { en } from './messages.en.ts';
import { ja } from './messages.ja.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('console texts', () => {
  it('Japanese has every English key and no other', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it('each text has the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ja[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('no Japanese text is left in English', () => {
    const untranslated = (Object.keys(en) as (keyof typeof en)[]).filter((k) => ja[k] === en[k] && /[a-z]{3}/.test(en[k]) && !/^(ID|API|SLA|TOTP)/.test(en[k]));
    expect(untranslated).toEqual([]);
  });
});
