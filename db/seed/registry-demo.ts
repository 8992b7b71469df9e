import { eq, sql } from 'drizzle-orm';
import { getDb, rowsOf } from '@/db/client';
import { users } from '@/db/schema/identity';
import type { Role } from '@/db/schema/identity';
import type { Actor } from '@/lib/auth/actor';
import { createModel } from '@/lib/registry/create-model';
import { createVersion } from '@/lib/registry/create-version';
import { decideTransition } from '@/lib/registry/decide-transition';
import { emergencyRollback } from '@/lib/registry/emergency-rollback';
import { protectAlias } from '@/lib/registry/protect-alias';
import { setRegistryPolicy } from '@/lib/registry/registry-policy';
import { requestRollback } from '@/lib/registry/request-rollback';
import { requestTransition } from '@/lib/registry/request-transition';
import { setAlias } from '@/lib/registry/set-alias';
import { DEMO_ACCOUNTS } from './demo-accounts';

/*
 * Demo registry, written through the services as the demo scientist (requests), approver (decisions) and
 * admin (policy, emergency rollback): five models, versions linked to the best demo runs of the tracking
 * experiments, versions in every stage, a past of approvals and one rejection, one rollback through approval
 * and one emergency rollback, and pending requests in the approver's inbox: stage changes, one waiting for a
 * second approval, an alias move of a protected alias, and one made stale by the emergency rollback.
 * About ninety service calls.
 */

async function demoActor(role: Role): Promise<Actor> {
  const email = DEMO_ACCOUNTS.find((a) => a.role === role)!.email;
  const db = await getDb();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  if (!user) throw new Error(`demo.registry needs the demo ${role} ${email} (seed step demo.accounts)`);
  return { kind: 'user', userId: user.id, email: user.email, name: user.name, role: user.role, meta: { requestId: 'seed', ip: null, userAgent: 'modelkeep-seed' } };
}

/** The experiment's finished runs with the best value of the metric, best first (none if the experiment is absent). */
async function bestRuns(experiment: string, metric: string, order: 'asc' | 'desc', n: number): Promise<string[]> {
  const db = await getDb();
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      select r.id from runs r
      join experiments e on e.id = r.experiment_id
      join latest_metrics m on m.run_id = r.id and m.key = ${metric}
      where e.name = ${experiment} and r.lifecycle_stage = 'active' and r.status = 'FINISHED' and m.value = m.value
      order by m.value ${sql.raw(order)}, r.id
      limit ${n}`),
  );
  // Ascending quality, so later versions are the better ones.
  return rows.map((r) => r.id).reverse();
}

interface CardPlan {
  intendedUse?: string;
  limitations?: string;
  trainingData?: string;
  evaluationData?: string;
  metricsSummary?: string;
  ethicalConsiderations?: string;
  owners?: string[];
}

interface ModelPlan {
  name: string;
  description: string;
  tags: Record<string, string>;
  experiment: string | null;
  metric: string;
  order: 'asc' | 'desc';
  versions: number;
  card: CardPlan;
}

const PLANS: ModelPlan[] = [
  {
    name: 'churn-classifier',
    description: '## Churn classifier\n\nScores active subscribers weekly for the retention team. Gradient-boosted trees on 90 days of usage.',
    tags: { team: 'growth', domain: 'customer' },
    experiment: 'churn-xgboost',
    metric: 'valid_auc',
    order: 'desc',
    versions: 4,
    card: {
      intendedUse: 'Weekly churn risk per subscriber, to prioritise retention outreach. Not for pricing or credit decisions.',
      limitations: 'Trained on accounts older than 30 days; new accounts get poorly calibrated scores.',
      trainingData: 'churn-train (1.2M subscriber-weeks, 2025-01 to 2026-03).',
      evaluationData: 'churn-holdout (240k subscriber-weeks, out of time).',
      metricsSummary: 'AUC ≈ 0.86 on the holdout; precision@10% ≈ 0.41.',
      ethicalConsiderations: 'No protected attributes as features; score parity checked across regions.',
      owners: ['growth-ml@modelkeep.local'],
    },
  },
  {
    name: 'fraud-detector',
    description: '## Card fraud detector\n\nReal-time scoring of card transactions; LightGBM with hourly aggregates.',
    tags: { team: 'risk', domain: 'payments', tier: 'critical' },
    experiment: 'fraud-detection-lgbm',
    metric: 'valid_auc',
    order: 'desc',
    versions: 3,
    card: {
      intendedUse: 'Block or step-up card transactions scored above the operating threshold.',
      limitations: 'Merchants with fewer than 100 transactions a month fall back to rules.',
      trainingData: 'transactions-2026q2 (8.4M transactions).',
      evaluationData: 'transactions-2026q3-oot (2.1M transactions).',
      metricsSummary: 'Recall at 0.5% FPR ≈ 0.72.',
      owners: ['risk-ml@modelkeep.local'],
    },
  },
  {
    name: 'product-image-classifier',
    description: '## Product image classifier\n\nResNet fine-tuned on the catalogue; assigns one of 312 categories.',
    tags: { team: 'catalog', domain: 'vision' },
    experiment: 'image-classifier-resnet',
    metric: 'val_accuracy',
    order: 'desc',
    versions: 3,
    card: { intendedUse: 'Suggest a category for new listings; a person confirms.', trainingData: 'catalog-images-v7 (1.45M images).', owners: ['catalog-ml@modelkeep.local'] },
  },
  {
    name: 'feed-ranker',
    description: '## Feed ranker\n\nTwo-tower retrieval and ranking for the home feed.',
    tags: { team: 'feed', domain: 'ranking' },
    experiment: 'ranking-two-tower',
    metric: 'recall_at_10',
    order: 'desc',
    versions: 3,
    card: { intendedUse: 'Rank candidate items for the home feed.', limitations: 'Cold-start items rely on content features only.', owners: ['feed-ml@modelkeep.local'] },
  },
  {
    name: 'support-ticket-router',
    description: 'Routes incoming support tickets to a queue. Registered from an external training pipeline.',
    tags: { team: 'support' },
    experiment: null,
    metric: '',
    order: 'desc',
    versions: 2,
    card: {},
  },
];

export interface RegistryDemoSummary {
  models: number;
  versions: number;
  pendingRequests: number;
}

export async function seedRegistryDemo(): Promise<RegistryDemoSummary> {
  const scientist = await demoActor('scientist');
  const approver = await demoActor('approver');
  const admin = await demoActor('admin');
  let versions = 0;
  let pending = 0;

  const ids = new Map<string, string[]>();
  for (const plan of PLANS) {
    await createModel(scientist, { name: plan.name, description: plan.description, tags: plan.tags });
    const runIds = plan.experiment ? await bestRuns(plan.experiment, plan.metric, plan.order, plan.versions) : [];
    const list: string[] = [];
    for (let i = 0; i < plan.versions; i++) {
      const runId = runIds[i];
      const v = await createVersion(scientist, {
        name: plan.name,
        ...(runId ? { runId } : { source: `s3://ml-models/${plan.name}/${i + 1}/model` }),
        description: `Version ${i + 1} of ${plan.name}.`,
        tags: { framework: plan.experiment?.split('-').at(-1) ?? 'sklearn' },
        // Later versions carry the full card; earlier ones were registered before cards were required.
        ...(i === plan.versions - 1 || i === 1 ? plan.card : { intendedUse: plan.card.intendedUse }),
      });
      list.push(v.id);
      versions++;
    }
    ids.set(plan.name, list);
  }

  const move = async (versionId: string, target: 'Staging' | 'Production', comment: string) => {
    const { request, applied } = await requestTransition(scientist, { id: versionId, target, comment });
    if (!applied) await decideTransition(approver, { id: request.id, decision: 'approve', comment: 'Metrics and card reviewed.' });
  };
  const ask = async (versionId: string, target: 'Staging' | 'Production', comment: string) => {
    const { request } = await requestTransition(scientist, { id: versionId, target, comment });
    pending++;
    return request;
  };

  // churn-classifier: three promotions, a rollback through approval, v4 waiting for Production.
  const churn = ids.get('churn-classifier')!;
  await move(churn[0], 'Staging', 'First model for the retention pilot.');
  await move(churn[0], 'Production', 'Pilot results are good.');
  await move(churn[1], 'Production', 'Retrained with March data.');
  await move(churn[2], 'Production', 'Adds usage-trend features.');
  const rollback = await requestRollback(scientist, { name: 'churn-classifier', comment: 'v3 over-scores new accounts; back to v2 while we fix it.' });
  await decideTransition(approver, { id: rollback.request.id, decision: 'approve', comment: 'Agreed; roll back.' });
  await setAlias(scientist, { name: 'churn-classifier', alias: 'champion', version: 2 });
  await protectAlias(scientist, { name: 'churn-classifier', alias: 'champion' });
  await setAlias(scientist, { name: 'churn-classifier', alias: 'challenger', version: 4 });
  await move(churn[3], 'Staging', 'Fix for new-account calibration.');
  await ask(churn[3], 'Production', 'Calibration fixed; holdout AUC up 0.8 points over v2.');
  // @champion is protected, so pointing it at v4 is a request too.
  await requestTransition(scientist, { id: churn[3], kind: 'alias', target: 'champion', comment: 'v4 won the two-week shadow test on calibration; make it the champion.' });
  pending++;

  // fraud-detector: v1 in Production, v2 in Staging, v3 waiting for Staging.
  const fraud = ids.get('fraud-detector')!;
  await move(fraud[0], 'Production', 'Replaces the rules engine for online transactions.');
  await move(fraud[1], 'Staging', 'Shadow scoring against v1.');
  await setAlias(scientist, { name: 'fraud-detector', alias: 'champion', version: 1 });
  await protectAlias(scientist, { name: 'fraud-detector', alias: 'champion' });
  await ask(fraud[2], 'Staging', 'Q3 out-of-time data included.');

  // product-image-classifier: needs two approvals for Production; v3 has one of two.
  const images = ids.get('product-image-classifier')!;
  await setRegistryPolicy(admin, { name: 'product-image-classifier', target: 'Production', requiredApprovals: 2 });
  await requestTransition(scientist, { id: images[0], target: 'Archived', comment: 'Superseded before launch.' });
  const first = await ask(images[1], 'Production', 'Launch candidate.');
  await decideTransition(approver, { id: first.id, decision: 'approve', comment: 'Accuracy meets the bar.' });
  await decideTransition(admin, { id: first.id, decision: 'approve', comment: 'Second sign-off.' });
  pending--;
  const second = await ask(images[2], 'Production', 'More categories covered.');
  await decideTransition(approver, { id: second.id, decision: 'approve', comment: 'One of two approvals.' });

  // feed-ranker: a rejected request, then an emergency rollback after a bad promotion.
  const feed = ids.get('feed-ranker')!;
  await move(feed[0], 'Production', 'Baseline ranker.');
  const rejected = await ask(feed[2], 'Production', 'Lower validation loss.');
  await decideTransition(approver, { id: rejected.id, decision: 'reject', comment: 'Online A/B test not run yet.' });
  pending--;
  await move(feed[1], 'Production', 'A/B test won on dwell time.');
  // Asked while v2 held Production; the emergency rollback below puts v1 back, so this request goes stale.
  await ask(feed[2], 'Production', 'Online A/B test done: v3 beats v2 on dwell time.');
  await emergencyRollback(admin, { name: 'feed-ranker', version: 1, reason: 'v2 served empty feeds for users without history; restoring v1.' });

  // support-ticket-router: nothing promoted yet, one request waiting.
  const support = ids.get('support-ticket-router')!;
  await ask(support[1], 'Staging', 'First candidate from the external pipeline.');

  return { models: PLANS.length, versions, pendingRequests: pending };
}
