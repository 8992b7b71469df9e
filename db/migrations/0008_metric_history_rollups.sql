CREATE TABLE "metric_history_rollups" (
	"run_id" text NOT NULL,
	"key" text NOT NULL,
	"width" integer NOT NULL,
	"bucket" bigint NOT NULL,
	"n" integer NOT NULL,
	"nan_count" integer NOT NULL,
	"min_value" double precision,
	"min_step" bigint,
	"min_ts" bigint,
	"max_value" double precision,
	"max_step" bigint,
	"max_ts" bigint,
	"nan_step" bigint,
	"nan_ts" bigint,
	"first_step" bigint NOT NULL,
	"first_ts" bigint NOT NULL,
	"first_value" double precision NOT NULL,
	"last_step" bigint NOT NULL,
	"last_ts" bigint NOT NULL,
	"last_value" double precision NOT NULL,
	"ts_min" bigint NOT NULL,
	"ts_max" bigint NOT NULL,
	CONSTRAINT "metric_history_rollups_pk" PRIMARY KEY("run_id","key","width","bucket")
);
--> statement-breakpoint
ALTER TABLE "metric_history_rollups" ADD CONSTRAINT "metric_history_rollups_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;