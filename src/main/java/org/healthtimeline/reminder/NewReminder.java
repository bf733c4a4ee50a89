package org.healthtimeline.reminder;

/** A reminder as a request describes it, checked. */
record NewReminder(String reminderType, String message, Schedule schedule, boolean active, String webhookUrl) {}
