/**
 * OTRF attack recordings against all SigmaHQ rules: the hand-checked rules of ../otrf/README.md must fire,
 * and the two "must NOT fire" rules (filter / not bugs) must stay quiet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventFields } from '@mamori/schema';
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../src/index.ts';
import { CORPUS, loadCorpusRules, walk } from './helpers/corpus.ts';
import { parseJsonLog } from './helpers/parse-events.ts';

const DATASETS: Record<string, { dir: string; mustFire: string[]; mustNotFire: string[] }> = {
  mshta: {
    dir: 'windows/defense_evasion/host/cmd_mshta_vbscript_execute_psh',
    mustFire: [
      '2c28c248-7f50-417a-9186-a85b223010ee',
      'cc7abbd0-762b-41e3-8a26-57ad50d2eea3',
      '03cc0c25-389f-4bf8-b48d-11878079f1ca',
    ],
    mustNotFire: ['e32f92d1-523e-49c3-9374-bdb13b46a3ba'],
  },
  comsvcs: {
    dir: 'windows/credential_access/host/psh_lsass_memory_dump_comsvcs',
    mustFire: [
      '646ea171-dded-4578-8a4d-65e9822892e3',
      'ffa6861c-4461-4f59-8a41-578c39f3f23e',
      'a49fa4d5-11db-418c-8473-1e014a8dd462',
      '5ef9853e-4d0e-4a70-846f-a9ca37d876da',
      'a5a2d357-1ab8-4675-a967-ef9990a59391',
    ],
    mustNotFire: [],
  },
  schtask: {
    dir: 'windows/lateral_movement/host/schtask_create',
    mustFire: [
      '92626ddd-662c-49e3-ac59-f6535f12d189',
      '89ca78fd-b37c-4310-b3d3-81a023f83936',
      '7a02e22e-b885-4404-b38b-1ddc7e65258a',
    ],
    mustNotFire: [],
  },
  wmic: {
    dir: 'windows/defense_evasion/host/wmic_remote_xsl_jscript',
    mustFire: ['8d63dadf-b91b-4187-87b6-34a1114577ea', '221b251a-357a-49a9-920a-271802777cc0'],
    mustNotFire: ['05c36dd6-79d6-4a9a-97da-3db20298ab2d'],
  },
  bitsadmin: {
    dir: 'windows/defense_evasion/host/cmd_bitsadmin_download_psh_script',
    mustFire: [
      'd059842b-6b9d-4ed1-b5c3-5b89143c6ede',
      '8518ed3d-f7c9-4601-a26c-f361a4256a0c',
      '5b80a791-ad9b-4b75-bcc1-ad4e1e89c200',
      '2ddef153-167b-4e89-86b6-757a9e65dcac',
    ],
    mustNotFire: [],
  },
};

describe('OTRF attack datasets', () => {
  const set = compileRuleSet(loadCorpusRules().rules);
  for (const [name, d] of Object.entries(DATASETS)) {
    it(`${name}: fires the hand-checked rules and not the filtered ones`, () => {
      const file = walk(join(CORPUS, 'otrf', d.dir), /\.json$/)[0]!;
      const fired = new Set<string>();
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        for (const m of set.match(parseJsonLog(line))) fired.add(m.id);
      }
      expect(d.mustFire.filter((id) => !fired.has(id))).toEqual([]);
      expect(d.mustNotFire.filter((id) => fired.has(id))).toEqual([]);
    });
  }

  it('never throws on odd events (nested objects, nulls, number arrays, huge values, no channel)', () => {
    const odd = [
      {},
      { 'winlog.channel': 'Microsoft-Windows-Sysmon/Operational', 'winlog.event_id': 1 },
      {
        'winlog.channel': 'Microsoft-Windows-Sysmon/Operational',
        'winlog.event_id': '1',
        'winlog.event_data.CommandLine': 'x'.repeat(200_000),
        'winlog.event_data.Image': null,
        'winlog.event_data.ParentImage': { nested: true },
        'winlog.event_data.User': [1, 2, 3],
      },
      { 'winlog.channel': 'Security', 'winlog.event_id': '4688', 'winlog.event_data.Threat Name': 'x' },
      { 'event.category': ['process'], 'host.os.type': 'linux', 'process.executable': 42, message: null },
      { Channel: 'Security', EventID: 4624, TargetUserName: 'bob' },
    ] as unknown as EventFields[];
    for (const e of odd) expect(() => set.match(e)).not.toThrow();
  });
});
