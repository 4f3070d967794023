import { describe, expect, it } from 'vitest';
import { SubstringAutomaton } from '../src/compile/substring-automaton.ts';
import { matcher } from './helpers/fixture-rules.ts';

describe('substring automaton', () => {
  it('finds every needle, overlapping ones included, folding case', () => {
    const ac = new SubstringAutomaton(['he', 'she', 'hers', 'his', 'é']);
    const found: number[] = [];
    ac.scan('USHERS ÉTÉ', found);
    expect([...new Set(found)].sort()).toEqual([0, 1, 2, 4]);
  });
});

describe('guard index', () => {
  it('still evaluates rules whose guard is a file name, an exact value or a substring', () => {
    const m = matcher(
      "img:\n  - Image|endswith: '\\rundll32.exe'\n  - OriginalFileName: RUNDLL32.EXE\ncli:\n  CommandLine|contains: MiniDump\ncondition: img and cli",
    );
    expect(m({ Image: 'C:\\Windows\\System32\\RunDll32.exe', CommandLine: 'comsvcs.dll, minidump 1 x full' })).toBe(
      true,
    );
    expect(m({ Image: 'C:\\x\\renamed.exe', OriginalFileName: 'rundll32.exe', CommandLine: 'MINIDUMP' })).toBe(true);
    expect(m({ Image: 'C:\\x\\notrundll32.exe', CommandLine: 'minidump' })).toBe(false);
  });

  it('does not let a guard hide a rule that can match without it (OR with an unguarded branch, not)', () => {
    const m = matcher("a:\n  F|endswith: '\\x.exe'\nb:\n  G|re: '^y+$'\ncondition: a or b");
    expect(m({ G: 'yyy' })).toBe(true);
    const n = matcher("a:\n  F|endswith: '\\x.exe'\ncondition: not a");
    expect(n({ F: 'C:\\z.exe' })).toBe(true);
  });
});
