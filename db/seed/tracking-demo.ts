import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users } from '@/db/schema/identity';
import { experiments } from '@/db/schema/tracking';
import type { Actor } from '@/lib/auth/actor';
import { createExperiment } from '@/lib/experiments/create-experiment';
import { deleteRun } from '@/lib/experiments/delete-run';
import { logBatch } from '@/lib/experiments/log-batch';
import { importRun } from '@/lib/experiments/import-run';
import { generateRunName } from '@/lib/experiments/run-names';
import { MAX_METRICS_PER_BATCH } from '@/lib/experiments/schemas';
import { seededRandom } from '@/lib/stats/seeded-random';
import { DEMO_ACCOUNTS } from './demo-accounts';

/*
 * Demo experiments and runs, logged through the services as the demo scientist: four experiments, about
 * 2,000 runs with params, metric curves (loss falling, AUC/accuracy rising, noise, some overfitting),
 * tags, hyperparameter sweeps as nested runs, and training/evaluation datasets as inputs. Everything comes
 * from one seeded generator, so two installs get the same data; times are laid out backwards from the
 * start of the current UTC day (DEMO_TRACKING_ANCHOR, epoch ms, pins them). DEMO_TRACKING_SCALE (default 1)
 * scales the number of runs, e.g. 0.05 for end-to-end tests that only need a few.
 */

const DAY = 86_400_000;

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  float(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }
  int(lo: number, hi: number): number {
    return Math.floor(this.float(lo, hi + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }
  logUniform(lo: number, hi: number): number {
    return Math.exp(this.float(Math.log(lo), Math.log(hi)));
  }
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(this.next() * 16).toString(16);
    return s;
  }
  /** Adapter for generateRunName, which takes `random(n) → 0…n-1`. */
  readonly below = (n: number) => Math.floor(this.next() * n);
}

type Params = Record<string, string | number>;

interface MetricPoint {
  key: string;
  value: number;
  step: number;
  timestamp: number;
}

interface ExperimentPlan {
  name: string;
  description: string;
  tags: Record<string, string>;
  standaloneRuns: number;
  sweeps: number;
  childrenPerSweep: number;
  /** Runs with several thousand steps. */
  longRuns: number;
  datasets: { name: string; context: 'training' | 'evaluation'; rows: number; source: string }[];
  entryPoint: string;
  sampleParams(rng: Rng): Params;
  /** 0…1, how good these params are (drives the final metric values). */
  quality(params: Params, rng: Rng): number;
  steps(params: Params, rng: Rng): number;
  /** Metric curves for one run. */
  curves(q: number, steps: number, rng: Rng, stepMs: number, start: number): MetricPoint[];
}

const noise = (rng: Rng, scale: number) => rng.normal() * scale;

/** Boosted trees: logloss per boosting round on train and validation, AUC every 5 rounds, final classification metrics. */
function boostingCurves(q: number, steps: number, rng: Rng, stepMs: number, start: number): MetricPoint[] {
  const out: MetricPoint[] = [];
  const floor = 0.42 - 0.25 * q;
  const tau = steps / rng.float(3, 6);
  const overfit = rng.float(0, 0.3) * (1 - q);
  for (let s = 0; s < steps; s++) {
    const ts = start + s * stepMs;
    const base = floor + (0.69 - floor) * Math.exp(-s / tau);
    out.push({ key: 'train_logloss', value: base * (1 - 0.08 * (s / steps)) + noise(rng, 0.004), step: s, timestamp: ts });
    if (s % 5 === 0 || s === steps - 1) {
      const frac = s / steps;
      out.push({ key: 'valid_logloss', value: base * (1 + overfit * frac * frac) + noise(rng, 0.006), step: s, timestamp: ts });
      out.push({ key: 'valid_auc', value: Math.min(0.999, 0.5 + (0.36 + 0.12 * q) * (1 - Math.exp(-s / tau)) - overfit * 0.05 * frac + noise(rng, 0.003)), step: s, timestamp: ts });
    }
  }
  const last = start + steps * stepMs;
  const precision = 0.55 + 0.35 * q + noise(rng, 0.01);
  const recall = 0.45 + 0.35 * q + noise(rng, 0.015);
  out.push(
    { key: 'accuracy', value: 0.78 + 0.17 * q + noise(rng, 0.005), step: steps, timestamp: last },
    { key: 'precision', value: precision, step: steps, timestamp: last },
    { key: 'recall', value: recall, step: steps, timestamp: last },
    { key: 'f1', value: (2 * precision * recall) / (precision + recall), step: steps, timestamp: last },
  );
  return out;
}

/** Neural nets: loss every step, validation loss/accuracy every `evalEvery` steps, learning rate schedule. */
function neuralCurves(metricNames: { quality: string; extra?: string }, evalEvery: (steps: number) => number) {
  return (q: number, steps: number, rng: Rng, stepMs: number, start: number): MetricPoint[] => {
    const out: MetricPoint[] = [];
    const every = evalEvery(steps);
    const tau = steps / rng.float(4, 8);
    const floor = 0.9 - 0.75 * q;
    const overfit = rng.float(0, 0.5) * (1 - q);
    for (let s = 0; s < steps; s++) {
      const ts = start + s * stepMs;
      const base = floor + (2.3 - floor) * Math.exp(-s / tau);
      out.push({ key: 'loss', value: Math.max(0.01, base + noise(rng, 0.03 * base)), step: s, timestamp: ts });
      if (s % every === 0 || s === steps - 1) {
        const frac = s / steps;
        out.push({ key: 'val_loss', value: Math.max(0.01, base * (1.05 + overfit * frac * frac) + noise(rng, 0.02)), step: s, timestamp: ts });
        out.push({ key: metricNames.quality, value: Math.min(0.999, 0.1 + (0.6 + 0.3 * q) * (1 - Math.exp(-s / tau)) + noise(rng, 0.006)), step: s, timestamp: ts });
        if (metricNames.extra) out.push({ key: metricNames.extra, value: Math.min(0.999, 0.05 + (0.4 + 0.3 * q) * (1 - Math.exp(-s / tau)) + noise(rng, 0.006)), step: s, timestamp: ts });
        out.push({ key: 'lr', value: 0.5 * (1 + Math.cos(Math.PI * frac)), step: s, timestamp: ts });
      }
    }
    return out;
  };
}

const PLANS: ExperimentPlan[] = [
  {
    name: 'churn-xgboost',
    description: 'Monthly churn propensity for consumer subscriptions; XGBoost on 180 behavioural features.',
    tags: { team: 'growth', framework: 'xgboost', task: 'binary-classification' },
    standaloneRuns: 320,
    sweeps: 12,
    childrenPerSweep: 24,
    longRuns: 0,
    entryPoint: 'train_churn.py',
    datasets: [
      { name: 'churn-train', context: 'training', rows: 1_200_000, source: 's3://ml-data/churn/train' },
      { name: 'churn-holdout', context: 'evaluation', rows: 240_000, source: 's3://ml-data/churn/holdout' },
    ],
    sampleParams: (rng) => ({
      learning_rate: +rng.logUniform(0.005, 0.3).toFixed(4),
      max_depth: rng.int(3, 12),
      n_estimators: rng.pick([50, 80, 100, 120, 150, 200]),
      subsample: +rng.float(0.5, 1).toFixed(2),
      colsample_bytree: +rng.float(0.4, 1).toFixed(2),
      min_child_weight: rng.int(1, 10),
      objective: 'binary:logistic',
      eval_metric: 'logloss',
      tree_method: 'hist',
    }),
    quality: (p, rng) => Math.max(0, Math.min(1, 1 - Math.abs(Math.log10(Number(p.learning_rate)) + 1.2) * 0.35 - Math.abs(Number(p.max_depth) - 7) * 0.05 + noise(rng, 0.05))),
    steps: (p) => Number(p.n_estimators),
    curves: boostingCurves,
  },
  {
    name: 'fraud-detection-lgbm',
    description: 'Card-not-present fraud scoring at authorisation time; LightGBM, heavy class imbalance.',
    tags: { team: 'risk', framework: 'lightgbm', task: 'binary-classification', regulated: 'true' },
    standaloneRuns: 300,
    sweeps: 10,
    childrenPerSweep: 25,
    longRuns: 0,
    entryPoint: 'fraud/train.py',
    datasets: [
      { name: 'transactions-2026q2', context: 'training', rows: 8_400_000, source: 'postgres://warehouse/fraud.transactions_q2' },
      { name: 'transactions-2026q3-oot', context: 'evaluation', rows: 2_100_000, source: 'postgres://warehouse/fraud.transactions_q3' },
    ],
    sampleParams: (rng) => ({
      learning_rate: +rng.logUniform(0.01, 0.2).toFixed(4),
      num_leaves: rng.pick([15, 31, 63, 127, 255]),
      n_estimators: rng.pick([60, 100, 150, 200]),
      feature_fraction: +rng.float(0.5, 1).toFixed(2),
      bagging_fraction: +rng.float(0.5, 1).toFixed(2),
      lambda_l1: +rng.logUniform(1e-4, 1).toFixed(5),
      scale_pos_weight: rng.pick([1, 10, 50, 100]),
      boosting_type: rng.pick(['gbdt', 'dart', 'goss']),
    }),
    quality: (p, rng) => Math.max(0, Math.min(1, 0.9 - Math.abs(Math.log2(Number(p.num_leaves)) - 6) * 0.08 - (p.boosting_type === 'goss' ? 0.1 : 0) + noise(rng, 0.06))),
    steps: (p) => Number(p.n_estimators),
    curves: boostingCurves,
  },
  {
    name: 'image-classifier-resnet',
    description: 'Product photo categorisation (1,000 classes); ResNet fine-tuning with mixed precision.',
    tags: { team: 'vision', framework: 'pytorch', task: 'image-classification' },
    standaloneRuns: 330,
    sweeps: 6,
    childrenPerSweep: 16,
    longRuns: 6,
    entryPoint: 'vision/finetune.py',
    datasets: [
      { name: 'catalog-images-v7', context: 'training', rows: 1_450_000, source: 's3://ml-data/vision/catalog-v7/train' },
      { name: 'catalog-images-v7-val', context: 'evaluation', rows: 50_000, source: 's3://ml-data/vision/catalog-v7/val' },
    ],
    sampleParams: (rng) => ({
      learning_rate: +rng.logUniform(1e-4, 0.1).toFixed(5),
      batch_size: rng.pick([64, 128, 256, 512]),
      optimizer: rng.pick(['sgd', 'adam', 'adamw']),
      weight_decay: +rng.logUniform(1e-6, 1e-2).toFixed(6),
      dropout: +rng.float(0, 0.5).toFixed(2),
      arch: rng.pick(['resnet18', 'resnet34', 'resnet50']),
      epochs: rng.pick([10, 20, 30]),
      augmentation: rng.pick(['none', 'flip', 'randaugment']),
    }),
    quality: (p, rng) =>
      Math.max(0, Math.min(1, 0.55 + (p.arch === 'resnet50' ? 0.2 : p.arch === 'resnet34' ? 0.1 : 0) + (p.optimizer === 'adamw' ? 0.1 : 0) - Math.abs(Math.log10(Number(p.learning_rate)) + 2.5) * 0.1 + noise(rng, 0.05))),
    steps: (_p, rng) => rng.int(60, 200),
    curves: neuralCurves({ quality: 'val_accuracy', extra: 'val_top5_accuracy' }, (steps) => (steps > 1000 ? 50 : 5)),
  },
  {
    name: 'ranking-two-tower',
    description: 'Candidate retrieval for the home feed; two-tower model with in-batch negatives.',
    tags: { team: 'recsys', framework: 'tensorflow', task: 'retrieval' },
    standaloneRuns: 280,
    sweeps: 6,
    childrenPerSweep: 20,
    longRuns: 0,
    entryPoint: 'recsys/two_tower.py',
    datasets: [
      { name: 'feed-interactions-30d', context: 'training', rows: 52_000_000, source: 'bigquery://analytics.feed.interactions_30d' },
      { name: 'feed-interactions-next-day', context: 'evaluation', rows: 1_900_000, source: 'bigquery://analytics.feed.interactions_next_day' },
    ],
    sampleParams: (rng) => ({
      learning_rate: +rng.logUniform(1e-4, 1e-2).toFixed(5),
      batch_size: rng.pick([1024, 2048, 4096, 8192]),
      embedding_dim: rng.pick([32, 64, 128, 256]),
      optimizer: rng.pick(['adam', 'adagrad']),
      dropout: +rng.float(0, 0.3).toFixed(2),
      num_negatives: rng.pick([1, 4, 16, 64]),
      temperature: +rng.float(0.02, 0.2).toFixed(3),
    }),
    quality: (p, rng) => Math.max(0, Math.min(1, 0.5 + Math.log2(Number(p.embedding_dim)) * 0.05 + Math.log2(Number(p.num_negatives)) * 0.03 - Math.abs(Number(p.temperature) - 0.07) * 1.5 + noise(rng, 0.05))),
    steps: (_p, rng) => rng.int(50, 150),
    curves: neuralCurves({ quality: 'recall_at_10', extra: 'ndcg_at_10' }, () => 5),
  },
];

const STATUSES = { finished: 0.9, failed: 0.06, killed: 0.02 } as const;

export interface TrackingDemoSummary {
  experiments: number;
  runs: number;
  metricPoints: number;
}

function metricsInBatches(points: MetricPoint[]): MetricPoint[][] {
  const out: MetricPoint[][] = [];
  for (let i = 0; i < points.length; i += MAX_METRICS_PER_BATCH) out.push(points.slice(i, i + MAX_METRICS_PER_BATCH));
  return out.length ? out : [[]];
}

async function demoScientist(): Promise<Actor> {
  const email = DEMO_ACCOUNTS.find((a) => a.role === 'scientist')!.email;
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user) throw new Error(`demo.tracking needs the demo scientist ${email} (seed step demo.accounts)`);
  return { kind: 'user', userId: user.id, email: user.email, name: user.name, role: user.role, meta: { requestId: 'seed', ip: null, userAgent: 'modelkeep-seed' } };
}

/** Seeds the demo tracking data; returns what it created. */
export async function seedTrackingDemo(opts: { anchor?: number; scale?: number } = {}): Promise<TrackingDemoSummary> {
  const anchor = opts.anchor ?? Number(process.env.DEMO_TRACKING_ANCHOR ?? Math.floor(Date.now() / DAY) * DAY);
  const scale = opts.scale ?? Number(process.env.DEMO_TRACKING_SCALE ?? 1);
  const actor = await demoScientist();
  const rng = new Rng(20_260_101);
  const summary: TrackingDemoSummary = { experiments: 0, runs: 0, metricPoints: 0 };

  const db = await getDb();
  for (const plan of PLANS) {
    // A step interrupted half-way is run again on the next start; experiments it finished are kept.
    const [done] = await db.select({ id: experiments.id }).from(experiments).where(eq(experiments.name, plan.name));
    if (done) continue;
    const experiment = await createExperiment(actor, { name: plan.name, description: plan.description, tags: plan.tags });
    summary.experiments++;
    const datasetVersions = [1, 2, 3].map((v) =>
      plan.datasets.map((d) => ({
        dataset: {
          name: d.name,
          digest: rng.hex(8),
          sourceType: d.source.split(':')[0],
          source: `${d.source}/v${v}`,
          schema: { mlflow_colspec: [{ name: 'features', type: 'tensor' }, { name: 'label', type: 'long' }] },
          profile: { num_rows: Math.round(d.rows * (0.9 + 0.05 * v)) },
        },
        context: d.context,
      })),
    );
    const commits = Array.from({ length: 12 }, () => rng.hex(40));

    // Runs are laid out over the last 90 days, oldest first; the newest few are still running.
    const total = Math.round((plan.standaloneRuns + plan.sweeps * (plan.childrenPerSweep + 1) + plan.longRuns) * scale);
    let index = 0;
    const startOf = () => anchor - 90 * DAY + Math.floor((index++ / total) * 89 * DAY) + rng.int(0, 3_600_000);

    const logOne = async (o: { params: Params; parentRunId?: string; long?: boolean; name?: string; tags?: Record<string, string>; description?: string }) => {
      const start = startOf();
      const version = Math.min(2, Math.floor(((start - (anchor - 90 * DAY)) / (90 * DAY)) * 3));
      const running = start > anchor - 2 * DAY && rng.float() < 0.5;
      const roll = rng.float();
      const status = running ? 'RUNNING' : roll < STATUSES.finished ? 'FINISHED' : roll < STATUSES.finished + STATUSES.failed ? 'FAILED' : 'KILLED';
      const q = plan.quality(o.params, rng);
      let steps = o.long ? rng.int(3000, 6000) : plan.steps(o.params, rng);
      if (status === 'FAILED' || status === 'KILLED' || running) steps = Math.max(5, Math.floor(steps * rng.float(0.1, 0.7)));
      const stepMs = o.long ? 1500 : rng.int(400, 4000);
      const points = plan.curves(q, steps, rng, stepMs, start);
      const batches = metricsInBatches(points);
      // One call records the run with its first 1000 points; longer histories follow in batches.
      const run = await importRun(actor, {
        experimentId: experiment.id,
        name: o.name ?? generateRunName(rng.below),
        startTime: start,
        parentRunId: o.parentRunId,
        description: o.description,
        source: { name: plan.entryPoint, type: 'LOCAL', version: rng.pick(commits), entryPoint: 'main' },
        tags: { 'mlflow.user': 'sam', dataset_version: `v${version + 1}`, model_quality_tier: q > 0.75 ? 'gold' : q > 0.5 ? 'silver' : 'bronze', ...(o.tags ?? {}) },
        params: Object.entries(o.params).map(([key, value]) => ({ key, value: String(value) })),
        metrics: batches[0],
        datasets: datasetVersions[version],
        status,
        endTime: running ? null : start + steps * stepMs + rng.int(5_000, 60_000),
      });
      for (const batch of batches.slice(1)) await logBatch(actor, { id: run.id, metrics: batch });
      summary.runs++;
      summary.metricPoints += points.length;
      return run;
    };

    const standalone = Math.round(plan.standaloneRuns * scale);
    const sweeps = Math.max(1, Math.round(plan.sweeps * scale));
    const perSweep = plan.childrenPerSweep;
    const longRuns = Math.round(plan.longRuns * scale);
    // Interleave sweeps among standalone runs so they land at different dates.
    const slots: ('run' | 'sweep' | 'long')[] = [...Array(standalone).fill('run'), ...Array(sweeps).fill('sweep'), ...Array(longRuns).fill('long')];
    for (let i = slots.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [slots[i], slots[j]] = [slots[j], slots[i]];
    }
    let sweepNo = 0;
    for (const slot of slots) {
      if (slot === 'run') {
        const run = await logOne({ params: plan.sampleParams(rng) });
        if (rng.float() < 0.015) await deleteRun(actor, { id: run.id });
      } else if (slot === 'long') {
        await logOne({ params: plan.sampleParams(rng), long: true, tags: { schedule: 'full-training' }, description: 'Full training run on the complete dataset.' });
      } else {
        sweepNo++;
        const base = plan.sampleParams(rng);
        const parent = await logOne({
          params: { ...base, search: 'random', trials: perSweep },
          name: `sweep-${String(sweepNo).padStart(2, '0')}`,
          tags: { sweep: 'true' },
          description: `Random search over learning rate and capacity (${perSweep} trials).`,
        });
        for (let c = 0; c < perSweep; c++) {
          await logOne({ params: { ...plan.sampleParams(rng), ...('optimizer' in base ? { optimizer: base.optimizer } : {}) }, parentRunId: parent.id, tags: { sweep_trial: String(c) } });
        }
      }
    }
  }
  return summary;
}
