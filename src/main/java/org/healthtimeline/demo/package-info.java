/**
 * Demo data: made-up people with months of realistic events that carry known patterns, loaded through the
 * timeline service like any client's writes ({@code timeline demo}, {@code timeline serve --demo}). The
 * generator also feeds {@code timeline bench}.
 */
package org.healthtimeline.demo;
