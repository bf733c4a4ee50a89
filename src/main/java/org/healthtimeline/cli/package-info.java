/** The {@code timeline} command and its subcommands (picocli). */
package org.healthtimeline.cli;
