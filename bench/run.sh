#!/usr/bin/env bash
# The real-world benchmark, in one command (bench/README.md):
#
#   bench/run.sh [--work-dir DIR] [--prepare-only] [measure.py options]
#
# Fetches the projects and writes their compilation databases under the work
# directory (bench/prepare.sh), then measures every tool on them and writes
# docs/performance.md (bench/measure.py). The work directory defaults to
# $ITERGUARD_BENCH_DIR, else ~/.cache/iterguard-bench; a second run reuses it.
set -euo pipefail

die() {
  echo "bench: error: $*" >&2
  exit 1
}

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=${ITERGUARD_BENCH_DIR:-$HOME/.cache/iterguard-bench}
PREPARE_ONLY=0
MEASURE_ARGS=()
while [ $# -gt 0 ]; do
  case $1 in
    --work-dir) [ $# -ge 2 ] || die "--work-dir needs a directory"; WORK=$2; shift 2 ;;
    --work-dir=*) WORK=${1#--work-dir=}; shift ;;
    --prepare-only) PREPARE_ONLY=1; shift ;;
    -h|--help) sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) MEASURE_ARGS+=("$1"); shift ;;
  esac
done

command -v python3 >/dev/null 2>&1 || die "python3 not found; install it with: apt-get install -y python3"

"$BENCH/prepare.sh" "$WORK"
[ "$PREPARE_ONLY" -eq 1 ] && exit 0
exec python3 "$BENCH/measure.py" --work-dir "$WORK" "${MEASURE_ARGS[@]}"
