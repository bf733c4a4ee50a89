package org.healthtimeline.io;

/** Whether a person watches: a progress bar is drawn only then, so that logs and scripts see only the summary. */
final class Terminal {
  private Terminal() {}

  static boolean interactive() {
    java.io.Console console = System.console();
    if (console == null) return false;
    try {
      // JDK 22+ returns a Console also when the streams are redirected; isTerminal() tells (not in the JDK 21 API).
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException olderJdk) {
      return true;
    }
  }
}
