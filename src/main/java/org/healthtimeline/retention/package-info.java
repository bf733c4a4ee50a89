/** Seed 003's data retention: what is pruned or archived, how often, and the command that runs it by hand. */
package org.healthtimeline.retention;
