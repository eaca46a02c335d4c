#!/bin/sh
# Runs MAIN_CLASS with the given arguments. On ECS the DSP list arrives as the BIDSIFT_DSPS
# secret (an SSM parameter): it is written to a file and passed as --dsps.
set -eu
main="$1"
shift
if [ -n "${BIDSIFT_DSPS:-}" ]; then
  dsps="$HOME/dsps.yaml"
  printf '%s\n' "$BIDSIFT_DSPS" > "$dsps"
  set -- "$@" --dsps "$dsps"
fi
exec java -cp "/app/lib/*" "$main" "$@"
