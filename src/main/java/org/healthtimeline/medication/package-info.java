/**
 * Medications with dose and schedule (times of day in the user's zone, or as needed), their doses (taken,
 * skipped, late, missed) each with a medication event on the timeline, missed doses written once their day has
 * passed, and adherence over the user's last days.
 */
package org.healthtimeline.medication;
