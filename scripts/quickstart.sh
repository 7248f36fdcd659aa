#!/usr/bin/env bash
# Fresh machine to first findings: installs dependencies, builds iterguard
# into build/, and scans the bundled examples/ project.
set -euo pipefail
cd "$(dirname "$0")/.."

"$(dirname "$0")/install-deps.sh"
version="${ITERGUARD_LLVM_VERSION:-19}"
cmake -S . -B build -G Ninja -DITERGUARD_LLVM_VERSION="${version}"
cmake --build build

# The example project only needs a compilation database, not a build.
cmake -S examples -B examples/build -G Ninja \
  -DCMAKE_CXX_COMPILER="clang++-${version}" >/dev/null
echo "--- iterguard -p examples/build"
status=0
build/bin/iterguard -p examples/build || status=$?
# Run with sudo, the build still belongs to the user who will run the tests.
if [ -n "${SUDO_USER:-}" ]; then
  chown -R "$SUDO_USER:" build examples/build
fi
if [ "$status" -eq 1 ]; then
  echo "--- exit status 1: findings reported, as intended for examples/"
  exit 0
fi
exit "$status"
