/**
 * {@code timeline backfill}: the timeline events of rows that are in the source tables but have none yet, made
 * set-based from each table's {@link org.healthtimeline.sync.SourceMapping} by
 * {@link org.healthtimeline.sync.BackfillEngine} (the engine {@code timeline sync} runs on too), resumable, with a
 * dry run and a verification.
 */
package org.healthtimeline.backfill;
