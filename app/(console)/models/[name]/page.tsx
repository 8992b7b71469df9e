import { Layers } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AccessCard } from '@/components/grants/access-card';
import { AliasesCard, type AliasActions } from '@/components/registry/aliases-card';
import { ModelDescription, ModelTags } from '@/components/registry/model-description';
import { PolicyCard } from '@/components/registry/policy-card';
import { modelNameParam } from '@/components/registry/route-params';
import { ModelTimeline } from '@/components/registry/timeline';
import { EmergencyRollbackDialog, RequestRollbackForm } from '@/components/registry/rollback-forms';
import { AliasBadges } from '@/components/registry/stage-badge';
import { VersionsTable } from '@/components/registry/versions-table';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { FieldError, Input, Label } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { REQUEST_STATUSES } from '@/lib/registry/schemas';
import { can, checkPermission } from '@/lib/auth/authorize';
import { listGrants } from '@/lib/grants/list-grants';
import { getRegistryPolicy } from '@/lib/registry/registry-policy';
import { requirePageActor } from '@/lib/auth/page-actor';
import { isAppError } from '@/lib/errors';
import { getModel } from '@/lib/registry/get-model';
import { getModelTimeline, getStageHolderAt } from '@/lib/registry/history-queries';
import { listTransitionRequests } from '@/lib/registry/list-transition-requests';
import { listVersions } from '@/lib/registry/list-versions';
import {
  deleteAliasAction,
  deleteModelTagAction,
  emergencyRollbackAction,
  grantModelAccessAction,
  protectAliasAction,
  requestRollbackAction,
  resetPolicyAction,
  revokeModelAccessAction,
  setAliasAction,
  setModelTagAction,
  setPolicyAction,
  unprotectAliasAction,
  updateDescriptionAction,
} from './actions';

type Params = Promise<{ name: string }>;
type SearchParams = Promise<{ at?: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: modelNameParam((await params).name) };
}

/** `datetime-local` gives no zone; the form says UTC, so read it as UTC. */
function parseUtc(at: string | undefined): string | null {
  const m = at?.trim().match(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?(\.\d+)?Z?$/);
  return m ? `${m[1]}T${m[2]}${m[3] ?? ':00'}Z` : null;
}

export default async function ModelPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const actor = await requirePageActor('read');
  const name = modelNameParam((await params).name);
  const { at } = await searchParams;
  const model = await getModel(actor, { name }).catch((e: unknown) => {
    if (isAppError(e) && (e.code === 'not_found' || e.code === 'validation_failed')) notFound();
    throw e;
  });
  const [{ versions }, { events }, requestPages, access, policy] = await Promise.all([
    listVersions(actor, { name, pageSize: 500 }),
    getModelTimeline(actor, { name, pageSize: 500 }),
    Promise.all(REQUEST_STATUSES.map((status) => listTransitionRequests(actor, { name, status, pageSize: 100 }))),
    listGrants(actor, { resourceType: 'registered_model', name }),
    getRegistryPolicy(actor, { name }),
  ]);
  const requests = requestPages.flatMap((p) => p.requests.map((r) => r.request));
  const atIso = parseUtc(at);
  const holderAt = atIso
    ? await getStageHolderAt(actor, { name, stage: 'Production', at: atIso }).catch((e: unknown) => {
        if (isAppError(e)) return { error: e.message } as const;
        throw e;
      })
    : null;

  const current = model.production?.version ?? null;
  const previous = events.find((e) => e.kind === 'stage' && e.fromStage === 'Production' && e.version !== null && e.version !== current && versions.some((v) => v.version === e.version))?.version ?? null;
  const candidates = versions.filter((v) => v.version !== current && v.status === 'READY').map((v) => v.version);
  const mayRequest = can(actor, 'transition.request');
  const mayEmergency = can(actor, 'rollback.emergency');
  // Rights on this model: the role, then owner or grant (as the services check them).
  const onModel = { type: 'registered_model', id: model.name, ownerId: model.ownerId, grantLevel: access.grants.find((g) => g.user.id === actor.userId)?.level ?? null };
  const mayEdit = checkPermission(actor, 'model.update', onModel).ok;
  const mayProtect = checkPermission(actor, 'alias.protect', onModel).ok;
  const mayPolicy = can(actor, 'registry_policy.update');
  const aliasActions: Record<string, AliasActions> = Object.fromEntries(
    model.aliases.map((a) => [
      a.alias,
      {
        remove: mayEdit ? deleteAliasAction.bind(null, model.name, a.alias) : undefined,
        protect: mayProtect ? protectAliasAction.bind(null, model.name, a.alias) : undefined,
        unprotect: mayProtect ? unprotectAliasAction.bind(null, model.name, a.alias) : undefined,
      },
    ]),
  );
  const tags = Object.entries(model.tags).sort(([a], [b]) => a.localeCompare(b));
  const modelHref = `/models/${encodeURIComponent(model.name)}`;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-xs text-muted-foreground">
        <Link href="/models" className="underline-offset-4 hover:underline">
          Models
        </Link>{' '}
        / {model.name}
      </nav>
      <PageHeader
        title={model.name}
        description={`Owned by ${model.ownerEmail ?? 'nobody'}; ${model.versionCount} ${model.versionCount === 1 ? 'version' : 'versions'}.`}
        actions={
          mayEmergency && current !== null && candidates.length > 0 ? <EmergencyRollbackDialog action={emergencyRollbackAction.bind(null, model.name)} candidates={candidates} previous={previous} current={current} /> : null
        }
      />
      <div className="mb-5 grid gap-3 md:grid-cols-4">
        <Summary label="Production" testId="production-holder">
          {current !== null ? <VersionLink name={model.name} v={current} /> : <span className="text-muted-foreground">nobody</span>}
        </Summary>
        <Summary label="Staging">
          {model.staging.length ? model.staging.map((s) => <VersionLink key={s.id} name={model.name} v={s.version} />) : <span className="text-muted-foreground">nobody</span>}
        </Summary>
        <Summary label="Aliases">
          <AliasBadges aliases={model.aliases.map((a) => ({ alias: a.version === null ? `${a.alias} (unset)` : `${a.alias}→v${a.version}`, protected: a.protected }))} />
        </Summary>
        <Summary label="Pending requests">
          {model.pendingRequests > 0 ? (
            <Link href="/sign-offs" className="text-primary underline-offset-4 hover:underline">
              {model.pendingRequests} waiting for sign-off
            </Link>
          ) : (
            <span className="text-muted-foreground">none</span>
          )}
        </Summary>
      </div>

      <div className="mb-6 grid gap-4 lg:grid-cols-[1fr_22rem]">
        <div className="flex min-w-0 flex-col gap-5">
          <ModelDescription description={model.description} action={mayEdit ? updateDescriptionAction.bind(null, model.name) : undefined} />
          <ModelTags
            tags={tags}
            edit={mayEdit ? { set: setModelTagAction.bind(null, model.name), remove: Object.fromEntries(tags.map(([k]) => [k, deleteModelTagAction.bind(null, model.name, k)])) } : undefined}
          />
        </div>
        <div className="flex flex-col gap-4">
          <AliasesCard modelHref={modelHref} aliases={model.aliases} actions={aliasActions} set={mayEdit ? setAliasAction.bind(null, model.name) : undefined} versions={versions.map((v) => v.version)} />
        </div>
      </div>

      <section aria-labelledby="versions-heading" className="mb-6">
        <h2 id="versions-heading" className="mb-2 text-sm font-semibold">
          Versions
        </h2>
        {versions.length ? (
          <VersionsTable versions={versions} modelName={model.name} />
        ) : (
          <EmptyState icon={Layers} title="No versions yet">
            <p>
              Register one with <code className="font-mono">POST /api/v1/models/{model.name}/versions</code> (give the run id), or from Python with{' '}
              <code className="font-mono">mlflow.register_model()</code>.
            </p>
          </EmptyState>
        )}
      </section>

      <div className="grid gap-4 lg:grid-cols-[1fr_20rem]">
        <div className="flex min-w-0 flex-col gap-6">
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading" className="mb-2 text-sm font-semibold">
              Timeline
            </h2>
            <Card>
              <CardContent className="pt-2">
                <ModelTimeline events={events} requests={requests} modelName={model.name} />
              </CardContent>
            </Card>
          </section>
          <AccessCard
            view={access}
            noun="model"
            grant={access.mayManage ? grantModelAccessAction.bind(null, model.name) : undefined}
            revokes={access.mayManage ? Object.fromEntries(access.grants.map((g) => [g.user.id, revokeModelAccessAction.bind(null, model.name, g.user.email ?? '')])) : undefined}
          />
        </div>
        <div className="flex flex-col gap-4">
          <Card>
            <CardHeader>
              <CardTitle className="text-sm">In Production at a given time</CardTitle>
              <CardDescription className="text-xs">Answered from the stage history, deleted versions included.</CardDescription>
            </CardHeader>
            <CardContent>
              <form action={modelHref} className="flex flex-col gap-2">
                <Label htmlFor="holder-at" className="text-xs">
                  Time (UTC)
                </Label>
                <Input id="holder-at" name="at" type="datetime-local" step={1} defaultValue={at ?? ''} className="h-8" aria-describedby="holder-at-answer" />
                <Button type="submit" size="sm" variant="outline" className="self-end">
                  Look up
                </Button>
                <div id="holder-at-answer" aria-live="polite" className="text-sm">
                  {at && !atIso ? <FieldError id="holder-at-error" message="Give a date and time, e.g. 2026-05-01T12:00." /> : null}
                  {holderAt && 'error' in holderAt ? <FieldError id="holder-at-error" message={holderAt.error} /> : null}
                  {holderAt && !('error' in holderAt) ? (
                    <p data-testid="holder-at-result">
                      {holderAt.version !== null ? (
                        <>
                          <VersionLink name={model.name} v={holderAt.version} inline /> was in Production at {holderAt.at.slice(0, 19).replace('T', ' ')} UTC.
                        </>
                      ) : (
                        <>No version was in Production at {holderAt.at.slice(0, 19).replace('T', ' ')} UTC.</>
                      )}
                    </p>
                  ) : null}
                </div>
              </form>
            </CardContent>
          </Card>
          <PolicyCard rules={policy.rules} action={mayPolicy ? setPolicyAction.bind(null, model.name) : undefined} reset={mayPolicy ? resetPolicyAction.bind(null, model.name) : undefined} />
          {mayRequest && current !== null ? (
            <Card>
              <CardHeader>
                <CardTitle className="text-sm">Roll back Production</CardTitle>
              </CardHeader>
              <CardContent>
                {candidates.length ? (
                  <RequestRollbackForm action={requestRollbackAction.bind(null, model.name)} candidates={candidates} previous={previous} current={current} />
                ) : (
                  <p className="text-xs text-muted-foreground">No other ready version to roll back to.</p>
                )}
              </CardContent>
            </Card>
          ) : null}
        </div>
      </div>

    </>
  );
}

function VersionLink({ name, v, inline = false }: { name: string; v: number; inline?: boolean }) {
  return (
    <Link className={`${inline ? '' : 'mr-1.5 '}font-mono font-medium underline-offset-4 hover:underline`} href={`/models/${encodeURIComponent(name)}/versions/${v}`}>
      v{v}
    </Link>
  );
}

function Summary({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div className="rounded-lg border bg-card px-3 py-2">
      <p className="text-xs text-muted-foreground">{label}</p>
      <div className="mt-0.5 text-sm" data-testid={testId}>
        {children}
      </div>
    </div>
  );
}
