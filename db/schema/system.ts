import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per seed step that has run, so demo data is created once and never duplicated. */
export const seedMarks = pgTable('seed_marks', {
  name: text('name').primaryKey(),
  appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
