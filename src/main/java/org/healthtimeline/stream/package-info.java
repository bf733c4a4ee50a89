/**
 * The live stream: Server-Sent Events of a user's changes (their events' and their reminders'), woken by PostgreSQL
 * LISTEN/NOTIFY (R__stream_notify.sql) and read from the change feed, so that it resumes by Last-Event-ID.
 */
package org.healthtimeline.stream;
