/**
 * The registry: every format in auto-detection order (specific before generic, plain syslog last) and
 * `parseLine`, the one entry point the ingest pipeline calls.
 */
import type { ParseContext, ParseOutcome, Parser } from './parser.ts';
import type { Format } from './lib/define-format.ts';
import { runFormat } from './lib/define-format.ts';
import { splitSyslogHeader, type SyslogHeader } from './syslog/syslog-header.ts';
import { formatsInDetectionOrder } from './formats/all-formats.ts';

const formats: readonly Format[] = formatsInDetectionOrder;
const byName = new Map<string, Format>(formats.map((p) => [p.name, p]));

/** All parsers, in auto-detection order. */
export const parsers: readonly Parser[] = formats;

export function getParser(name: string): Parser | undefined {
  return byName.get(name);
}

function safeSplit(line: string): SyslogHeader | undefined {
  try {
    return splitSyslogHeader(line);
  } catch {
    return undefined;
  }
}

/** The format auto-detection picks for `line` (header split once, every detector sees the payload). */
export function detectFormat(line: string, header: SyslogHeader | undefined = safeSplit(line)): Format | undefined {
  const payload = header === undefined ? line : line.slice(header.payloadStart);
  for (const f of formats) {
    try {
      if (f.spec.detect(payload, header)) return f;
    } catch {
      // a detector bug must not stop detection; try the next format
    }
  }
  return undefined;
}

/**
 * Parses one line with the named format, or detects it with 'auto'. Total: never throws; an unknown
 * format or an unrecognised line gives an error outcome (with `message` set to the line).
 */
export function parseLine(format: string, line: string, ctx: ParseContext): ParseOutcome & { format: string } {
  const header = safeSplit(line);
  let chosen: Format | undefined;
  if (format === 'auto') {
    chosen = detectFormat(line, header);
    if (chosen === undefined) {
      return { format: 'unknown', fields: { message: line, 'event.created': ctx.receivedAt }, error: 'no parser recognised the line' };
    }
  } else {
    chosen = byName.get(format);
    if (chosen === undefined) {
      return { format, fields: { message: line, 'event.created': ctx.receivedAt }, error: `unknown format "${format}"` };
    }
  }
  const out = runFormat(chosen.spec, line, header, ctx) as ParseOutcome & { format: string };
  out.format = chosen.name;
  return out;
}
