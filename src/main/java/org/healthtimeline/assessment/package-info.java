/**
 * Questionnaires: PHQ-4 and GAD-7 as their authors published them (items, answer scale, scoring and severity
 * bands as data in assessment_definitions), completed responses with their score and severity, and the bot's
 * onboarding sleep quiz (seed 003); every response also an assessment event on the timeline.
 */
package org.healthtimeline.assessment;
