CREATE TABLE "run_model_inputs" (
	"run_id" text NOT NULL,
	"model_id" text NOT NULL,
	CONSTRAINT "run_model_inputs_pk" PRIMARY KEY("run_id","model_id")
);
--> statement-breakpoint
ALTER TABLE "model_versions" ADD COLUMN "logged_model_id" text;--> statement-breakpoint
ALTER TABLE "run_model_inputs" ADD CONSTRAINT "run_model_inputs_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_model_inputs" ADD CONSTRAINT "run_model_inputs_model_id_logged_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."logged_models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "run_model_inputs_model_idx" ON "run_model_inputs" USING btree ("model_id");--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_logged_model_id_logged_models_id_fk" FOREIGN KEY ("logged_model_id") REFERENCES "public"."logged_models"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_versions_logged_model_idx" ON "model_versions" USING btree ("logged_model_id");