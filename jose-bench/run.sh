#!/usr/bin/env bash
# The peer benchmark: one criterion run per jose-core backend (Cargo features
# unify per build), josekit and the raw primitives in each, then the table.
# Needs OpenSSL's headers (Debian: libssl-dev pkg-config). Wait for a quiet
# machine first (uptime load under 1.5) and quote the load with the numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
uptime
# Both directories: `mv` into an existing one would nest the new run inside
# the old and the report would print the old numbers.
rm -rf target/criterion target/criterion-rust-crypto
cargo bench -p jose-bench --bench peers -- "$@"
# Each run keeps its own directory, so every ratio printed compares numbers
# from one run.
mv target/criterion target/criterion-rust-crypto
cargo bench -p jose-bench --features aws-lc-rs --bench peers -- "$@"
uptime
echo
echo "## run 1: rust-crypto backend"
python3 jose-bench/report.py target/criterion-rust-crypto
echo
echo "## run 2: aws-lc-rs backend"
python3 jose-bench/report.py target/criterion
