#!/usr/bin/env bash
# Test scores of precond variants beside scikit-learn's gradient boosting (native categories) and a
# raw-space k-NN on the eight mixed-type / classification tables; see bench/python/tables.py --help.
# Installs Debian's python3-numpy and python3-sklearn if needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
packages=(python3-numpy python3-sklearn)
if ! /usr/bin/python3 -c "import numpy, sklearn" 2>/dev/null; then
  echo "installing ${packages[*]} (Debian) for the baselines..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi
exec /usr/bin/python3 "$root/bench/python/tables.py" "$@"
