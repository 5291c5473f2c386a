#!/bin/sh
# Runs every batch sync benchmark once, against private peers started for it:
#   bench/sync/run-bench.sh BUILD_DIR [run-bench.py options: --rows 1000000,3000000 --http-mb 1024]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:?usage: run-bench.sh BUILD_DIR [options]}" && pwd)
shift
export TRIB_SOURCE_ROOT="$root"
export TRIB_CLI="$build/src/tributary-cli/tributary-cli"
exec "$root/tests/harness/trib-peers" --mariadb --s3 --http -- \
  python3 "$here/run-bench.py" "$build/bench/sync/bench-sync" "$@"
