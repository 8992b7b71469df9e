import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { datasets, experiments, latestMetrics, params, runInputs, runs, runTags } from '@/db/schema/tracking';
import type { Actor } from '@/lib/auth/actor';
import { makeUser } from '@/test/factories';
import { searchPlanThresholds, searchRuns, type SearchRunsInput } from './search-runs';

/*
 * A known dataset, inserted directly so that start times, NaN and missing values are exact:
 *
 *   run  start  acc    loss  params.opt  params.lr  tags.team   status    user  dataset
 *   a    100    0.9    1     adam        0.1        Vision      FINISHED  ann   iris/training
 *   b    200    0.5    2     sgd         0.01       vision      FINISHED  bob   iris/evaluation
 *   c    300    NaN    3     adam        -          NLP         FAILED    ann   -
 *   d    300    -      4     rmsprop     0.1        -           RUNNING   cy    wine/training
 *   e    400    0      -     -           -          Vision      FINISHED  -     -
 *   f    150    +Inf   5     sgd         0.001      vision-x    KILLED    bob   -
 *   g    250    0.7    6     adam        0.1        Vision      FINISHED  ann   -     (deleted)
 */
const ROWS = [
  { n: 'a', start: 100, acc: 0.9, loss: 1, opt: 'adam', lr: '0.1', team: 'Vision', status: 'FINISHED', user: 'ann', ds: ['iris', 'training'] },
  { n: 'b', start: 200, acc: 0.5, loss: 2, opt: 'sgd', lr: '0.01', team: 'vision', status: 'FINISHED', user: 'bob', ds: ['iris', 'evaluation'] },
  { n: 'c', start: 300, acc: NaN, loss: 3, opt: 'adam', lr: null, team: 'NLP', status: 'FAILED', user: 'ann', ds: null },
  { n: 'd', start: 300, acc: null, loss: 4, opt: 'rmsprop', lr: '0.1', team: null, status: 'RUNNING', user: 'cy', ds: ['wine', 'training'] },
  { n: 'e', start: 400, acc: 0, loss: null, opt: null, lr: null, team: 'Vision', status: 'FINISHED', user: null, ds: null },
  { n: 'f', start: 150, acc: Infinity, loss: 5, opt: 'sgd', lr: '0.001', team: 'vision-x', status: 'KILLED', user: 'bob', ds: null },
  { n: 'g', start: 250, acc: 0.7, loss: 6, opt: 'adam', lr: '0.1', team: 'Vision', status: 'FINISHED', user: 'ann', ds: null, deleted: true },
] as const;

let actor: Actor;
let experimentId: number;
let otherExperimentId: number;
const ids = new Map<string, string>();
const names = new Map<string, string>();

const hex = () => randomBytes(16).toString('hex');

async function seed() {
  const db = await getDb();
  const [e1, e2] = await db
    .insert(experiments)
    .values([{ name: `search-${hex()}` }, { name: `search-other-${hex()}` }])
    .returning();
  experimentId = e1.id;
  otherExperimentId = e2.id;
  const dsRows = await db
    .insert(datasets)
    .values([
      { experimentId, name: 'iris', digest: 'd1', sourceType: 'local', source: '/iris' },
      { experimentId, name: 'wine', digest: 'd2', sourceType: 'local', source: '/wine' },
    ])
    .returning();
  for (const r of ROWS) {
    const id = hex();
    ids.set(r.n, id);
    names.set(id, r.n);
    const deleted = 'deleted' in r && r.deleted;
    await db.insert(runs).values({
      id,
      experimentId,
      name: `run-${r.n}`,
      status: r.status,
      startTime: r.start,
      endTime: r.status === 'RUNNING' ? null : r.start + 10,
      userName: r.user,
      lifecycleStage: deleted ? 'deleted' : 'active',
      deletedTime: deleted ? 999 : null,
    });
    const metrics = [
      ['acc', r.acc],
      ['loss', r.loss],
    ].filter((m): m is [string, number] => m[1] !== null);
    if (metrics.length) {
      await db.insert(latestMetrics).values(metrics.map(([key, value]) => ({ runId: id, experimentId, key, value, step: 1, timestamp: 1, minValue: value, maxValue: value })));
    }
    const ps = [
      ['opt', r.opt],
      ['lr', r.lr],
    ].filter((p): p is [string, string] => p[1] !== null);
    if (ps.length) await db.insert(params).values(ps.map(([key, value]) => ({ runId: id, experimentId, key, value })));
    if (r.team) await db.insert(runTags).values({ runId: id, experimentId, key: 'team', value: r.team });
    if (r.ds) {
      const d = dsRows.find((x) => x.name === r.ds[0])!;
      await db.insert(runInputs).values({ runId: id, datasetId: d.id, context: r.ds[1] });
    }
  }
  // A run in another experiment, to show the experiment scope.
  const other = hex();
  names.set(other, 'other');
  await db.insert(runs).values({ id: other, experimentId: otherExperimentId, name: 'run-other', startTime: 50 });
  await db.insert(latestMetrics).values({ runId: other, experimentId: otherExperimentId, key: 'acc', value: 0.95, step: 0, timestamp: 0 });
}

beforeAll(async () => {
  actor = await makeUser('viewer');
  await seed();
});

async function search(input: Partial<SearchRunsInput> = {}): Promise<string[]> {
  const out = await searchRuns(actor, { experimentIds: [String(experimentId)], ...input });
  return out.runs.map((r) => names.get(r.id)!);
}

describe('searchRuns filters', () => {
  it.each([
    ['metrics.acc > 0.5', ['f', 'a']],
    ['metrics.acc >= 0.5', ['b', 'f', 'a']],
    ['metrics.acc < 0.6', ['e', 'c', 'b']],
    ['metrics.acc <= 0', ['e', 'c']],
    ['metrics.acc = 0', ['e', 'c']],
    ['metrics.acc != 0', ['b', 'f', 'a']],
    ['metrics.acc != 0.5', ['e', 'c', 'f', 'a']],
    ['metrics.acc > -1', ['e', 'c', 'b', 'f', 'a']],
    ['metrics.acc > 1e300', ['f']],
    ['metrics.loss BETWEEN 2 AND 4', ['d', 'c', 'b']],
  ])('%s (NaN compares as 0, as in MLflow; runs without the metric never match)', async (filter, expected) => {
    expect(await search({ filter })).toEqual([...expected].sort(orderDefault));
  });

  it.each([
    ["params.opt = 'adam'", ['c', 'a']],
    ["params.opt != 'adam'", ['d', 'b', 'f']],
    ["params.lr LIKE '0.0%'", ['b', 'f']],
    ["tags.team LIKE 'vision%'", ['b', 'f']],
    ["tags.team ILIKE 'vision'", ['e', 'b', 'a']],
    ["tags.team != 'Vision'", ['c', 'b', 'f']],
    ["params.opt IN ('sgd', 'rmsprop')", ['d', 'b', 'f']],
    ["params.opt NOT IN ('sgd', 'rmsprop')", ['c', 'a']],
    ["tags.team IN ('NLP')", ['c']],
  ])('%s (strings; != and NOT IN need the key to exist)', async (filter, expected) => {
    expect(await search({ filter })).toEqual([...expected].sort(orderDefault));
  });

  it.each([
    ["attributes.status = 'FINISHED'", ['e', 'b', 'a']],
    ["attributes.status != 'FINISHED'", ['c', 'd', 'f']],
    ['attributes.start_time > 200', ['e', 'c', 'd']],
    ['attributes.start_time BETWEEN 150 AND 200', ['b', 'f']],
    ["attributes.run_name LIKE 'run-%' and attributes.start_time < 150", ['a']],
    ["attributes.user_id = 'ann'", ['c', 'a']],
    ['params.lr IS NULL', ['e', 'c']],
    ['tags.team IS NOT NULL', ['e', 'c', 'b', 'f', 'a']],
    ["datasets.name = 'iris'", ['b', 'a']],
    ["datasets.context = 'training'", ['d', 'a']],
    ["metrics.acc > 0.8 or params.opt = 'rmsprop'", ['d', 'f', 'a']],
    ["(tags.team = 'NLP' or tags.team = 'vision') and metrics.loss < 3", ['b']],
    ["tags.team LIKE 'vision%' and metrics.loss < 3", ['b']],
    ["metrics.loss > 0 and params.lr LIKE '0.0%' and params.opt = 'sgd'", ['b', 'f']],
    ["tags.team LIKE 'V%' or params.opt = 'rmsprop'", ['e', 'd', 'a']],
    ["params.opt LIKE '%am'", ['c', 'a']],
    ["tags.team LIKE 'nomatch%'", []],
  ])('%s', async (filter, expected) => {
    expect(await search({ filter })).toEqual([...expected].sort(orderDefault));
  });

  it('matches run_id IN exactly', async () => {
    expect(await search({ filter: `attributes.run_id IN ('${ids.get('a')}', '${ids.get('e')}')` })).toEqual(['e', 'a']);
  });

  it('stays inside the given experiments, and merges several in order', async () => {
    expect(await search({ filter: 'metrics.acc > 0.92' })).toEqual(['f']);
    const liked = await searchRuns(actor, { experimentIds: [String(experimentId), String(otherExperimentId)], filter: "tags.team LIKE 'Vis%'", runViewType: 'ALL' });
    expect(liked.runs.map((r) => names.get(r.id))).toEqual(['e', 'g', 'a']);
    const both = await searchRuns(actor, { experimentIds: [String(experimentId), String(otherExperimentId)], filter: 'metrics.acc > 0.85', orderBy: ['metrics.acc DESC'] });
    expect(both.runs.map((r) => names.get(r.id))).toEqual(['f', 'other', 'a']);
  });
});

describe('searchRuns view types', () => {
  it('shows active runs by default, deleted ones or all on request', async () => {
    expect(await search()).toEqual(['e', 'c', 'd', 'b', 'f', 'a'].sort((x, y) => orderDefault(x, y)));
    expect(await search({ runViewType: 'DELETED_ONLY' })).toEqual(['g']);
    expect(await search({ runViewType: 'ALL', filter: "params.opt = 'adam'" })).toEqual(['c', 'g', 'a']);
  });
});

function orderDefault(x: string, y: string): number {
  const rx = ROWS.find((r) => r.n === x)!;
  const ry = ROWS.find((r) => r.n === y)!;
  if (rx.start !== ry.start) return ry.start - rx.start;
  return ids.get(x)! < ids.get(y)! ? -1 : 1;
}

describe('searchRuns order', () => {
  it('orders by start_time DESC then run id by default (ties c/d by id)', async () => {
    const got = await search();
    expect(got.slice(0, 1)).toEqual(['e']);
    expect(got.slice(1, 3).sort()).toEqual(['c', 'd']);
    expect(got.slice(1, 3)).toEqual(['c', 'd'].sort((x, y) => (ids.get(x)! < ids.get(y)! ? -1 : 1)));
  });

  it('orders by a metric ascending: numbers, then NaN, then runs without it', async () => {
    expect(await search({ orderBy: ['metrics.acc ASC'] })).toEqual(['e', 'b', 'a', 'f', 'c', 'd']);
  });

  it('orders by a metric descending: +Infinity first, NaN and missing still last', async () => {
    expect(await search({ orderBy: ['metrics.acc DESC'] })).toEqual(['f', 'a', 'b', 'e', 'c', 'd']);
  });

  it('orders by a param both ways with missing last and ties by start_time DESC', async () => {
    expect(await search({ orderBy: ['params.lr'] })).toEqual(['f', 'b', 'd', 'a', 'e', 'c']);
    expect(await search({ orderBy: ['params.lr DESC'] })).toEqual(['d', 'a', 'b', 'f', 'e', 'c']);
  });

  it('orders by attributes, nullable ones with NULLs last both ways', async () => {
    expect(await search({ orderBy: ['attributes.start_time ASC'] })).toEqual(['a', 'f', 'b', ...['c', 'd'].sort((x, y) => (ids.get(x)! < ids.get(y)! ? -1 : 1)), 'e']);
    expect(await search({ orderBy: ['attributes.end_time DESC'] })).toEqual(['e', 'c', 'b', 'f', 'a', 'd']);
    expect(await search({ orderBy: ['attributes.end_time ASC'] })).toEqual(['a', 'f', 'b', 'c', 'e', 'd']);
    expect(await search({ orderBy: ['attributes.run_name DESC'] })).toEqual(['f', 'e', 'd', 'c', 'b', 'a']);
  });

  it.each([[['params.lr']], [['params.lr DESC']], [['params.opt', 'metrics.acc DESC']], [['tags.team DESC']], [['params.opt DESC', 'metrics.loss']]])(
    'walks a param or tag’s distinct values in the same order as one sorted query, page by page too (%j)',
    async (orderBy) => {
      // A filter keeps the plain sorted query; without one, and with every tie group counted as large,
      // the distinct values are walked.
      const sorted = await search({ orderBy, runViewType: 'ALL', filter: 'attributes.start_time >= 0' });
      const saved = searchPlanThresholds.largeTieGroup;
      searchPlanThresholds.largeTieGroup = 1;
      try {
        expect(await search({ orderBy, runViewType: 'ALL' })).toEqual(sorted);
        for (const size of [1, 3]) {
          const got: string[] = [];
          let pageToken: string | undefined;
          for (let i = 0; i < 20; i++) {
            const page = await searchRuns(actor, { experimentIds: [String(experimentId)], orderBy, runViewType: 'ALL', maxResults: size, pageToken });
            got.push(...page.runs.map((r) => names.get(r.id)!));
            if (!page.nextPageToken) break;
            pageToken = page.nextPageToken;
          }
          expect(got).toEqual(sorted);
        }
      } finally {
        searchPlanThresholds.largeTieGroup = saved;
      }
    },
  );

  it('gives the same runs for a prefix LIKE whether it drives the search or is probed per run', async () => {
    const filters = ["tags.team LIKE 'vision%' and metrics.loss < 3", "tags.team LIKE 'V%'", "params.lr LIKE '0.0%' and params.opt = 'sgd'", "tags.team LIKE 'nomatch%'"];
    const driven = await Promise.all(filters.map((filter) => search({ filter, runViewType: 'ALL' })));
    const saved = searchPlanThresholds.fewPrefixMatches;
    searchPlanThresholds.fewPrefixMatches = 0;
    try {
      for (const [i, filter] of filters.entries()) expect(await search({ filter, runViewType: 'ALL' })).toEqual(driven[i]);
    } finally {
      searchPlanThresholds.fewPrefixMatches = saved;
    }
    expect(driven[0]).toEqual(['b']);
  });

  it('orders by a second key after the first, with a metric’s NaN and missing last', async () => {
    expect(await search({ orderBy: ['params.opt', 'metrics.acc DESC'] })).toEqual(['a', 'c', 'd', 'f', 'b', 'e']);
  });
});

describe('searchRuns pages', () => {
  const orders = [undefined, ['metrics.acc DESC'], ['metrics.acc ASC'], ['params.lr'], ['attributes.end_time'], ['params.opt DESC', 'metrics.loss']];

  it.each(orders.map((o) => [JSON.stringify(o ?? 'default'), o]))('pages of 1, 2 and 4 equal one big page (%s)', async (_label, orderBy) => {
    const all = await search({ orderBy, runViewType: 'ALL' });
    expect(all).toHaveLength(7);
    for (const size of [1, 2, 4]) {
      const got: string[] = [];
      let pageToken: string | undefined;
      for (let i = 0; i < 20; i++) {
        const page = await searchRuns(actor, { experimentIds: [String(experimentId)], orderBy, runViewType: 'ALL', maxResults: size, pageToken });
        expect(page.runs.length).toBeLessThanOrEqual(size);
        got.push(...page.runs.map((r) => names.get(r.id)!));
        if (!page.nextPageToken) break;
        pageToken = page.nextPageToken;
      }
      expect(got).toEqual(all);
    }
  });

  it('stays stable while new runs arrive between pages', async () => {
    const db = await getDb();
    const [exp] = await db.insert(experiments).values({ name: `stable-${hex()}` }).returning();
    const base = Array.from({ length: 30 }, (_, i) => ({ id: hex(), experimentId: exp.id, name: `r${i}`, startTime: 1_000 + i * 10 }));
    await db.insert(runs).values(base);
    const seen: string[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < 10; page++) {
      const out = await searchRuns(actor, { experimentIds: [String(exp.id)], maxResults: 7, pageToken });
      seen.push(...out.runs.map((r) => r.id));
      // newer runs (sorting first), older runs (sorting last) and ties with the page's last row arrive
      const last = out.runs[out.runs.length - 1];
      await db.insert(runs).values([
        { id: hex(), experimentId: exp.id, name: 'new', startTime: 5_000 + page },
        { id: hex(), experimentId: exp.id, name: 'tie', startTime: last?.startTime ?? 0 },
      ]);
      if (!out.nextPageToken) break;
      pageToken = out.nextPageToken;
    }
    const expectedBase = [...base].sort((x, y) => y.startTime - x.startTime).map((r) => r.id);
    expect(seen.filter((id) => base.some((b) => b.id === id))).toEqual(expectedBase);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a malformed page token as a validation error', async () => {
    for (const pageToken of ['garbage!', Buffer.from('{"k":[1]}').toString('base64url'), Buffer.from('{"k":"x"}').toString('base64url')]) {
      await expect(searchRuns(actor, { experimentIds: [String(experimentId)], pageToken })).rejects.toMatchObject({ kind: 'validation', code: 'invalid_page_token' });
    }
  });

  it('refuses a token from another search, and one with tampered sort values', async () => {
    const first = await searchRuns(actor, { experimentIds: [String(experimentId)], maxResults: 2, orderBy: ['metrics.acc'] });
    await expect(searchRuns(actor, { experimentIds: [String(experimentId)], maxResults: 2, orderBy: ['params.lr'], pageToken: first.nextPageToken! })).rejects.toMatchObject({
      code: 'invalid_page_token',
    });
    const decoded = JSON.parse(Buffer.from(first.nextPageToken!, 'base64url').toString()) as { k: [string, number, string[]] };
    decoded.k[2][0] = "0.5'; select 1";
    const forged = Buffer.from(JSON.stringify(decoded)).toString('base64url');
    await expect(searchRuns(actor, { experimentIds: [String(experimentId)], maxResults: 2, orderBy: ['metrics.acc'], pageToken: forged })).rejects.toMatchObject({
      code: 'invalid_page_token',
    });
  });

  it('refuses a bad filter with a message naming the position and token', async () => {
    const err = await searchRuns(actor, { experimentIds: [String(experimentId)], filter: 'metrics.acc ~ 1' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'validation', code: 'invalid_filter' });
    expect((err as Error).message).toMatch(/position 13/);
    expect((err as Error).message).toContain('~');
  });

  it('refuses maxResults above 50,000 and a bad order_by', async () => {
    await expect(searchRuns(actor, { experimentIds: [String(experimentId)], maxResults: 50_001 })).rejects.toMatchObject({ kind: 'validation' });
    await expect(searchRuns(actor, { experimentIds: [String(experimentId)], orderBy: ['metrics.acc sideways'] })).rejects.toMatchObject({ code: 'invalid_order_by' });
  });
});
