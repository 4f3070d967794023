import { describe, expect, it } from 'vitest';
import { SyslogFramer, splitLines } from './syslog-framing.ts';

function frame(chunks: Array<string | Buffer>, max = 1024 * 1024): string[] {
  const out: string[] = [];
  const framer = new SyslogFramer(max, (m) => out.push(m.toString('latin1')));
  for (const c of chunks) framer.push(Buffer.isBuffer(c) ? c : Buffer.from(c, 'latin1'));
  framer.end();
  return out;
}

describe('SyslogFramer', () => {
  it('splits newline-delimited messages and drops the CR of CRLF', () => {
    expect(frame(['<13>a\n<13>b\r\n<13>c\n'])).toEqual(['<13>a', '<13>b', '<13>c']);
  });

  it('reads octet-counted frames (RFC 6587) even when a frame spans chunks', () => {
    const m1 = '<13>1 - h a - - - hello world';
    const m2 = '<13>1 - h a - - - with\nnewline inside';
    const stream = `${m1.length} ${m1}${m2.length} ${m2}`;
    expect(frame([stream.slice(0, 5), stream.slice(5, 40), stream.slice(40)])).toEqual([m1, m2]);
  });

  it('keeps a newline-delimited line that merely starts with digits', () => {
    expect(frame(['2026 is not a length\n', '12 apples\n'])).toEqual(['2026 is not a length', '12 apples']);
  });

  it('keeps the bytes of a truncated frame at end of stream', () => {
    expect(frame(['40 <13>1 - h a - - - cut short'])).toEqual(['<13>1 - h a - - - cut short']);
    expect(frame(['<13>no newline at the end'])).toEqual(['<13>no newline at the end']);
  });

  it('hands on an oversized line in consecutive pieces instead of dropping it', () => {
    const long = 'x'.repeat(2500);
    const pieces = frame([long + '\nnext\n'], 1024);
    expect(pieces.join('')).toBe(long + 'next');
    expect(pieces.slice(0, -1).every((p) => p.length <= 1024)).toBe(true);
  });

  it('hands on an oversized octet-counted frame in pieces', () => {
    const body = '<13>' + 'y'.repeat(3000);
    const pieces = frame([`${body.length} ${body}`, '5 <13>z'], 1024);
    expect(pieces.slice(0, -1).join('')).toBe(body);
    expect(pieces.at(-1)).toBe('<13>z');
  });

  it('passes binary garbage through without losing bytes', () => {
    const garbage = Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80, 0x0a, 0x41]);
    const out: Buffer[] = [];
    const f = new SyslogFramer(1024, (m) => out.push(Buffer.from(m)));
    f.push(garbage);
    f.end();
    expect(Buffer.concat(out)).toEqual(Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80, 0x41]));
  });
});

describe('splitLines', () => {
  it('splits on LF and CRLF and skips empty lines', () => {
    expect(splitLines(Buffer.from('a\r\nb\n\nc')).map(String)).toEqual(['a', 'b', 'c']);
  });
});
