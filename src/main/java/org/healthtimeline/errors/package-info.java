/**
 * The few failures a feature may throw; {@code web.Problems} turns each into application/problem+json.
 */
package org.healthtimeline.errors;
