import type { EventFields } from '@mamori/schema';

export interface ParseContext {
  /** When Mamori received the line, UTC epoch ms: the reference for year inference (PAR-3). */
  receivedAt: number;
  /** IANA zone of the device's clock, for timestamps that carry no zone. Default "UTC". */
  timezone: string;
}

/**
 * What a parser returns. Parsers are total: they never throw and always return fields, even on
 * failure (at least what could be read); `error` says why the line did not parse fully.
 */
export interface ParseOutcome {
  fields: EventFields;
  error?: string;
}

export interface Parser {
  /** Stable identifier used in device configuration and the CLI (`fortigate`, `rfc5424`, …). */
  readonly name: string;
  /** One line for `mamori parsers`. */
  readonly description: string;
  /** Cheap check for auto-detection; true when the line looks like this format. */
  detect(line: string): boolean;
  parse(line: string, ctx: ParseContext): ParseOutcome;
}
