import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CARD_LABELS, TEXT_FIELDS } from '@/components/registry/card-fields';
import { formatMetricValue } from '@/components/registry/format';
import { ModelCardForm } from '@/components/registry/model-card-form';
import { RequestTransitionForm } from '@/components/registry/request-transition-form';
import { modelNameParam } from '@/components/registry/route-params';
import { AliasBadges, StageBadge } from '@/components/registry/stage-badge';
import { ModelTimeline } from '@/components/registry/timeline';
import { VersionAliasForm } from '@/components/registry/version-alias-form';
import { VersionDescriptionForm, VersionTagsEditor } from '@/components/registry/version-details-forms';
import { VersionPendingRequests } from '@/components/registry/version-requests';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { can } from '@/lib/auth/authorize';
import { requirePageActor } from '@/lib/auth/page-actor';
import { isAppError } from '@/lib/errors';
import { getRun } from '@/lib/experiments/get-run';
import type { RunView } from '@/lib/experiments/schemas';
import { getModel } from '@/lib/registry/get-model';
import { getVersion } from '@/lib/registry/get-version';
import { getModelTimeline } from '@/lib/registry/history-queries';
import { listTransitionRequests } from '@/lib/registry/list-transition-requests';
import { REQUEST_STATUSES, type VersionView } from '@/lib/registry/schemas';
import { aliasAction, cancelRequestAction, deleteTagAction, requestTransitionAction, setTagAction, updateCardAction, updateDescriptionAction } from './actions';

type Params = Promise<{ name: string; version: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const p = await params;
  return { title: `${modelNameParam(p.name)} v${p.version}` };
}

const KEY_ITEMS = 12;

export default async function VersionPage({ params }: { params: Params }) {
  const actor = await requirePageActor('read');
  const p = await params;
  const name = modelNameParam(p.name);
  if (!/^\d{1,9}$/.test(p.version)) notFound();
  const number = Number(p.version);
  const version = await getVersion(actor, { name, version: number }).catch((e: unknown) => {
    if (isAppError(e) && (e.code === 'not_found' || e.code === 'validation_failed')) notFound();
    throw e;
  });
  const missingRun = (e: unknown) => (isAppError(e) && e.code === 'not_found' ? null : Promise.reject(e));
  const [run, model, requestPages, { events }] = await Promise.all([
    version.runId ? getRun(actor, { id: version.runId }).catch(missingRun) : null,
    getModel(actor, { name: version.modelName }),
    Promise.all(REQUEST_STATUSES.map((status) => listTransitionRequests(actor, { versionId: version.id, status, pageSize: 100 }))),
    getModelTimeline(actor, { name: version.modelName, pageSize: 500 }),
  ]);
  // The current Production holder, for "compare with Production" (its run may be gone; then there is no link).
  const production = model.production && model.production.id !== version.id ? await getVersion(actor, { id: model.production.id }).catch(missingRun) : null;
  const requests = requestPages.flatMap((p) => p.requests.map((r) => r.request));
  const pending = requests.filter((r) => r.status === 'pending');
  const ownPending = pending.filter((r) => actor.userId && r.requestedBy?.id === actor.userId);
  const mayEdit = can(actor, 'version.update');
  const mayRequest = can(actor, 'transition.request');
  const mayCancel = can(actor, 'transition.cancel');
  const mayAlias = can(actor, 'model.update') || mayRequest;
  const bound = { name: version.modelName, v: version.version };
  const modelHref = `/models/${encodeURIComponent(version.modelName)}`;
  const metrics = run ? Object.entries(run.metrics).sort(([a], [b]) => a.localeCompare(b)) : [];
  const params_ = run ? Object.entries(run.params).sort(([a], [b]) => a.localeCompare(b)) : [];
  const aliasInfo = new Map(model.aliases.map((a) => [a.alias, a]));

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-xs text-muted-foreground">
        <Link href="/models" className="underline-offset-4 hover:underline">
          Models
        </Link>{' '}
        /{' '}
        <Link href={modelHref} className="underline-offset-4 hover:underline">
          {version.modelName}
        </Link>{' '}
        / v{version.version}
      </nav>
      <PageHeader
        title={`${version.modelName} v${version.version}`}
        description={version.description ?? `Registered ${version.createdAt.slice(0, 16).replace('T', ' ')} UTC; status ${version.status.toLowerCase()}${version.statusMessage ? ` (${version.statusMessage})` : ''}.`}
        actions={
          <div className="flex items-center gap-2">
            <StageBadge stage={version.stage} />
            {version.aliases.length ? <AliasBadges aliases={version.aliases.map((alias) => ({ alias }))} /> : null}
          </div>
        }
      />
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        <div className="flex flex-col gap-4">
          {mayEdit ? (
            <Card>
              <CardHeader>
                <CardTitle className="text-sm">Description</CardTitle>
              </CardHeader>
              <CardContent>
                <VersionDescriptionForm action={updateDescriptionAction.bind(null, bound.name, bound.v)} description={version.description} />
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle className="text-sm">Lineage</CardTitle>
              <CardDescription className="font-mono text-xs break-all">{version.source ?? 'no source recorded'}</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-3 text-sm">
              {version.runId === null ? (
                <p className="text-muted-foreground">Not registered from a run. Register versions with a run id to keep their params and metrics beside them.</p>
              ) : run === null ? (
                <p className="text-muted-foreground">
                  Source run <span className="font-mono">{version.runId}</span> no longer exists.
                </p>
              ) : (
                <>
                  <p>
                    Source run{' '}
                    <Link className="font-medium underline underline-offset-4" href={`/experiments/${run.experimentId}/runs/${run.id}`}>
                      {run.name}
                    </Link>{' '}
                    <span className="text-xs text-muted-foreground">
                      ({run.status.toLowerCase()}
                      {run.lifecycleStage === 'deleted' ? ', in the trash' : ''})
                    </span>
                  </p>
                  <div className="grid gap-4 md:grid-cols-2">
                    <KeyValues title="Metrics" rows={metrics.slice(0, KEY_ITEMS).map(([k, m]) => [k, formatMetricValue(m.value)])} more={metrics.length - KEY_ITEMS} empty="No metrics logged." />
                    <KeyValues title="Params" rows={params_.slice(0, KEY_ITEMS)} more={params_.length - KEY_ITEMS} empty="No params logged." />
                  </div>
                  <Datasets inputs={run.inputs ?? []} />
                  <CompareWithProduction run={run} version={version} production={production} />
                </>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle className="text-sm">
                Model card{' '}
                <span className={version.cardCompleteness.filled === version.cardCompleteness.total ? 'text-success' : 'font-normal text-muted-foreground'}>
                  {version.cardCompleteness.filled}/{version.cardCompleteness.total}
                </span>
              </CardTitle>
              {version.cardCompleteness.missing.length ? <CardDescription className="text-xs">Missing: {version.cardCompleteness.missing.map((f) => CARD_LABELS[f]).join(', ')}. Approvers see this.</CardDescription> : null}
            </CardHeader>
            <CardContent>
              {mayEdit ? (
                <ModelCardForm action={updateCardAction.bind(null, version.modelName, version.version)} card={version.card} />
              ) : (
                <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-2 text-sm">
                  {TEXT_FIELDS.map((f) => (
                    <Row key={f} term={CARD_LABELS[f]} value={version.card[f]} />
                  ))}
                  <Row term={CARD_LABELS.owners} value={version.card.owners.join(', ') || null} />
                </dl>
              )}
            </CardContent>
          </Card>
        </div>
        <div className="flex flex-col gap-4">
          {pending.length ? (
            <Card>
              <CardHeader>
                <CardTitle className="text-sm">Pending requests</CardTitle>
                <CardDescription className="text-xs">Each waits for an approver in Sign-offs; whoever asked can cancel it.</CardDescription>
              </CardHeader>
              <CardContent>
                <VersionPendingRequests
                  requests={pending}
                  cancel={Object.fromEntries(mayCancel ? ownPending.map((r) => [r.id, cancelRequestAction.bind(null, bound.name, bound.v, r.id)]) : [])}
                />
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle className="text-sm">Request a stage change</CardTitle>
              <CardDescription className="text-xs">Currently {version.stage}. An approver other than you signs it off.</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              {mayRequest ? (
                version.status === 'READY' ? (
                  <RequestTransitionForm action={requestTransitionAction.bind(null, version.modelName, version.version)} stage={version.stage} />
                ) : (
                  <p className="text-xs text-muted-foreground">This version is {version.status.toLowerCase()}; it can change stage once it is ready.</p>
                )
              ) : (
                <p className="text-xs text-muted-foreground">Your {actor.role} role cannot request transitions; scientists and admins can.</p>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle className="text-sm">Aliases</CardTitle>
              <CardDescription className="text-xs">
                {version.aliases.length ? 'Held by this version:' : 'This version holds no alias.'}
              </CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              {version.aliases.length ? (
                <div data-testid="version-aliases">
                  <AliasBadges aliases={version.aliases.map((alias) => ({ alias, protected: aliasInfo.get(alias)?.protected ?? false }))} />
                </div>
              ) : null}
              {mayAlias && version.status === 'READY' ? (
                <VersionAliasForm action={aliasAction.bind(null, bound.name, bound.v)} version={version.version} aliases={model.aliases} />
              ) : null}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle className="text-sm">Tags</CardTitle>
            </CardHeader>
            <CardContent>
              {mayEdit ? (
                <VersionTagsEditor
                  tags={version.tags}
                  actions={{
                    set: setTagAction.bind(null, bound.name, bound.v),
                    remove: Object.fromEntries(Object.keys(version.tags).map((k) => [k, deleteTagAction.bind(null, bound.name, bound.v, k)])),
                  }}
                />
              ) : Object.keys(version.tags).length ? (
                <dl aria-label="Version tags" className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 font-mono text-xs">
                  {Object.entries(version.tags).map(([k, v]) => (
                    <div key={k} className="contents">
                      <dt className="text-muted-foreground">{k}</dt>
                      <dd className="break-all">{v}</dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <p className="text-xs text-muted-foreground">No tags.</p>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle className="text-sm">History of v{version.version}</CardTitle>
              <CardDescription className="text-xs">
                Requests, decisions and moves of this version. The whole model’s history is on{' '}
                <Link href={modelHref} className="underline underline-offset-4">
                  its page
                </Link>
                .
              </CardDescription>
            </CardHeader>
            <CardContent>
              <ModelTimeline events={events.filter((e) => e.version === version.version)} requests={requests} modelName={version.modelName} compact />
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  );
}

function Row({ term, value }: { term: string; value: string | null }) {
  return (
    <>
      <dt className="text-xs text-muted-foreground">{term}</dt>
      <dd className="whitespace-pre-wrap">{value ?? <span className="text-muted-foreground">not filled in</span>}</dd>
    </>
  );
}

function KeyValues({ title, rows, more, empty }: { title: string; rows: [string, string][]; more: number; empty: string }) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-medium text-muted-foreground">{title}</h3>
      {rows.length ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 font-mono text-xs">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="truncate text-muted-foreground">{k}</dt>
              <dd className="text-right tabular-nums">{v}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="text-xs text-muted-foreground">{empty}</p>
      )}
      {more > 0 ? <p className="mt-1 text-xs text-muted-foreground">and {more} more on the run page</p> : null}
    </div>
  );
}

function Datasets({ inputs }: { inputs: NonNullable<RunView['inputs']> }) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-medium text-muted-foreground">Datasets</h3>
      {inputs.length ? (
        <ul aria-label="Datasets" className="flex flex-col gap-1 text-xs">
          {inputs.map((i) => (
            <li key={`${i.dataset.id}-${i.context ?? ''}`} className="flex flex-wrap items-baseline gap-x-2">
              <span className="font-medium">{i.dataset.name}</span>
              {i.context ? <Badge variant="outline">{i.context}</Badge> : null}
              <span className="font-mono text-muted-foreground" title={`digest ${i.dataset.digest}`}>
                {i.dataset.digest.slice(0, 12)}
              </span>
              <span className="min-w-0 truncate font-mono text-muted-foreground" title={i.dataset.source}>
                {i.dataset.sourceType}: {i.dataset.source}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-xs text-muted-foreground">The run logged no dataset inputs.</p>
      )}
    </div>
  );
}

/** A link to the compare page with this version's run beside the current Production holder's run. */
function CompareWithProduction({ run, version, production }: { run: RunView; version: VersionView; production: VersionView | null }) {
  let body: React.ReactNode;
  if (version.stage === 'Production') body = <span className="text-muted-foreground">This version is in Production.</span>;
  else if (!production) body = <span className="text-muted-foreground">No version is in Production to compare with.</span>;
  else if (!production.runId || production.runId === run.id)
    body = <span className="text-muted-foreground">{production.runId ? `v${production.version} (Production) comes from the same run.` : `v${production.version} (Production) was not registered from a run.`}</span>;
  else
    body = (
      <Link className="font-medium text-primary underline-offset-4 hover:underline" href={`/compare?runs=${run.id},${production.runId}`}>
        Compare with v{production.version}’s run (Production)
      </Link>
    );
  return (
    <p className="text-xs" data-testid="compare-with-production">
      {body}
    </p>
  );
}
