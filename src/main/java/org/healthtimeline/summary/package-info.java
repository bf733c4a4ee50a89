/**
 * Summaries of a user's timeline in their own calendar: aggregates of one metric per day, ISO week or month,
 * and the daily summary of every metric. They read daily rollups (summary_days, summary_day_symptoms,
 * summary_day_trackers, summary_day_medications) that triggers on health_events keep equal to the live events in the
 * writing transaction (db/migration/R__summary_rollups.sql), so a year of daily buckets is a few hundred index rows;
 * {@code timeline summary rebuild} recomputes them from the events.
 */
package org.healthtimeline.summary;
