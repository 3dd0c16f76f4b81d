#!/usr/bin/env bash
# The smallest heap (in 256-byte steps) the firmware runs in, for a token:
#   embedded/find_heap.sh [TOKEN_NAME]      (default auth0-access-token)
set -euo pipefail
cd "$(dirname "$0")"
# Outputs are read from ./target below, whatever the caller's CARGO_TARGET_DIR.
export CARGO_TARGET_DIR="$PWD/target"
token=${1:-auth0-access-token}
runs() {
  JOSE_TOKEN="$token" JOSE_HEAP_BYTES="$1" cargo build -q --release 2>/dev/null
  local out
  out=$(timeout 120 qemu-system-arm -cpu cortex-m4 -machine mps2-an386 -nographic -monitor none -serial none \
    -icount shift=0 -semihosting-config enable=on,target=native \
    -kernel target/thumbv7em-none-eabihf/release/jose-core-firmware 2>/dev/null) || return 1
  grep -q '^subject: ' <<< "$out"
}
low=1024; high=65536
runs "$high" || { echo "does not run even with $high bytes"; exit 1; }
while [ $((high - low)) -gt 256 ]; do
  mid=$(( (low + high) / 2 / 256 * 256 ))
  if runs "$mid"; then high=$mid; else low=$mid; fi
done
echo "$token: smallest heap $high bytes (fails at $low)"
