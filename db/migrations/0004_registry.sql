CREATE TABLE "model_aliases" (
	"model_id" uuid NOT NULL,
	"alias" text NOT NULL,
	"version_id" uuid NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_aliases_one_per_name" PRIMARY KEY("model_id","alias"),
	CONSTRAINT "model_aliases_name_rules" CHECK ("model_aliases"."alias" ~ '^[A-Za-z0-9_-]{1,255}$' and lower("model_aliases"."alias") <> 'latest' and "model_aliases"."alias" !~ '^[vV][0-9]+$')
);
--> statement-breakpoint
CREATE TABLE "model_stage_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"model_id" uuid NOT NULL,
	"version_id" uuid,
	"version" integer,
	"kind" text NOT NULL,
	"from_stage" text,
	"to_stage" text,
	"alias" text,
	"previous_version" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"request_id" uuid,
	"emergency" boolean DEFAULT false NOT NULL,
	"reason" text,
	CONSTRAINT "model_stage_history_kind_known" CHECK ("model_stage_history"."kind" in ('created', 'stage', 'alias', 'deleted')),
	CONSTRAINT "model_stage_history_stage_known" CHECK (("model_stage_history"."from_stage" is null or "model_stage_history"."from_stage" in ('None', 'Staging', 'Production', 'Archived')) and ("model_stage_history"."to_stage" is null or "model_stage_history"."to_stage" in ('None', 'Staging', 'Production', 'Archived')))
);
--> statement-breakpoint
CREATE TABLE "model_version_tags" (
	"version_id" uuid NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "model_version_tags_pk" PRIMARY KEY("version_id","key")
);
--> statement-breakpoint
CREATE TABLE "model_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"source" text,
	"run_id" text,
	"description" text,
	"status" text DEFAULT 'READY' NOT NULL,
	"status_message" text,
	"stage" text DEFAULT 'None' NOT NULL,
	"stage_updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"intended_use" text,
	"limitations" text,
	"training_data" text,
	"evaluation_data" text,
	"metrics_summary" text,
	"ethical_considerations" text,
	"owners" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_versions_number_positive" CHECK ("model_versions"."version" >= 1),
	CONSTRAINT "model_versions_stage_known" CHECK ("model_versions"."stage" in ('None', 'Staging', 'Production', 'Archived')),
	CONSTRAINT "model_versions_status_known" CHECK ("model_versions"."status" in ('READY', 'PENDING_REGISTRATION', 'FAILED_REGISTRATION'))
);
--> statement-breakpoint
CREATE TABLE "protected_aliases" (
	"model_id" uuid NOT NULL,
	"alias" text NOT NULL,
	"protected_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "protected_aliases_one_per_name" PRIMARY KEY("model_id","alias")
);
--> statement-breakpoint
CREATE TABLE "registered_model_tags" (
	"model_id" uuid NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "registered_model_tags_pk" PRIMARY KEY("model_id","key")
);
--> statement-breakpoint
CREATE TABLE "registered_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"owner_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registered_models_name_not_blank" CHECK (length(btrim("registered_models"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "registry_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" uuid,
	"target" text NOT NULL,
	"required_approvals" integer NOT NULL,
	"min_compliance_score" double precision,
	"gates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_policies_target_known" CHECK ("registry_policies"."target" in ('None', 'Staging', 'Production', 'Archived', 'alias')),
	CONSTRAINT "registry_policies_approvals_range" CHECK ("registry_policies"."required_approvals" between 0 and 10),
	CONSTRAINT "registry_policies_score_range" CHECK ("registry_policies"."min_compliance_score" is null or ("registry_policies"."min_compliance_score" >= 0 and "registry_policies"."min_compliance_score" <= 1)),
	CONSTRAINT "registry_policies_gates_array" CHECK (jsonb_typeof("registry_policies"."gates") = 'array')
);
--> statement-breakpoint
CREATE TABLE "transition_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"approver_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"comment" text,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "transition_approvals_decision_known" CHECK ("transition_approvals"."decision" in ('approve', 'reject'))
);
--> statement-breakpoint
CREATE TABLE "transition_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"model_id" uuid NOT NULL,
	"version_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"archive_existing" boolean DEFAULT false NOT NULL,
	"requested_by" uuid,
	"comment" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"stage_at_request" text NOT NULL,
	"holder_at_request" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	CONSTRAINT "transition_requests_kind_known" CHECK ("transition_requests"."kind" in ('stage', 'alias', 'rollback')),
	CONSTRAINT "transition_requests_status_known" CHECK ("transition_requests"."status" in ('pending', 'approved', 'rejected', 'cancelled', 'applied')),
	CONSTRAINT "transition_requests_target_fits_kind" CHECK (("transition_requests"."kind" = 'stage' and "transition_requests"."target" in ('None', 'Staging', 'Production', 'Archived')) or ("transition_requests"."kind" = 'rollback' and "transition_requests"."target" = 'Production') or ("transition_requests"."kind" = 'alias' and "transition_requests"."target" ~ '^[A-Za-z0-9_-]{1,255}$'))
);
--> statement-breakpoint
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_model_id_registered_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registered_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_stage_history" ADD CONSTRAINT "model_stage_history_model_id_registered_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registered_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_stage_history" ADD CONSTRAINT "model_stage_history_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_stage_history" ADD CONSTRAINT "model_stage_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_stage_history" ADD CONSTRAINT "model_stage_history_request_id_transition_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."transition_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_version_tags" ADD CONSTRAINT "model_version_tags_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_model_id_registered_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registered_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protected_aliases" ADD CONSTRAINT "protected_aliases_model_id_registered_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registered_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "protected_aliases" ADD CONSTRAINT "protected_aliases_protected_by_users_id_fk" FOREIGN KEY ("protected_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registered_model_tags" ADD CONSTRAINT "registered_model_tags_model_id_registered_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registered_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registered_models" ADD CONSTRAINT "registered_models_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_policies" ADD CONSTRAINT "registry_policies_model_id_registered_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registered_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_policies" ADD CONSTRAINT "registry_policies_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_approvals" ADD CONSTRAINT "transition_approvals_request_id_transition_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."transition_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_approvals" ADD CONSTRAINT "transition_approvals_approver_id_users_id_fk" FOREIGN KEY ("approver_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_requests" ADD CONSTRAINT "transition_requests_model_id_registered_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."registered_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_requests" ADD CONSTRAINT "transition_requests_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_requests" ADD CONSTRAINT "transition_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transition_requests" ADD CONSTRAINT "transition_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_aliases_version_idx" ON "model_aliases" USING btree ("version_id");--> statement-breakpoint
CREATE INDEX "model_stage_history_model_at_idx" ON "model_stage_history" USING btree ("model_id","at","id");--> statement-breakpoint
CREATE INDEX "model_stage_history_alias_idx" ON "model_stage_history" USING btree ("model_id","alias","at");--> statement-breakpoint
CREATE UNIQUE INDEX "model_versions_number_unique_per_model" ON "model_versions" USING btree ("model_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "model_versions_one_production_per_model" ON "model_versions" USING btree ("model_id") WHERE "model_versions"."stage" = 'Production';--> statement-breakpoint
CREATE INDEX "model_versions_run_idx" ON "model_versions" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "model_versions_model_stage_idx" ON "model_versions" USING btree ("model_id","stage");--> statement-breakpoint
CREATE UNIQUE INDEX "registered_models_name_unique" ON "registered_models" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "registry_policies_one_per_model_target" ON "registry_policies" USING btree ("model_id","target") WHERE "registry_policies"."model_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "registry_policies_one_default_per_target" ON "registry_policies" USING btree ("target") WHERE "registry_policies"."model_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "transition_approvals_one_per_approver" ON "transition_approvals" USING btree ("request_id","approver_id");--> statement-breakpoint
CREATE UNIQUE INDEX "transition_requests_one_pending_per_target" ON "transition_requests" USING btree ("version_id","kind","target") WHERE "transition_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "transition_requests_status_created_idx" ON "transition_requests" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "transition_requests_model_idx" ON "transition_requests" USING btree ("model_id","created_at");