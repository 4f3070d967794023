import { describe, expect, it } from 'vitest';
import { matcher, rejection } from './helpers/fixture-rules.ts';

describe('plain values and wildcards', () => {
  it('matches case-insensitively by default, whole value only', () => {
    const m = matcher('sel:\n  Image: C:\\Windows\\cmd.exe\ncondition: sel');
    expect(m({ Image: 'c:\\windows\\CMD.EXE' })).toBe(true);
    expect(m({ Image: 'c:\\windows\\cmd.exe2' })).toBe(false);
  });

  it('treats * and ? as wildcards and \\* \\? as literal characters', () => {
    const m = matcher("sel:\n  Name: 'prog?.ex*'\ncondition: sel");
    expect(m({ Name: 'progA.exe' })).toBe(true);
    expect(m({ Name: 'prog.exe' })).toBe(false);
    const lit = matcher("sel:\n  Name: 'a\\*b\\?'\ncondition: sel");
    expect(lit({ Name: 'a*b?' })).toBe(true);
    expect(lit({ Name: 'axxb?' })).toBe(false);
  });

  it('reads \\\\ before a wildcard as one literal backslash followed by the wildcard', () => {
    const m = matcher("sel:\n  Path: 'C:\\\\*'\ncondition: sel");
    expect(m({ Path: 'C:\\temp' })).toBe(true);
  });

  it('compares numbers as text and lists as OR', () => {
    const m = matcher('sel:\n  EventID:\n    - 4688\n    - 1\ncondition: sel');
    expect(m({ EventID: '4688' })).toBe(true);
    expect(m({ EventID: 1 })).toBe(true);
    expect(m({ EventID: 2 })).toBe(false);
  });

  it('matches a list-valued event field when any element matches', () => {
    const m = matcher('sel:\n  tags: blue\ncondition: sel');
    expect(m({ tags: ['red', 'Blue'] })).toBe(true);
    expect(m({ tags: ['red'] })).toBe(false);
  });
});

describe('contains / startswith / endswith / all / cased', () => {
  it('contains, startswith and endswith anchor as their names say', () => {
    expect(matcher("s:\n  F|contains: 'mid'\ncondition: s")({ F: 'aMIDb' })).toBe(true);
    expect(matcher("s:\n  F|startswith: 'ab'\ncondition: s")({ F: 'ABc' })).toBe(true);
    expect(matcher("s:\n  F|startswith: 'ab'\ncondition: s")({ F: 'cab' })).toBe(false);
    expect(matcher("s:\n  F|endswith: '.exe'\ncondition: s")({ F: 'x.EXE' })).toBe(true);
    expect(matcher("s:\n  F|endswith: '.exe'\ncondition: s")({ F: 'x.exe.txt' })).toBe(false);
  });

  it('all links the values with AND', () => {
    const m = matcher("s:\n  F|contains|all:\n    - ' -a '\n    - ' -b '\ncondition: s");
    expect(m({ F: 'x -b  -a y' })).toBe(true);
    expect(m({ F: 'x -a y' })).toBe(false);
  });

  it('cased matches case-sensitively', () => {
    const m = matcher('s:\n  F|cased: Admin\ncondition: s');
    expect(m({ F: 'Admin' })).toBe(true);
    expect(m({ F: 'admin' })).toBe(false);
  });

  it('rejects two position modifiers on one field with a clear reason', () => {
    expect(rejection('s:\n  F|contains|startswith: x\ncondition: s')).toMatch(/contains and \|startswith/);
    expect(rejection('s:\n  F|nonsense: x\ncondition: s')).toMatch(/unknown modifier \|nonsense/);
  });
});

describe('windash', () => {
  it('accepts -, /, en dash, em dash and horizontal bar for every dash', () => {
    const m = matcher("s:\n  CommandLine|windash|contains: ' -enc '\ncondition: s");
    for (const dash of ['-', '/', '\u2013', '\u2014', '\u2015']) {
      expect(m({ CommandLine: `powershell ${dash}enc AAAA` })).toBe(true);
    }
    expect(m({ CommandLine: 'powershell +enc AAAA' })).toBe(false);
  });
});

describe('re', () => {
  it('is case-sensitive unless |i, and honours m and s', () => {
    expect(matcher("s:\n  F|re: '^ab+c$'\ncondition: s")({ F: 'abbc' })).toBe(true);
    expect(matcher("s:\n  F|re: '^ab+c$'\ncondition: s")({ F: 'ABBC' })).toBe(false);
    expect(matcher("s:\n  F|re|i: '^ab+c$'\ncondition: s")({ F: 'ABBC' })).toBe(true);
    expect(matcher("s:\n  F|re|m: '^two$'\ncondition: s")({ F: 'one\ntwo' })).toBe(true);
    expect(matcher("s:\n  F|re: '^two$'\ncondition: s")({ F: 'one\ntwo' })).toBe(false);
    expect(matcher("s:\n  F|re|s: 'a.b'\ncondition: s")({ F: 'a\nb' })).toBe(true);
    expect(matcher("s:\n  F|re: 'a.b'\ncondition: s")({ F: 'a\nb' })).toBe(false);
  });

  it('accepts a leading PCRE (?i) as SigmaHQ rules write it', () => {
    expect(matcher("s:\n  F|re: '(?i)^abc'\ncondition: s")({ F: 'ABCd' })).toBe(true);
  });

  it('reports an invalid regular expression', () => {
    expect(rejection("s:\n  F|re: 'a('\ncondition: s")).toMatch(/not a valid regular expression/);
  });
});

describe('encodings', () => {
  it('base64 matches the encoded value', () => {
    const m = matcher("s:\n  F|base64: 'http://'\ncondition: s");
    expect(m({ F: btoa('http://') })).toBe(true);
  });

  it('base64offset finds a value at any byte offset of a base64 blob', () => {
    const m = matcher("s:\n  F|base64offset|contains: 'Invoke-Mimikatz'\ncondition: s");
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      expect(m({ F: btoa(`${prefix}IEX Invoke-Mimikatz -Command`) })).toBe(true);
    }
    expect(m({ F: btoa('nothing to see') })).toBe(false);
  });

  it('utf16le / wide / utf16be / utf16 encode before base64', () => {
    const le = (s: string): string => [...s].map((c) => c + '\0').join('');
    const be = (s: string): string => [...s].map((c) => '\0' + c).join('');
    expect(matcher("s:\n  F|wide|base64offset|contains: 'ping'\ncondition: s")({ F: btoa(le('cmd /c ping x')) })).toBe(
      true,
    );
    expect(matcher("s:\n  F|utf16le|base64: 'cmd'\ncondition: s")({ F: btoa(le('cmd')) })).toBe(true);
    expect(matcher("s:\n  F|utf16be|base64: 'cmd'\ncondition: s")({ F: btoa(be('cmd')) })).toBe(true);
    expect(matcher("s:\n  F|utf16|base64: 'cmd'\ncondition: s")({ F: btoa('\xff\xfe' + le('cmd')) })).toBe(true);
  });
});

describe('regex literal prefilter', () => {
  it('finds the literal a regex needs, and none when an alternation makes it optional', async () => {
    const { requiredLiteral } = await import('../src/modifiers/regex-literal.ts');
    expect(requiredLiteral('\\w+`(?:\\w+|-|.)`[\\w+|\\s]')).toBe('`');
    expect(requiredLiteral('foo\\.exe$')).toBe('foo.exe');
    expect(requiredLiteral('abc?d')).toBe('ab');
    expect(requiredLiteral('x{0,3}yz')).toBe('yz');
    expect(requiredLiteral('a|b')).toBeUndefined();
    expect(requiredLiteral('(?:a|b)+')).toBeUndefined();
  });

  it('keeps a backtracking-prone regex off long values that lack its literal', () => {
    const m = matcher("s:\n  CommandLine|re: '\\w+`(?:\\w+|-|.)`[\\w+|\\s]'\ncondition: s");
    const started = performance.now();
    expect(m({ CommandLine: 'x'.repeat(200_000) })).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(m({ CommandLine: 'IN`V`o`Ke-eXp`ResSIOn' })).toBe(true);
  });
});
