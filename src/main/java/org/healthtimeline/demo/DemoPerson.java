package org.healthtimeline.demo;

import java.time.ZoneId;

/** A demo user to be: found again by {@code externalId}; {@code seed} makes their habits and their days. */
public record DemoPerson(String externalId, String name, ZoneId zone, long seed) {}
