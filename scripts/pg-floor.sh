#!/usr/bin/env bash
# What the disk and PostgreSQL alone do on this machine: the floor `timeline bench` figures compare to.
# Run it while `./timeline serve` (or a bench) runs on the data folder, after a bench has made
# timeline_bench:   scripts/pg-floor.sh [DATA_DIR]     (needs pgbench: apt-get install postgresql-client)
set -euo pipefail
data="${1:-data}"
port=$(sed -n 4p "$data/pg/postmaster.pid")
file="$data/fsync-probe"
start=$(date +%s%N)
dd if=/dev/zero of="$file" bs=8k count=1000 oflag=dsync status=none
echo "8 kB synchronous write: $(( ($(date +%s%N) - start) / 1000 / 1000 )) us"
rm -f "$file"
script=$(mktemp)
cat > "$script" <<'SQL'
\set u random(0, 99)
INSERT INTO health_events (user_id, type, occurred_at, data, utc_offset_min)
SELECT id, 'note', now(), '{"text":"floor"}', 0 FROM users ORDER BY id OFFSET :u LIMIT 1;
SQL
for clients in 1 32; do
  echo "autocommitted single-row INSERT, $clients client(s):"
  pgbench -n -h localhost -p "$port" -U postgres -M prepared -c "$clients" -j 2 -T 10 -f "$script" timeline_bench 2>&1 |
    grep -E "latency average|tps ="
done
rm -f "$script"
psql -h localhost -p "$port" -U postgres -d timeline_bench -qc "DELETE FROM health_events WHERE data::text = '{\"text\":\"floor\"}'"
