-- Summaries of the histories logged before metric_history_rollups existed, the same statements as
-- rebuildMetricRollups (lib/experiments/get-metric-history-rollups.ts): width 16 from the points, each
-- wider width (64, 256, 1024, 4096) from the one below. From here on writeMetrics keeps them.
-- Updates touch no indexed column: room on each page lets them stay heap-only.
ALTER TABLE "metric_history_rollups" SET (fillfactor = 80);--> statement-breakpoint
INSERT INTO "metric_history_rollups" (run_id, key, width, bucket, n, nan_count, min_value, min_step, min_ts, max_value, max_step, max_ts,
  nan_step, nan_ts, first_step, first_ts, first_value, last_step, last_ts, last_value, ts_min, ts_max)
SELECT run_id, key, 16, bucket, n, nans, mn[1], mn[2]::bigint, mn[3]::bigint, mx[1], (-mx[2])::bigint, (-mx[3])::bigint,
  nn[1]::bigint, nn[2]::bigint, f[1]::bigint, f[2]::bigint, f[3], l[1]::bigint, l[2]::bigint, l[3], ts_min, ts_max
FROM (
  SELECT h.run_id, h.key, h.step >> 4 AS bucket, count(*)::int AS n, (count(*) FILTER (WHERE h.value = 'NaN'))::int AS nans,
    min(ARRAY[h.value, h.step::float8, h.timestamp::float8]) FILTER (WHERE h.value <> 'NaN') AS mn,
    max(ARRAY[h.value, -h.step::float8, -h.timestamp::float8]) FILTER (WHERE h.value <> 'NaN') AS mx,
    min(ARRAY[h.step::float8, h.timestamp::float8]) FILTER (WHERE h.value = 'NaN') AS nn,
    min(ARRAY[h.step::float8, h.timestamp::float8, h.value]) AS f,
    max(ARRAY[h.step::float8, h.timestamp::float8, h.value]) AS l,
    min(h.timestamp) AS ts_min, max(h.timestamp) AS ts_max
  FROM metric_history h JOIN runs ON runs.id = h.run_id
  GROUP BY h.run_id, h.key, 3
) a;
--> statement-breakpoint
INSERT INTO "metric_history_rollups" (run_id, key, width, bucket, n, nan_count, min_value, min_step, min_ts, max_value, max_step, max_ts,
  nan_step, nan_ts, first_step, first_ts, first_value, last_step, last_ts, last_value, ts_min, ts_max)
SELECT run_id, key, 64, bucket, n, nans, mn[1], mn[2]::bigint, mn[3]::bigint, mx[1], (-mx[2])::bigint, (-mx[3])::bigint,
  nn[1]::bigint, nn[2]::bigint, f[1]::bigint, f[2]::bigint, f[3], l[1]::bigint, l[2]::bigint, l[3], ts_min, ts_max
FROM (
  SELECT run_id, key, bucket >> 2 AS bucket, sum(n)::int AS n, sum(nan_count)::int AS nans,
    min(ARRAY[min_value, min_step::float8, min_ts::float8]) FILTER (WHERE min_value IS NOT NULL) AS mn,
    max(ARRAY[max_value, -max_step::float8, -max_ts::float8]) FILTER (WHERE max_value IS NOT NULL) AS mx,
    min(ARRAY[nan_step::float8, nan_ts::float8]) FILTER (WHERE nan_step IS NOT NULL) AS nn,
    min(ARRAY[first_step::float8, first_ts::float8, first_value]) AS f,
    max(ARRAY[last_step::float8, last_ts::float8, last_value]) AS l,
    min(ts_min) AS ts_min, max(ts_max) AS ts_max
  FROM metric_history_rollups
  WHERE width = 16
  GROUP BY run_id, key, 3
) a;
--> statement-breakpoint
INSERT INTO "metric_history_rollups" (run_id, key, width, bucket, n, nan_count, min_value, min_step, min_ts, max_value, max_step, max_ts,
  nan_step, nan_ts, first_step, first_ts, first_value, last_step, last_ts, last_value, ts_min, ts_max)
SELECT run_id, key, 256, bucket, n, nans, mn[1], mn[2]::bigint, mn[3]::bigint, mx[1], (-mx[2])::bigint, (-mx[3])::bigint,
  nn[1]::bigint, nn[2]::bigint, f[1]::bigint, f[2]::bigint, f[3], l[1]::bigint, l[2]::bigint, l[3], ts_min, ts_max
FROM (
  SELECT run_id, key, bucket >> 2 AS bucket, sum(n)::int AS n, sum(nan_count)::int AS nans,
    min(ARRAY[min_value, min_step::float8, min_ts::float8]) FILTER (WHERE min_value IS NOT NULL) AS mn,
    max(ARRAY[max_value, -max_step::float8, -max_ts::float8]) FILTER (WHERE max_value IS NOT NULL) AS mx,
    min(ARRAY[nan_step::float8, nan_ts::float8]) FILTER (WHERE nan_step IS NOT NULL) AS nn,
    min(ARRAY[first_step::float8, first_ts::float8, first_value]) AS f,
    max(ARRAY[last_step::float8, last_ts::float8, last_value]) AS l,
    min(ts_min) AS ts_min, max(ts_max) AS ts_max
  FROM metric_history_rollups
  WHERE width = 64
  GROUP BY run_id, key, 3
) a;
--> statement-breakpoint
INSERT INTO "metric_history_rollups" (run_id, key, width, bucket, n, nan_count, min_value, min_step, min_ts, max_value, max_step, max_ts,
  nan_step, nan_ts, first_step, first_ts, first_value, last_step, last_ts, last_value, ts_min, ts_max)
SELECT run_id, key, 1024, bucket, n, nans, mn[1], mn[2]::bigint, mn[3]::bigint, mx[1], (-mx[2])::bigint, (-mx[3])::bigint,
  nn[1]::bigint, nn[2]::bigint, f[1]::bigint, f[2]::bigint, f[3], l[1]::bigint, l[2]::bigint, l[3], ts_min, ts_max
FROM (
  SELECT run_id, key, bucket >> 2 AS bucket, sum(n)::int AS n, sum(nan_count)::int AS nans,
    min(ARRAY[min_value, min_step::float8, min_ts::float8]) FILTER (WHERE min_value IS NOT NULL) AS mn,
    max(ARRAY[max_value, -max_step::float8, -max_ts::float8]) FILTER (WHERE max_value IS NOT NULL) AS mx,
    min(ARRAY[nan_step::float8, nan_ts::float8]) FILTER (WHERE nan_step IS NOT NULL) AS nn,
    min(ARRAY[first_step::float8, first_ts::float8, first_value]) AS f,
    max(ARRAY[last_step::float8, last_ts::float8, last_value]) AS l,
    min(ts_min) AS ts_min, max(ts_max) AS ts_max
  FROM metric_history_rollups
  WHERE width = 256
  GROUP BY run_id, key, 3
) a;
--> statement-breakpoint
INSERT INTO "metric_history_rollups" (run_id, key, width, bucket, n, nan_count, min_value, min_step, min_ts, max_value, max_step, max_ts,
  nan_step, nan_ts, first_step, first_ts, first_value, last_step, last_ts, last_value, ts_min, ts_max)
SELECT run_id, key, 4096, bucket, n, nans, mn[1], mn[2]::bigint, mn[3]::bigint, mx[1], (-mx[2])::bigint, (-mx[3])::bigint,
  nn[1]::bigint, nn[2]::bigint, f[1]::bigint, f[2]::bigint, f[3], l[1]::bigint, l[2]::bigint, l[3], ts_min, ts_max
FROM (
  SELECT run_id, key, bucket >> 2 AS bucket, sum(n)::int AS n, sum(nan_count)::int AS nans,
    min(ARRAY[min_value, min_step::float8, min_ts::float8]) FILTER (WHERE min_value IS NOT NULL) AS mn,
    max(ARRAY[max_value, -max_step::float8, -max_ts::float8]) FILTER (WHERE max_value IS NOT NULL) AS mx,
    min(ARRAY[nan_step::float8, nan_ts::float8]) FILTER (WHERE nan_step IS NOT NULL) AS nn,
    min(ARRAY[first_step::float8, first_ts::float8, first_value]) AS f,
    max(ARRAY[last_step::float8, last_ts::float8, last_value]) AS l,
    min(ts_min) AS ts_min, max(ts_max) AS ts_max
  FROM metric_history_rollups
  WHERE width = 1024
  GROUP BY run_id, key, 3
) a;
