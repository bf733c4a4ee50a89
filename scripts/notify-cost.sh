#!/usr/bin/env bash
# What the live stream's NOTIFY trigger costs writers of health_events (README "The live stream"). Run it beside a
# running `./timeline serve --data-dir DIR` (it builds the jar):   scripts/notify-cost.sh [DATA_DIR] [ROUNDS]
# It adds 20 users of its own, inserts with each trigger variant under EXPLAIN ANALYZE, and removes them again.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/jdk.sh"
data="${1:-data}"
port=$(sed -n 4p "$data/pg/postmaster.pid")
exec "$JAVA_HOME/bin/java" -cp "$here/../target/health-timeline.jar" "$here/NotifyCost.java" \
  "jdbc:postgresql://localhost:$port/health_timeline?user=postgres" "${2:-25}"
