package org.healthtimeline.io;

import java.io.IOException;
import java.io.InputStream;

/** One import format: reads a whole stream record by record into a sink, holding only the current record. */
interface FormatReader {
  /** Throws {@link BadFile} when the file cannot be read on; records before that have reached the sink. */
  void read(InputStream in, RecordSink sink) throws IOException;
}
