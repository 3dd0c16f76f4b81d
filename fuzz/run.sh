#!/usr/bin/env bash
# Runs fuzz targets for a bounded time each and fails on any crash.
#   fuzz/run.sh SECONDS [TARGET...]     (all targets when none are named)
# Needs `cargo +nightly` and cargo-fuzz. The corpus grows in fuzz/corpus/
# (ignored by git), seeded from the committed fuzz/seeds/; logs go to
# fuzz/logs/. libFuzzer's final stats include the slowest input's time.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-30}
shift || true
if [ "$#" -gt 0 ]; then targets=("$@"); else mapfile -t targets < <(cargo +nightly fuzz list); fi
mkdir -p logs
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  echo "== $target: ${seconds}s"
  cargo +nightly fuzz run "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -dict=jose.dict -timeout=10 -rss_limit_mb=2048 \
    -max_len=16384 -print_final_stats=1 > "logs/$target.log" 2>&1 || {
      echo "FAILED: $target (see fuzz/logs/$target.log; the input is in fuzz/artifacts/$target/)"
      tail -n 40 "logs/$target.log"
      exit 1
    }
  grep -E "^(Done|stat::number_of_executed_units|stat::slowest_unit_time_sec|stat::peak_rss_mb)|cov:" "logs/$target.log" | tail -n 5
done
