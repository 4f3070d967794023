import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerSigmaCommands } from './sigma.ts';

const dir = mkdtempSync(join(tmpdir(), 'mamori-sigma-cli-'));
const rules = join(dir, 'rules.yml');
writeFileSync(
  rules,
  `title: Bitsadmin download
id: d059842b-6b9d-4ed1-b5c3-5b89143c6ede
level: medium
logsource: {product: windows, category: process_creation}
detection:
  img: {Image|endswith: '\\bitsadmin.exe'}
  cmd: {CommandLine|contains: ' /transfer '}
  condition: img and cmd
x-mamori-tests:
  match:
    - {winlog.channel: Microsoft-Windows-Sysmon/Operational, winlog.event_id: '1', winlog.event_data.Image: 'C:\\x\\bitsadmin.exe', winlog.event_data.CommandLine: 'bitsadmin /transfer j http://x y'}
  no-match:
    - {winlog.channel: Microsoft-Windows-Sysmon/Operational, winlog.event_id: '1', winlog.event_data.Image: 'C:\\x\\bitsadmin.exe', winlog.event_data.CommandLine: 'bitsadmin /list'}
`,
);
const evtx = (commandLine: string): string =>
  JSON.stringify({
    Event: {
      System: {
        Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon' } },
        EventID: 1,
        Channel: 'Microsoft-Windows-Sysmon/Operational',
      },
      EventData: { Image: 'C:\\Windows\\System32\\bitsadmin.exe', CommandLine: commandLine },
    },
  });
const events = join(dir, 'events.ndjson');
writeFileSync(
  events,
  [evtx('bitsadmin /list'), '', evtx('bitsadmin /transfer j https://x/a.ps1 C:\\t\\a.ps1')].join('\n'),
);

async function run(...args: string[]): Promise<string[]> {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(`${parts.join(' ')}\n`));
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const program = new Command('mamori').exitOverride();
  registerSigmaCommands(program);
  await program.parseAsync(['node', 'mamori', ...args]);
  return out.join('').trim().split('\n');
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('mamori sigma eval', () => {
  it('prints one line per match with the line index, then the summary', async () => {
    const lines = await run('sigma', 'eval', '--rules', rules, '--events', events);
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { rule: { id: 'd059842b-6b9d-4ed1-b5c3-5b89143c6ede', title: 'Bitsadmin download', level: 'medium' }, index: 2 },
      { summary: { rules: 1, unsupported: 0, events: 2, matches: 1 } },
    ]);
  });
});

describe('mamori rules test', () => {
  it("passes a rule whose examples agree and fails one whose examples don't", async () => {
    expect(await run('rules', 'test', rules)).toContain('1 passed, 0 failed, 0 without examples, 0 unsupported');
    expect(process.exitCode).toBeUndefined();
    const broken = join(dir, 'broken.yml');
    writeFileSync(broken, readFileSync(rules, 'utf8').replace("' /transfer '", "' /upload '"));
    const lines = await run('rules', 'test', broken);
    expect(lines.some((l) => l.startsWith('FAIL'))).toBe(true);
    expect(process.exitCode).toBe(1);
  });
});
