/**
 * The background work of {@code serve} (periodic sync, retention, due reminders) on db-scheduler: persistent in
 * PostgreSQL, and safe with several {@code serve} processes on one database, each execution run by one of them.
 */
package org.healthtimeline.schedule;
