/**
 * `mamori sigma eval` and `mamori rules test`: run Sigma rules from files over NDJSON logs, offline — no
 * server, no data dir. Output contract in /work/shared/spec/INTERFACES.md (one JSON line per match, then a
 * summary line).
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { EventFields } from '@mamori/schema';
import { parseLine } from '@mamori/parsers';
import {
  compileRuleSet,
  loadRules,
  testRules,
  type CorrelationMatch,
  type LoadResult,
  type MatchedRule,
  type UnsupportedRule,
} from '@mamori/sigma';
import { yamlFiles } from '../yaml-files.ts';

function loadRuleFiles(path: string): LoadResult {
  const base = statSync(path).isDirectory() ? path : '.';
  return loadRules(yamlFiles(path).map((f) => ({ source: relative(base, f) || f, text: readFileSync(f, 'utf8') })));
}

function isFlatEvent(value: unknown): value is EventFields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  let dotted = false;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('.')) dotted = true;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return false;
  }
  return dotted;
}

const parseContext = { receivedAt: Date.now(), timezone: 'UTC' };

/**
 * An already-normalised event (flat, dotted ECS keys) is used as it is; any other JSON log goes through the
 * parsers' auto-detection (Windows EVTX-as-JSON, winlogbeat, Suricata EVE, generic JSON …).
 */
export function normaliseLog(raw: unknown, line?: string): EventFields {
  if (isFlatEvent(raw)) return raw;
  return parseLine('auto', line ?? JSON.stringify(raw), parseContext).fields;
}

function ruleJson(rule: MatchedRule): { id: string; title: string; level: string | undefined } {
  return { id: rule.id, title: rule.title, level: rule.level };
}

function reportUnsupported(list: UnsupportedRule[]): void {
  for (const u of list) console.error(`unsupported: ${u.source} (${u.id}): ${u.reason}`);
}

/** Correlation time: `@timestamp` as epoch ms or ISO text, else one second per line. */
function eventTime(value: unknown, index: number): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    if (Number.isFinite(ms)) return ms;
  }
  return index * 1000;
}

async function* lines(path: string): AsyncGenerator<string> {
  const input = path === '-' ? process.stdin : createReadStream(path);
  const rl = createInterface({ input, crlfDelay: Infinity });
  for await (const line of rl) yield line;
}

async function evalCommand(opts: { rules: string; events: string }): Promise<void> {
  const loaded = loadRuleFiles(opts.rules);
  const set = compileRuleSet(loaded.rules);
  const unsupported = [...loaded.unsupported, ...set.unsupported];
  reportUnsupported(unsupported);
  const engine = set.correlationEngine();
  const write = (s: string): void => void process.stdout.write(`${s}\n`);
  const printCorrelations = (hits: CorrelationMatch[], index: number): number => {
    let n = 0;
    for (const h of hits) {
      if (h.rule.correlationOnly) continue;
      write(
        JSON.stringify({
          rule: ruleJson(h.rule),
          index,
          correlation: { type: h.type, group: h.group, value: h.value },
        }),
      );
      n++;
    }
    return n;
  };
  let index = -1;
  let events = 0;
  let matches = 0;
  for await (const line of lines(opts.events)) {
    index++;
    if (line.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      console.error(`line ${index}: not JSON, skipped`);
      continue;
    }
    const event = normaliseLog(raw, line);
    events++;
    const found = set.match(event);
    for (const m of found) {
      if (m.correlationOnly) continue;
      write(JSON.stringify({ rule: ruleJson(m), index }));
      matches++;
    }
    const ts = eventTime(event['@timestamp'], index);
    matches += printCorrelations(engine.process(event, found, ts), index);
  }
  matches += printCorrelations(engine.flush(), index);
  write(JSON.stringify({ summary: { rules: set.size, unsupported: unsupported.length, events, matches } }));
}

function testCommand(path: string): void {
  const loaded = loadRuleFiles(path);
  reportUnsupported(loaded.unsupported);
  const results = testRules(loaded.rules, { normalise: (example) => normaliseLog(example) });
  let failed = 0;
  for (const r of results) {
    if (r.passed) {
      console.log(`PASS ${r.source} — ${r.title} (${r.cases.length} examples)`);
      continue;
    }
    failed++;
    console.log(`FAIL ${r.source} — ${r.title}${r.error ? `: ${r.error}` : ''}`);
    for (const c of r.cases) if (!c.passed) console.log(`     ${c.expect}[${c.index}]: ${c.detail ?? 'failed'}`);
  }
  const untested = loaded.rules.length - results.length;
  console.log(
    `${results.length - failed} passed, ${failed} failed, ${untested} without examples, ${loaded.unsupported.length} unsupported`,
  );
  if (failed > 0 || loaded.unsupported.length > 0) process.exitCode = 1;
}

export function registerSigmaCommands(program: Command): void {
  program
    .command('sigma')
    .description('Sigma rules offline')
    .command('eval')
    .description('run Sigma rules over NDJSON logs; prints one JSON line per match, then a summary line')
    .requiredOption('--rules <file|dir>', 'a rule file or a directory of .yml rules')
    .requiredOption(
      '--events <file|->',
      'NDJSON logs (any JSON format the parsers recognise, or normalised events); - for stdin',
    )
    .action(evalCommand);

  // `rules import` / `rules list` may be registered by the server-side commands; share their `rules` command.
  const rules =
    program.commands.find((c) => c.name() === 'rules') ?? program.command('rules').description('detection rules');
  rules
    .command('test <file|dir>')
    .description("check each rule's own examples (x-mamori-tests: match / no-match)")
    .action(testCommand);
}
