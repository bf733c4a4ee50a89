/**
 * Importers and exporters of a user's timeline: NDJSON and CSV in the formats of the sample files, an Apple
 * Health {@code export.xml}, and FHIR R4 Bundles of Observations. Every import streams its input, turns each
 * record into an events API create body, and writes it through the timeline's own validation and dedupe rules
 * in batches; every export streams the timeline out in keyset pages.
 */
package org.healthtimeline.io;
