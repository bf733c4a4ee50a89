/**
 * Workouts (exercise_entries): an activity with its start, and its end or duration. Each is an interval event on
 * the timeline, written in the same transaction.
 */
package org.healthtimeline.exercise;
