/**
 * Every format is written against its payload (the part after any syslog header), so that the same
 * FortiGate, Cisco or CEF parser works for lines with a `<PRI>` header, a BSD header, an RFC 5424 header
 * or none. `defineFormat` turns such a payload parser into a full `Parser` that sees through the header.
 */
import type { EventFields } from '@mamori/schema';
import type { ParseContext, ParseOutcome, Parser } from '../parser.ts';
import { splitSyslogHeader, type SyslogHeader } from '../syslog/syslog-header.ts';
import { writeSyslogFields } from '../syslog/write-syslog-fields.ts';

export interface FormatSpec {
  name: string;
  description: string;
  /** Cheap check on the payload; `header` is there for formats recognised by their syslog tag (sshd). */
  detect(payload: string, header: SyslogHeader | undefined): boolean;
  /** Fills `fields`; returns an error text when the payload did not parse fully. Must not throw. */
  parse(payload: string, header: SyslogHeader | undefined, ctx: ParseContext, fields: EventFields): string | undefined;
}

export interface Format extends Parser {
  readonly spec: FormatSpec;
}

/** Runs a payload parser under a try/catch: a bug in one format must not take the pipeline down. */
export function runFormat(
  spec: FormatSpec,
  line: string,
  header: SyslogHeader | undefined,
  ctx: ParseContext,
): ParseOutcome {
  const fields: EventFields = {};
  let error: string | undefined;
  try {
    if (header !== undefined) writeSyslogFields(line, header, ctx, fields);
    const payload = header === undefined ? line : line.slice(header.payloadStart);
    error = spec.parse(payload, header, ctx, fields);
  } catch (e) {
    error = `internal parser error in ${spec.name}: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (fields['event.created'] === undefined && Number.isFinite(ctx.receivedAt)) fields['event.created'] = ctx.receivedAt;
  return error === undefined ? { fields } : { fields, error };
}

export function defineFormat(spec: FormatSpec): Format {
  return {
    spec,
    name: spec.name,
    description: spec.description,
    detect(line: string): boolean {
      try {
        const h = splitSyslogHeader(line);
        return spec.detect(h === undefined ? line : line.slice(h.payloadStart), h);
      } catch {
        return false;
      }
    },
    parse(line: string, ctx: ParseContext): ParseOutcome {
      let h: SyslogHeader | undefined;
      try {
        h = splitSyslogHeader(line);
      } catch {
        h = undefined;
      }
      return runFormat(spec, line, h, ctx);
    },
  };
}
