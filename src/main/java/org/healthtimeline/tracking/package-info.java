/**
 * Custom trackers (seed 000/003): categories a person defines with typed fields (number with min/max, integer,
 * boolean, text, choice from a list; required or not), and entries checked against their category's fields.
 * Each entry is a {@code tracker} event on the timeline, written in the same transaction.
 */
package org.healthtimeline.tracking;
