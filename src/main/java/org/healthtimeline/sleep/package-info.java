/**
 * Nights of sleep (sleep_entries): bedtime and wake time as instants, so that a night across midnight or a DST
 * change has its real length. Each entry is an interval event on the timeline, written in the same transaction.
 */
package org.healthtimeline.sleep;
