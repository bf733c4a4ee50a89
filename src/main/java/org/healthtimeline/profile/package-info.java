/**
 * The markdown profile migration (seed 001): a coaching bot's per-person memory files become the person's
 * profile, preferences and patterns documents in {@code user_profiles}.
 */
package org.healthtimeline.profile;
