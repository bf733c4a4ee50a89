package org.healthtimeline.io;

import ca.uhn.fhir.context.FhirContext;

/** The one FHIR R4 context: building it takes about a second and much memory, so it is made once, when first used. */
final class Fhir {
  static final String DEDUPE_KEY = "urn:health-timeline:dedupe-key";
  static final String EVENT_ID = "urn:health-timeline:event-id";
  static final String SOURCE = "urn:health-timeline:source:";

  private Fhir() {}

  static FhirContext r4() {
    return FhirContext.forR4Cached();
  }
}
