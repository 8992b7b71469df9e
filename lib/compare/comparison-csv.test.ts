import { describe, expect, it } from 'vitest';
import { comparisonCsv } from './comparison-csv';
import type { GetComparisonOutput } from './schemas';

const run = (id: string, name: string, startTime: number, endTime: number | null) => ({ id, name, experimentId: '1', experimentName: 'churn', status: 'FINISHED' as const, startTime, endTime, deleted: false });

const data: GetComparisonOutput = {
  runs: [run('a1', 'run-a', Date.UTC(2026, 11, 1, 9, 30), Date.UTC(2026, 11, 1, 10)), run('b2', 'run, "b"', Date.UTC(2026, 11, 2), null)],
  params: [
    { key: 'lr', differs: true, numeric: true, values: ['0.1', '0.01'] },
    { key: 'note', differs: true, numeric: false, values: ['=HYPERLINK("x")', null] },
  ],
  metrics: [{ key: 'loss', differs: true, last: [0.25, 'NaN'], min: [0.2, 'NaN'], max: [1, 'NaN'], step: [9, 3] }],
  truncated: false,
  missingRunIds: [],
};

describe('comparisonCsv', () => {
  const lines = comparisonCsv(data).split('\r\n');

  it('has the run columns, then a column per param and per metric, and a row per run in order', () => {
    expect(lines[0]).toBe('run_id,run,experiment,status,start_time,end_time,params.lr,params.note,metrics.loss');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[1]).toBe(`a1,run-a,churn,FINISHED,2026-12-01T09:30:00.000Z,2026-12-01T10:00:00.000Z,0.1,"'=HYPERLINK(""x"")",0.25`);
  });

  it('quotes names with commas and quotes, leaves what was not logged empty, and writes NaN as NaN', () => {
    expect(lines[2]).toBe('b2,"run, ""b""",churn,FINISHED,2026-12-02T00:00:00.000Z,,0.01,,NaN');
  });

  it('gives just the header when there are no runs', () => {
    expect(comparisonCsv({ ...data, runs: [], params: [], metrics: [] })).toBe('run_id,run,experiment,status,start_time,end_time\r\n');
  });
});
