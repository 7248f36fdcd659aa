#!/usr/bin/env bash
# Installs what building and testing iterguard needs on Debian bookworm.
# Idempotent; needs root. ITERGUARD_LLVM_VERSION picks the LLVM packages.
set -euo pipefail

version="${ITERGUARD_LLVM_VERSION:-19}"
packages=(
  "libclang-${version}-dev" "llvm-${version}-dev" "clang-${version}"
  "clang-tidy-${version}" "clang-tools-${version}" "llvm-${version}-tools"
  libgtest-dev cmake ninja-build python3 g++ neovim
)

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps.sh: error: run as root (apt-get needs it)" >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null

# The SARIF Multitool (a self-contained .NET program packaged for npm)
# validates the scanner's SARIF output in the test suite.
sarif_tools=/opt/iterguard-tools
sarif_version=5.7.0
if ! "${sarif_tools}/node_modules/.bin/sarif-multitool" --version 2>/dev/null |
    grep -q "${sarif_version}"; then
  if ! command -v npm >/dev/null; then
    apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
  fi
  npm install --silent --no-audit --no-fund --prefix "${sarif_tools}" \
    "@microsoft/sarif-multitool@${sarif_version}" >/dev/null
fi
echo "install-deps.sh: installed LLVM ${version} toolchain and test tools"
