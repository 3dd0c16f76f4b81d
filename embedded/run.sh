#!/usr/bin/env bash
# Builds the firmware for a token and runs it on QEMU's mps2-an386 with a time
# limit; fails unless it exits cleanly and prints the expected subject.
#   embedded/run.sh [TOKEN_NAME]     (default auth0-access-token)
set -euo pipefail
cd "$(dirname "$0")"
# Outputs are read from ./target below, whatever the caller's CARGO_TARGET_DIR.
export CARGO_TARGET_DIR="$PWD/target"
token=${1:-auth0-access-token}
features=()
case "$token" in ecdh*) features=(--features ecdh) ;; esac
JOSE_TOKEN="$token" cargo build -q --release "${features[@]}"
out=$(timeout 300 qemu-system-arm -cpu cortex-m4 -machine mps2-an386 -nographic -monitor none -serial none \
  -icount shift=0 -semihosting-config enable=on,target=native \
  -kernel target/thumbv7em-none-eabihf/release/jose-core-firmware) || { echo "$out"; echo "firmware failed or timed out"; exit 1; }
echo "$out"
grep -qx 'subject: auth0|5f7c8ec7c33c6c004bbafe82' <<< "$out" || { echo "expected subject not printed"; exit 1; }
grep -q '^cache hit: [0-9]* instructions' <<< "$out" || { echo "the cache hit was not reported"; exit 1; }
# The nested call's stack budget on this device class: 16 KiB.
limit=${JOSE_STACK_LIMIT:-16384}
stack=$(sed -n 's/^stack: peak \([0-9]*\) bytes$/\1/p' <<< "$out")
[ -n "$stack" ] && [ "$stack" -le "$limit" ] || { echo "stack peak ${stack:-unknown} bytes is over $limit"; exit 1; }
