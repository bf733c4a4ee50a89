/**
 * Symptoms, moods, stress, vitals and notes: events of the timeline without a source table of their own, written
 * through the timeline service after this domain's stricter checks (required ratings, unknown fields refused,
 * vitals converted to one unit per measure with the original kept).
 */
package org.healthtimeline.logs;
