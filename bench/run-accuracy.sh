#!/usr/bin/env bash
# Test accuracy of precond variants beside scikit-learn's gradient boosting (and, with --torch, a
# PyTorch MLP) on the eleven regression data sets; see bench/python/accuracy.py --help.
# Installs Debian's python3-numpy and python3-sklearn (and python3-torch for --torch) if needed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
modules=(numpy sklearn)
packages=(python3-numpy python3-sklearn)
for arg in "$@"; do
  if [ "$arg" = --torch ]; then modules+=(torch); packages+=(python3-torch); fi
done
if ! /usr/bin/python3 -c "import $(IFS=,; echo "${modules[*]}")" 2>/dev/null; then
  echo "installing ${packages[*]} (Debian) for the baselines..." >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi
exec /usr/bin/python3 "$root/bench/python/accuracy.py" "$@"
