import { beforeAll, describe, expect, it } from 'vitest';
import { POST as createExperiment } from '@/app/api/2.0/mlflow/experiments/create/route';
import { POST as deleteExperiment } from '@/app/api/2.0/mlflow/experiments/delete/route';
import { POST as deleteExperimentTag } from '@/app/api/2.0/mlflow/experiments/delete-experiment-tag/route';
import { GET as getExperimentRoute } from '@/app/api/2.0/mlflow/experiments/get/route';
import { POST as setExperimentTag } from '@/app/api/2.0/mlflow/experiments/set-experiment-tag/route';
import { GET as searchGet, POST as search } from '@/app/api/2.0/mlflow/experiments/search/route';
import { POST as updateExperiment } from '@/app/api/2.0/mlflow/experiments/update/route';
import { getExperiment } from '@/lib/experiments/get-experiment';
import { updateExperiment as updateExperimentService } from '@/lib/experiments/update-experiment';
import { makeToken, makeUser } from '@/test/factories';

/*
 * experiments/search as the Python client calls it: rest_store.search_experiments sends
 * SearchExperiments(view_type, max_results, page_token, order_by, filter) through message_to_json, so the
 * body carries `view_type` as the enum name, `max_results` as a number, `order_by` as a list and only the
 * fields that were set. The fluent API pages with `page_token` until next_page_token is absent.
 */

let token: string;
let owner: Awaited<ReturnType<typeof makeUser>>;
const P = `xs${Date.now().toString(36)}`;

type Handler = (request: Request) => Promise<Response>;
interface Exp {
  experiment_id: string;
  name: string;
  lifecycle_stage: string;
  creation_time: number;
  last_update_time: number;
  tags?: { key: string; value: string }[];
}

async function post(handler: Handler, path: string, body: unknown) {
  const res = await handler(
    new Request(`http://localhost/api/2.0/mlflow/${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  );
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** The client's SearchExperiments body; our filter always scopes to this file's experiments. */
async function searchExperiments(body: { filter?: string; order_by?: string[]; max_results?: number; view_type?: string; page_token?: string }) {
  return post(search, 'experiments/search', { view_type: 'ACTIVE_ONLY', max_results: 1000, ...body });
}

async function names(filter: string, extra: { order_by?: string[]; view_type?: string } = {}): Promise<string[]> {
  const res = await searchExperiments({ filter: `name LIKE '${P}-%' and ${filter}`, order_by: ['name ASC'], ...extra });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return ((res.json.experiments as Exp[] | undefined) ?? []).map((e) => e.name.slice(P.length + 1));
}

let all: Exp[];

beforeAll(async () => {
  owner = await makeUser('scientist');
  token = (await makeToken(owner)).token;
  const make = async (name: string, tags: { key: string; value: string }[]) => {
    const res = await post(createExperiment, 'experiments/create', { name: `${P}-${name}`, tags });
    expect(res.status).toBe(200);
    return res.json.experiment_id as string;
  };
  await make('alpha', [{ key: 'team', value: 'vision' }, { key: 'stage name', value: 'dev' }]);
  await make('Beta', [{ key: 'team', value: 'nlp' }]);
  const gamma = await make('gamma', [{ key: 'team', value: 'Vision' }]);
  await make('delta', []);
  await make('eps_1', [{ key: 'team', value: 'vision' }]);
  expect((await post(deleteExperiment, 'experiments/delete', { experiment_id: gamma })).status).toBe(200);
  const res = await searchExperiments({ filter: `name LIKE '${P}-%'`, view_type: 'ALL' });
  all = res.json.experiments as Exp[];
  expect(all).toHaveLength(5);
});

describe('MLflow experiments/search', () => {
  it('filters on the name with =, !=, LIKE (case-sensitive) and ILIKE, under attribute. and attributes. too', async () => {
    expect(await names(`name = '${P}-alpha'`)).toEqual(['alpha']);
    expect(await names(`attribute.name != '${P}-alpha'`)).toEqual(['Beta', 'delta', 'eps_1']);
    expect(await names(`name LIKE '${P}-b%'`)).toEqual([]);
    expect(await names(`attributes.name ILIKE '${P}-b%'`)).toEqual(['Beta']);
    expect(await names(`name LIKE '%a'`)).toEqual(['Beta', 'alpha', 'delta']);
    // `_` is MLflow's (and SQL's) one-character wildcard.
    expect(await names(`name LIKE '%eps__'`)).toEqual(['eps_1']);
  });

  it('filters on tags: = and LIKE are case-sensitive, ILIKE is not, != needs the tag to exist; quoted keys work', async () => {
    expect(await names(`tags.team = 'vision'`)).toEqual(['alpha', 'eps_1']);
    expect(await names(`tags.team ILIKE 'VISION'`, { view_type: 'ALL' })).toEqual(['alpha', 'eps_1', 'gamma']);
    expect(await names(`tags.team != 'vision'`)).toEqual(['Beta']);
    expect(await names(`tag.team LIKE 'n%'`)).toEqual(['Beta']);
    expect(await names('tags.`stage name` = \'dev\'')).toEqual(['alpha']);
    expect(await names(`tags."stage name" = 'dev' and tags.team = 'vision'`)).toEqual(['alpha']);
    expect(await names(`tags.missing = 'x'`)).toEqual([]);
  });

  it('compares creation_time and last_update_time as epoch milliseconds', async () => {
    const active = all.filter((e) => e.lifecycle_stage === 'active');
    const pivot = [...active].sort((a, b) => a.creation_time - b.creation_time)[2].creation_time;
    const expected = (op: (t: number) => boolean) => active.filter((e) => op(e.creation_time)).map((e) => e.name.slice(P.length + 1)).sort();
    expect((await names(`creation_time >= ${pivot}`)).sort()).toEqual(expected((t) => t >= pivot));
    expect((await names(`attributes.creation_time < ${pivot}`)).sort()).toEqual(expected((t) => t < pivot));
    expect((await names(`creation_time = ${pivot}`)).sort()).toEqual(expected((t) => t === pivot));
    expect(await names(`last_update_time > 0 and last_update_time <= ${Date.now() + 60_000}`)).toEqual(['Beta', 'alpha', 'delta', 'eps_1']);
    expect((await names(`creation_time > ${pivot - 0.5}`)).sort()).toEqual(expected((t) => t >= pivot));
  });

  it('orders by name, experiment_id, creation_time and last_update_time, with MLflow’s default and tie-breaker', async () => {
    const scoped = { filter: `name LIKE '${P}-%'`, view_type: 'ALL' };
    const order = async (order_by?: string[]) => (((await searchExperiments({ ...scoped, order_by })).json.experiments as Exp[]) ?? []).map((e) => e.experiment_id);
    const byId = (a: Exp, b: Exp) => Number(a.experiment_id) - Number(b.experiment_id);
    expect(await order(['name ASC'])).toEqual([...all].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((e) => e.experiment_id));
    expect(await order(['name DESC'])).toEqual([...all].sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0)).map((e) => e.experiment_id));
    expect(await order(['experiment_id'])).toEqual([...all].sort(byId).map((e) => e.experiment_id));
    expect(await order(['attribute.experiment_id DESC'])).toEqual([...all].sort(byId).reverse().map((e) => e.experiment_id));
    // Default: creation_time DESC, then experiment_id ASC.
    expect(await order()).toEqual([...all].sort((a, b) => b.creation_time - a.creation_time || byId(a, b)).map((e) => e.experiment_id));
    // Ties on creation_time break by experiment_id DESC when order_by does not name it.
    expect(await order(['creation_time ASC'])).toEqual([...all].sort((a, b) => a.creation_time - b.creation_time || byId(b, a)).map((e) => e.experiment_id));

    const renamed = all.find((e) => e.name === `${P}-delta`)!;
    await new Promise((r) => setTimeout(r, 5));
    expect((await post(updateExperiment, 'experiments/update', { experiment_id: renamed.experiment_id, new_name: `${P}-delta2` })).status).toBe(200);
    expect((await order(['last_update_time DESC']))[0]).toBe(renamed.experiment_id);
    expect((await post(updateExperiment, 'experiments/update', { experiment_id: renamed.experiment_id, new_name: `${P}-delta` })).status).toBe(200);
  });

  it('pages with max_results and page_token until next_page_token is absent, in the requested order', async () => {
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const res = await searchExperiments({ filter: `name LIKE '${P}-%'`, view_type: 'ALL', order_by: ['name DESC'], max_results: 2, ...(pageToken ? { page_token: pageToken } : {}) });
      expect(res.status).toBe(200);
      const batch = res.json.experiments as Exp[];
      expect(batch.length).toBeLessThanOrEqual(2);
      seen.push(...batch.map((e) => e.name.slice(P.length + 1)));
      pageToken = res.json.next_page_token as string | undefined;
      pages++;
    } while (pageToken && pages < 10);
    expect(seen).toEqual(['gamma', 'eps_1', 'delta', 'alpha', 'Beta']);
    expect(pages).toBe(3);
  });

  it('chooses active, deleted or all experiments with view_type (names and numbers)', async () => {
    expect(await names(`name != ''`, { view_type: 'DELETED_ONLY' })).toEqual(['gamma']);
    expect(await names(`name != ''`, { view_type: '3' })).toEqual(['Beta', 'alpha', 'delta', 'eps_1', 'gamma']);
    const empty = await searchExperiments({ filter: `name = '${P}-none'` });
    expect(empty).toEqual({ status: 200, json: {} });
  });

  it('answers GET with the query string the same way', async () => {
    const q = new URLSearchParams({ filter: `name LIKE '${P}-%' and tags.team = 'vision'`, view_type: 'ALL', max_results: '1' });
    q.append('order_by', 'name DESC');
    const res = await searchGet(new Request(`http://localhost/api/2.0/mlflow/experiments/search?${q}`, { headers: { authorization: `Bearer ${token}` } }));
    const json = (await res.json()) as { experiments: Exp[]; next_page_token?: string };
    expect(res.status).toBe(200);
    expect(json.experiments.map((e) => e.name)).toEqual([`${P}-eps_1`]);
    expect(json.experiments[0].tags).toEqual([{ key: 'team', value: 'vision' }]);
    expect(json.next_page_token).toBeTruthy();
  });

  it('refuses what MLflow refuses with INVALID_PARAMETER_VALUE, including bad and mismatched page tokens', async () => {
    const bad = async (body: Parameters<typeof searchExperiments>[0], message: RegExp) => {
      const res = await searchExperiments(body);
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(res.json.error_code).toBe('INVALID_PARAMETER_VALUE');
      expect(res.json.message).toMatch(message);
    };
    await bad({ filter: `name ~ 'x'` }, /comparator/);
    await bad({ filter: `tags.team > 'a'` }, /comparator/);
    await bad({ filter: `creation_time = 'yesterday'` }, /number/);
    await bad({ filter: `name = 'a' or name = 'b'` }, /and only/);
    await bad({ filter: `params.x = 'a'` }, /entity type/);
    await bad({ filter: `lifecycle_stage = 'active'` }, /attribute key/);
    await bad({ order_by: ['tags.team'] }, /order_by/);
    await bad({ order_by: ['name SIDEWAYS'] }, /ASC or DESC/);
    await bad({ page_token: 'not-a-token' }, /page token/);
    await bad({ max_results: 0 }, /max_results/);
    await bad({ max_results: 50_001 }, /max_results/);
    const first = await searchExperiments({ filter: `name LIKE '${P}-%'`, order_by: ['name ASC'], max_results: 1 });
    await bad({ filter: `name LIKE '${P}-%'`, order_by: ['name DESC'], max_results: 1, page_token: first.json.next_page_token as string }, /page token/);
  });
});

describe('MLflow experiment description (the mlflow.note.content tag)', () => {
  const NOTE = 'mlflow.note.content';
  const tagsOf = async (id: string) => {
    const res = await getExperimentRoute(new Request(`http://localhost/api/2.0/mlflow/experiments/get?experiment_id=${id}`, { headers: { authorization: `Bearer ${token}` } }));
    return ((await res.json()) as { experiment: Exp }).experiment.tags ?? [];
  };

  it('maps the tag onto the description column both ways: create, set, console edit, delete', async () => {
    const created = await post(createExperiment, 'experiments/create', { name: `${P}-noted`, tags: [{ key: NOTE, value: 'first' }, { key: 'team', value: 'x' }] });
    const id = created.json.experiment_id as string;
    expect(await getExperiment(owner, { id })).toMatchObject({ description: 'first', tags: { team: 'x' } });
    expect(await tagsOf(id)).toEqual(expect.arrayContaining([{ key: NOTE, value: 'first' }, { key: 'team', value: 'x' }]));

    expect((await post(setExperimentTag, 'experiments/set-experiment-tag', { experiment_id: id, key: NOTE, value: 'second' })).status).toBe(200);
    expect(await getExperiment(owner, { id })).toMatchObject({ description: 'second', tags: { team: 'x' } });

    await updateExperimentService(owner, { id, description: 'from the console' });
    expect(await tagsOf(id)).toContainEqual({ key: NOTE, value: 'from the console' });

    expect((await post(deleteExperimentTag, 'experiments/delete-experiment-tag', { experiment_id: id, key: NOTE })).status).toBe(200);
    expect((await getExperiment(owner, { id })).description).toBeNull();
    expect(await tagsOf(id)).toEqual([{ key: 'team', value: 'x' }]);
  });
});
