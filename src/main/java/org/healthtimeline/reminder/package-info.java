/**
 * Reminders: schedules read in the user's time zone, their firings (db-scheduler, see V012__reminders.sql), the
 * completions that answer them, and webhook deliveries signed with HMAC-SHA256.
 */
package org.healthtimeline.reminder;
