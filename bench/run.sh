#!/usr/bin/env bash
# Same as scripts/bench.sh (installs, fixtures, one run of every peer, summary table).
exec "$(dirname "$0")/../scripts/bench.sh" "$@"
