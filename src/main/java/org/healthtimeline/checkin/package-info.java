/**
 * Seed 002's legacy daily check-ins: the view daily_checkins_legacy (one row per user per local day, built from
 * that day's mood and symptom events), read through GET, and the legacy POST that writes a check-in through to
 * the timeline as a mood event and symptom events for its side effects.
 */
package org.healthtimeline.checkin;
