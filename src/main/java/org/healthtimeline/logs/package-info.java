/**
 * Symptoms, moods, stress, vitals and notes: events of the timeline without a source table of their own, written
 * through the timeline service after this domain's stricter checks (required ratings, unknown fields refused,
 * vitals converted to one unit per measure with the original kept). {@link org.healthtimeline.logs.VitalUnits} is
 * public: the FHIR and Apple Health importers convert and check vitals with it, so every source stores them alike.
 */
package org.healthtimeline.logs;
