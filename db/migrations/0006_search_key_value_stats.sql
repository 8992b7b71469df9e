-- Search filters name a key and a value together (params.p0 = 'adam'). Without statistics on the pair,
-- PostgreSQL multiplies the frequency of the key by that of the value over all keys, underestimates such a
-- clause by an order of magnitude, and then prefers hashing every matching row to walking the runs index
-- in ORDER BY order. Most-common (key, value) pairs and the key→value dependency fix the estimate.
CREATE STATISTICS IF NOT EXISTS "params_key_value_stats" (mcv, dependencies) ON "key", "value" FROM "params";--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS "run_tags_key_value_stats" (mcv, dependencies) ON "key", "value" FROM "run_tags";
