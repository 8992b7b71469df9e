CREATE TABLE "logged_model_metrics" (
	"model_id" text NOT NULL,
	"run_id" text,
	"key" text NOT NULL,
	"value" double precision NOT NULL,
	"step" bigint NOT NULL,
	"timestamp" bigint NOT NULL,
	"dataset_name" text,
	"dataset_digest" text
);
--> statement-breakpoint
CREATE TABLE "logged_model_params" (
	"model_id" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "logged_model_params_pk" PRIMARY KEY("model_id","key"),
	CONSTRAINT "logged_model_params_value_length" CHECK (length("logged_model_params"."value") <= 6000)
);
--> statement-breakpoint
CREATE TABLE "logged_model_tags" (
	"model_id" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "logged_model_tags_pk" PRIMARY KEY("model_id","key")
);
--> statement-breakpoint
CREATE TABLE "logged_models" (
	"id" text PRIMARY KEY NOT NULL,
	"experiment_id" bigint NOT NULL,
	"name" text NOT NULL,
	"model_type" text,
	"source_run_id" text,
	"status" text DEFAULT 'PENDING' NOT NULL,
	"artifact_location" text NOT NULL,
	"lifecycle_stage" text DEFAULT 'active' NOT NULL,
	"created_by" uuid,
	"creation_time" bigint NOT NULL,
	"last_updated_time" bigint NOT NULL,
	CONSTRAINT "logged_models_id_format" CHECK ("logged_models"."id" ~ '^m-[0-9a-f]{32}$'),
	CONSTRAINT "logged_models_status_known" CHECK ("logged_models"."status" in ('PENDING', 'READY', 'FAILED')),
	CONSTRAINT "logged_models_lifecycle_known" CHECK ("logged_models"."lifecycle_stage" in ('active', 'deleted')),
	CONSTRAINT "logged_models_name_not_blank" CHECK (length("logged_models"."name") > 0)
);
--> statement-breakpoint
CREATE TABLE "run_model_outputs" (
	"run_id" text NOT NULL,
	"model_id" text NOT NULL,
	"step" bigint NOT NULL,
	CONSTRAINT "run_model_outputs_pk" PRIMARY KEY("run_id","model_id","step")
);
--> statement-breakpoint
ALTER TABLE "logged_model_metrics" ADD CONSTRAINT "logged_model_metrics_model_id_logged_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."logged_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_model_metrics" ADD CONSTRAINT "logged_model_metrics_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_model_params" ADD CONSTRAINT "logged_model_params_model_id_logged_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."logged_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_model_tags" ADD CONSTRAINT "logged_model_tags_model_id_logged_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."logged_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_models" ADD CONSTRAINT "logged_models_experiment_id_experiments_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_models" ADD CONSTRAINT "logged_models_source_run_id_runs_id_fk" FOREIGN KEY ("source_run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_models" ADD CONSTRAINT "logged_models_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_model_outputs" ADD CONSTRAINT "run_model_outputs_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_model_outputs" ADD CONSTRAINT "run_model_outputs_model_id_logged_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."logged_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "logged_model_metrics_model_key_idx" ON "logged_model_metrics" USING btree ("model_id","key","timestamp");--> statement-breakpoint
CREATE INDEX "logged_models_experiment_created_idx" ON "logged_models" USING btree ("experiment_id","creation_time" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "logged_models_source_run_idx" ON "logged_models" USING btree ("source_run_id");--> statement-breakpoint
CREATE INDEX "run_model_outputs_model_idx" ON "run_model_outputs" USING btree ("model_id");