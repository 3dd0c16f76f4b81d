#!/usr/bin/env python3
"""Medians and ratios from the criterion run(s) that bench/run.sh made.

Reads target/criterion/<group>/<function>/new/estimates.json (criterion's own
output) and prints one Markdown table: each job's median per implementation,
then jose-core / josekit for each backend. Run from the repository root.
"""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")


def median_us(path):
    with open(path / "new" / "estimates.json") as f:
        return json.load(f)["median"]["point_estimate"] / 1000.0


def group_title(path):
    # criterion keeps the group's own name in benchmark.json
    with open(path / "new" / "benchmark.json") as f:
        return json.load(f)["group_id"]


rows = {}
for bench in sorted(root.glob("*/*/new/estimates.json")):
    function_dir = bench.parent.parent
    group = group_title(function_dir)
    with open(function_dir / "new" / "benchmark.json") as f:
        function = json.load(f)["function_id"]
    rows.setdefault(group, {})[function] = median_us(function_dir)

ours = ["jose-core-rust-crypto", "jose-core-aws-lc-rs"]
print("| job | " + " | ".join(ours) + " | josekit | rust-crypto / josekit | aws-lc-rs / josekit |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for group, fns in rows.items():
    if "josekit" not in fns:
        continue
    cells = [f"{fns[o]:,.1f} us" if o in fns else "-" for o in ours]
    theirs = fns["josekit"]
    ratios = [f"x{fns[o] / theirs:.2f}" if o in fns else "-" for o in ours]
    print(f"| {group} | " + " | ".join(cells) + f" | {theirs:,.1f} us | " + " | ".join(ratios) + " |")
print()
print("| raw primitive | " + " | ".join(sorted({f for g, fns in rows.items() if 'josekit' not in fns for f in fns})) + " |")
libs = sorted({f for g, fns in rows.items() if "josekit" not in fns for f in fns})
print("| --- |" + " ---: |" * len(libs))
for group, fns in rows.items():
    if "josekit" in fns:
        continue
    print(f"| {group} | " + " | ".join(f"{fns[l]:,.1f} us" if l in fns else "-" for l in libs) + " |")
