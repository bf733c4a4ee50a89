package org.healthtimeline.io;

/**
 * An import that stopped because of its file: a whole-file fault ({@link BadFile}), or in strict mode the first
 * bad record. The message says where, why, and what was written (in strict mode: nothing).
 */
public final class ImportRefused extends RuntimeException {
  ImportRefused(String message) {
    super(message);
  }
}
