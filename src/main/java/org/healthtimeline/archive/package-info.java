/**
 * A person's data as a whole: the complete export (one zip of every table that holds their rows, found in the
 * catalog) and erasure (everything, by the cascading keys from {@code users}).
 */
package org.healthtimeline.archive;
