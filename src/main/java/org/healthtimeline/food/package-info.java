/**
 * Meals and their foods (food_entries), and corrections of them with an audit trail (food_entry_audit, seed
 * 001). Each entry and its meal event on the timeline are written in one transaction; a correction makes a new
 * version of the event and keeps the previous one in its history.
 */
package org.healthtimeline.food;
