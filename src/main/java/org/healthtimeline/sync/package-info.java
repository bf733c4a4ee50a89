/**
 * Source rows to timeline events: how each domain table's rows become events (one {@link
 * org.healthtimeline.sync.SourceMapping} per table, written once in SQL), and the idempotent catch-up that
 * gives rows written straight into those tables by other programs their events.
 */
package org.healthtimeline.sync;
