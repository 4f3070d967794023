export type { Parser, ParseContext, ParseOutcome } from './parser.ts';
export { parsers, getParser, parseLine, detectFormat } from './registry.ts';
export { formatExamples } from './examples.ts';
export { extractSyslogHostname, splitSyslogHeader, type SyslogHeader } from './syslog/syslog-header.ts';
