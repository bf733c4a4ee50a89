# Sourced by ./timeline, ./run-tests and .ci/run: exports JAVA_HOME pointing at a JDK 21 or newer.
# Takes JAVA_HOME if it is new enough, else the newest JDK under /usr/lib/jvm (the machine's default java
# may be 17, which cannot build or run health-timeline). Prints one line and fails if there is none.

java_major() { # $1 = a java binary; prints its feature version (17, 21, 25, ...)
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(java_major "$JAVA_HOME/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  best=""; best_v=0
  for home in /usr/lib/jvm/*/ /usr/local/lib/jvm/*/ /opt/java/*/ /opt/jdk*/; do
    home=${home%/}
    [ -x "$home/bin/javac" ] || continue
    v=$(java_major "$home/bin/java")
    if [ -n "$v" ] && [ "$v" -gt "$best_v" ]; then best="$home"; best_v="$v"; fi
  done
  if [ "$best_v" -ge 21 ]; then echo "$best"; return 0; fi
  return 1
}

if ! JAVA_HOME=$(find_jdk); then
  echo "health-timeline needs a JDK 21 or newer: none found in JAVA_HOME or under /usr/lib/jvm (install one, e.g. apt-get install openjdk-21-jdk-headless or temurin-21-jdk, or set JAVA_HOME)" >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
