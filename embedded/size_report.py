#!/usr/bin/env python3
"""Code size of the firmware by crate: sums the sizes of .text and .rodata
symbols (llvm-nm, demangled) by the crate their path starts with.

    python3 embedded/size_report.py embedded/target/thumbv7em-none-eabihf/release/jose-core-firmware
"""
import collections
import pathlib
import re
import subprocess
import sys

binary = sys.argv[1]
sysroot = subprocess.run(["rustc", "--print", "sysroot"], capture_output=True, text=True, check=True).stdout.strip()
host = re.search(r"host: (\S+)", subprocess.run(["rustc", "-vV"], capture_output=True, text=True, check=True).stdout).group(1)
tools = pathlib.Path(sysroot) / "lib" / "rustlib" / host / "bin"
nm = subprocess.run([str(tools / "llvm-nm"), "--print-size", "--size-sort", "--demangle", binary],
                    capture_output=True, text=True, check=True).stdout

groups = {
    "jose_core": "jose-core",
    "rsa": "rsa", "crypto_bigint": "crypto-bigint", "crypto_primes": "crypto-bigint",
    "aes": "aes / aes-gcm / ghash / cbc", "aes_gcm": "aes / aes-gcm / ghash / cbc", "ghash": "aes / aes-gcm / ghash / cbc",
    "polyval": "aes / aes-gcm / ghash / cbc", "cbc": "aes / aes-gcm / ghash / cbc", "ctr": "aes / aes-gcm / ghash / cbc",
    "sha2": "sha1 / sha2 / hmac / digest", "sha1": "sha1 / sha2 / hmac / digest", "hmac": "sha1 / sha2 / hmac / digest",
    "digest": "sha1 / sha2 / hmac / digest", "base64ct": "base64ct", "subtle": "subtle",
    "pkcs1": "pkcs1 / pkcs8 / spki / der", "pkcs8": "pkcs1 / pkcs8 / spki / der", "spki": "pkcs1 / pkcs8 / spki / der",
    "der": "pkcs1 / pkcs8 / spki / der", "core": "core / alloc / compiler_builtins", "alloc": "core / alloc / compiler_builtins",
    "compiler_builtins": "core / alloc / compiler_builtins", "rand_chacha": "rand_chacha (demo RNG)",
    "jose_core_firmware": "firmware main", "cortex_m": "cortex-m / rt / semihosting / alloc",
    "cortex_m_rt": "cortex-m / rt / semihosting / alloc", "cortex_m_semihosting": "cortex-m / rt / semihosting / alloc",
    "embedded_alloc": "cortex-m / rt / semihosting / alloc", "linked_list_allocator": "cortex-m / rt / semihosting / alloc",
}
sizes = collections.Counter()
for line in nm.splitlines():
    parts = line.split(maxsplit=3)
    if len(parts) < 4 or parts[2] not in "tTrR":
        continue
    size, name = int(parts[1], 16), parts[3]
    for code, text in (("_$LT$", "<"), ("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$RF$", "&"), ("..", "::")):
        name = name.replace(code, text)
    if name.startswith(".Lanon") or name.startswith("anon."):
        sizes[("unattributed constants (strings, tables)", ".rodata" if parts[2] in "rR" else ".text")] += size
        continue
    # `<T as path::Trait>::f` and `path::f`: the first path segment names the
    # crate; for a generic `<T as path::Trait>` the trait's crate is used.
    inner = re.sub(r"^<", "", name)
    generic = re.match(r"^&?[A-Z][A-Za-z]* as ([a-z_0-9]+)::", inner)
    if generic:
        inner = generic.group(1)
    crate = re.split(r"::|<| ", inner)[0]
    kind = ".text" if parts[2] in "tT" else ".rodata"
    sizes[(groups.get(crate, "other (" + crate[:20] + ")" if crate else "other"), kind)] += size

total = collections.Counter()
for (group, kind), size in sizes.items():
    total[group] += size
print(f"{'crate':38} {'.text':>8} {'.rodata':>8}")
for group, _ in total.most_common():
    print(f"{group:38} {sizes[(group, '.text')]:8} {sizes[(group, '.rodata')]:8}")
