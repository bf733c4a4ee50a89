/**
 * The unified timeline: health events of every kind on one table, validated per type, created idempotently,
 * corrected with their history kept, soft-deleted and restored, queried by time with keyset pages, and
 * followed through a change feed.
 */
package org.healthtimeline.timeline;
