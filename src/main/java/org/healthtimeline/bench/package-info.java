/**
 * {@code timeline bench}: loads synthetic users and events into a database of its own, then measures the
 * API against the same work done over raw JDBC in the same run, so that machine noise cancels in the ratios.
 */
package org.healthtimeline.bench;
