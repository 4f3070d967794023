export type { Parser, ParseContext, ParseOutcome } from './parser.ts';
