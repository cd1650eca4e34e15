#!/usr/bin/env bash
# Dev aid: user-space instructions per text report (perf stat), less noisy than wall time on a busy machine.
cd "$(dirname "$0")/.."
count() { perf stat -x, -e instructions:u node --import tsx scripts/textbench.ts "$1" 2>&1 >/dev/null | grep instructions | cut -d, -f1; }
a=$(count 500); b=$(count 2500)
echo "instructions per report: $(( (b - a) / 2000 ))"
