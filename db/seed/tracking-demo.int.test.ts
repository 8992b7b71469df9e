import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, getDbHandle, rowsOf } from '@/db/client';
import { DEMO_SEED_STEPS, runSeedSteps } from './run-seeds';
import { seedTrackingDemo } from './tracking-demo';

describe('demo.tracking seed', () => {
  it('creates four experiments with runs, sweeps, metrics and datasets through the services, and is not repeated', async () => {
    await runSeedSteps(await getDbHandle(), DEMO_SEED_STEPS.filter((s) => s.name === 'demo.accounts'));
    const summary = await seedTrackingDemo({ scale: 0.03, anchor: Date.UTC(2026, 0, 1) });
    expect(summary.experiments).toBe(4);
    expect(summary.runs).toBeGreaterThan(40);
    const db = await getDb();
    const [counts] = rowsOf<Record<string, number>>(
      await db.execute(sql`select
        (select count(*)::int from experiments where name in ('churn-xgboost', 'fraud-detection-lgbm', 'image-classifier-resnet', 'ranking-two-tower')) as experiments,
        (select count(*)::int from runs) as runs,
        (select count(*)::int from runs where parent_run_id is not null) as children,
        (select count(*)::int from metric_history) as points,
        (select count(*)::int from datasets) as datasets,
        (select count(*)::int from run_inputs) as inputs,
        (select count(*)::int from audit_events where action = 'run.import') as imports`),
    );
    expect(counts).toMatchObject({ experiments: 4, runs: summary.runs, points: summary.metricPoints, imports: summary.runs });
    expect(counts.children).toBeGreaterThan(0);
    expect(counts.datasets).toBeGreaterThanOrEqual(8);
    expect(counts.inputs).toBe(summary.runs * 2);
    expect(await seedTrackingDemo({ scale: 0.03 })).toEqual({ experiments: 0, runs: 0, metricPoints: 0 });
  });
});
