#!/usr/bin/env bash
# Fetches the benchmark's projects as Debian source packages and writes one
# compilation database per project under the work directory.
#
#   bench/prepare.sh WORK_DIR
#
# Idempotent: a step whose stamp file exists is skipped, so a second run only
# checks that everything is in place. bench/README.md describes the layout.
set -euo pipefail

die() {
  echo "bench: error: $*" >&2
  exit 1
}

[ $# -eq 1 ] || die "usage: bench/prepare.sh WORK_DIR"
WORK=$1
mkdir -p "$WORK" || die "cannot create the work directory '$WORK'"
WORK=$(cd "$WORK" && pwd)
LOGS=$WORK/logs
mkdir -p "$LOGS"

# The Debian source packages, in the order they are measured.
PROJECTS=(ninja-build leveldb re2 cppcheck rocksdb)
# rocksdb is too large to scan whole on two cores: its benchmark database is
# the first ROCKSDB_TUS C++ translation units of its database, by path.
ROCKSDB_TUS=150
SUITE=bookworm
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

# --- Tools ------------------------------------------------------------------

# command -> Debian package that provides it
declare -A TOOL_PACKAGE=(
  [apt-get]=apt [dpkg-source]=dpkg-dev [cmake]=cmake [ninja]=ninja-build
  [clang-19]=clang-19 [clang++-19]=clang-19 [clang-tidy-19]=clang-tidy-19
  [cppcheck]=cppcheck [perl]=perl [python3]=python3
)
# files -> Debian package (re2 generates its Unicode tables from these)
declare -A FILE_PACKAGE=([/usr/share/unicode/UnicodeData.txt]=unicode-data)

missing=()
for tool in "${!TOOL_PACKAGE[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("${TOOL_PACKAGE[$tool]}")
done
for file in "${!FILE_PACKAGE[@]}"; do
  [ -e "$file" ] || missing+=("${FILE_PACKAGE[$file]}")
done
[ -e "$KEYRING" ] || missing+=(debian-archive-keyring)
if [ ${#missing[@]} -gt 0 ]; then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  [ "$(id -u)" -eq 0 ] ||
    die "missing packages: ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}"
  echo "bench: installing ${missing[*]} from the system's apt sources" >&2
  apt-get install -y "${missing[@]}" >"$LOGS/apt-install.log" 2>&1 ||
    die "apt-get install ${missing[*]} failed; see $LOGS/apt-install.log"
fi

# --- A private apt configuration ----------------------------------------------
#
# Only deb-src entries, in a directory of their own; /etc/apt is never read
# for sources nor written.

APT=$WORK/apt
mkdir -p "$APT/sources.list.d" "$APT/lists/partial" "$APT/cache/archives/partial"
cat >"$APT/sources.list.d/iterguard-bench.sources" <<EOF
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $SUITE
Components: main
Signed-By: $KEYRING
EOF
APT_OPTS=(
  -o "Dir::Etc::SourceParts=$APT/sources.list.d"
  -o "Dir::Etc::SourceList=/dev/null"
  -o "Dir::State::Lists=$APT/lists"
  -o "Dir::Cache=$APT/cache"
  # The work directory is usually below a home directory that _apt cannot
  # enter; download as the invoking user instead.
  -o "APT::Sandbox::User=$(id -un)"
)

SRC=$WORK/src
BUILD=$WORK/build
DB=$WORK/db
mkdir -p "$SRC" "$BUILD" "$DB"

if ! ls "$APT/lists/"*_Sources* >/dev/null 2>&1; then
  echo "bench: apt-get update (deb-src $SUITE main only)" >&2
  apt-get "${APT_OPTS[@]}" update >"$LOGS/apt-update.log" 2>&1 ||
    die "apt-get update failed; see $LOGS/apt-update.log"
fi

# Downloads and unpacks one source package; prints its source directory.
fetch() {
  local pkg=$1 stamp=$SRC/.$1.dir dir
  if [ -f "$stamp" ] && [ -d "$SRC/$(cat "$stamp")" ]; then
    echo "$SRC/$(cat "$stamp")"
    return
  fi
  echo "bench: apt-get source $pkg" >&2
  (cd "$SRC" && apt-get "${APT_OPTS[@]}" source "$pkg") >"$LOGS/fetch-$pkg.log" 2>&1 ||
    die "apt-get source $pkg failed; see $LOGS/fetch-$pkg.log"
  # dpkg-source names the directory <source>-<upstream version>, the version
  # of the .dsc without its Debian revision.
  local dsc
  dsc=$(cd "$SRC" && ls -t "${pkg}"_*.dsc 2>/dev/null | head -n 1)
  dir=${dsc%.dsc}
  dir=${dir%-*}
  dir=${dir/_/-}
  [ -n "$dir" ] && [ -d "$SRC/$dir" ] ||
    die "cannot find the unpacked source of $pkg; see $LOGS/fetch-$pkg.log"
  echo "$dir" >"$stamp"
  echo "$SRC/$dir"
}

CMAKE_COMMON=(
  -G Ninja
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
  -DCMAKE_C_COMPILER=clang-19
  -DCMAKE_CXX_COMPILER=clang++-19
  -DCMAKE_BUILD_TYPE=Release
  # A precompiled header would have to be built before any TU parses.
  -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON
)

configure() {
  local name=$1 src=$2
  shift 2
  local build=$BUILD/$name
  if [ -f "$build/.configured" ] && [ -f "$build/compile_commands.json" ]; then
    return
  fi
  echo "bench: configuring $name" >&2
  cmake -S "$src" -B "$build" "${CMAKE_COMMON[@]}" "$@" >"$LOGS/configure-$name.log" 2>&1 ||
    die "configuring $name failed; see $LOGS/configure-$name.log"
  touch "$build/.configured"
}

# --- The projects -----------------------------------------------------------

prepare_ninja_build() {
  local src
  src=$(fetch ninja-build)
  configure ninja-build "$src" -DBUILD_TESTING=OFF
  # browse.cc includes a header generated from browse.py; generate just it.
  local header=$BUILD/ninja-build/build/browse_py.h
  if [ ! -s "$header" ]; then
    mkdir -p "$(dirname "$header")"
    (cd "$src" && sh src/inline.sh kBrowsePy <src/browse.py >"$header") ||
      die "generating browse_py.h for ninja-build failed"
  fi
}

prepare_leveldb() {
  local src
  src=$(fetch leveldb)
  # The tests and benchmarks need googletest and benchmark sources that the
  # Debian source does not carry.
  configure leveldb "$src" -DLEVELDB_BUILD_TESTS=OFF -DLEVELDB_BUILD_BENCHMARKS=OFF \
    -DLEVELDB_INSTALL=OFF
}

prepare_re2() {
  local src
  src=$(fetch re2)
  # Debian strips the generated tables; its build regenerates them, and so
  # does this, from the scripts in the source and the unicode-data package.
  local table
  for table in perl_groups unicode_casefold unicode_groups; do
    [ -s "$src/re2/$table.cc" ] && continue
    if [ "$table" = perl_groups ]; then
      (cd "$src" && perl re2/make_perl_groups.pl >re2/$table.cc.tmp)
    else
      (cd "$src" && python3 re2/make_$table.py >re2/$table.cc.tmp)
    fi || die "generating re2/$table.cc failed"
    mv "$src/re2/$table.cc.tmp" "$src/re2/$table.cc"
  done
  configure re2 "$src" -DRE2_BUILD_TESTING=ON
}

prepare_cppcheck() {
  local src
  src=$(fetch cppcheck)
  # The match compiler would generate the library sources at build time.
  configure cppcheck "$src" -DUSE_MATCHCOMPILER=Off -DBUILD_TESTS=OFF -DBUILD_GUI=OFF \
    -DHAVE_RULES=OFF
}

prepare_rocksdb() {
  local src
  src=$(fetch rocksdb)
  # Optional libraries off: only the library's own sources are scanned.
  configure rocksdb "$src" -DWITH_GFLAGS=OFF -DWITH_LIBURING=OFF -DWITH_TESTS=OFF \
    -DWITH_BENCHMARK_TOOLS=OFF -DWITH_CORE_TOOLS=OFF -DWITH_TOOLS=OFF \
    -DWITH_TRACE_TOOLS=OFF -DFAIL_ON_WARNINGS=OFF -DROCKSDB_BUILD_SHARED=OFF
}

# Writes DB/<name>/compile_commands.json: the project's C++ translation units,
# each once, sorted by path; at most LIMIT of them (0: all).
write_database() {
  local name=$1 limit=$2
  mkdir -p "$DB/$name"
  python3 - "$BUILD/$name/compile_commands.json" "$DB/$name/compile_commands.json" "$limit" <<'EOF' ||
import json, os, sys
source, target, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
CXX = (".cc", ".cpp", ".cxx", ".c++", ".C")
chosen = {}
for entry in json.load(open(source)):
    path = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
    if path.endswith(CXX) and path not in chosen:
        entry = dict(entry, file=path)
        chosen[path] = entry
entries = [chosen[p] for p in sorted(chosen)]
if limit:
    entries = entries[:limit]
tmp = target + ".tmp"
with open(tmp, "w") as out:
    json.dump(entries, out, indent=1)
os.replace(tmp, target)
EOF
    die "writing the database of $name failed"
}

for project in "${PROJECTS[@]}"; do
  "prepare_${project//-/_}"
  limit=0
  [ "$project" = rocksdb ] && limit=$ROCKSDB_TUS
  write_database "$project" "$limit"
done

echo "bench: sources, builds and databases are ready in $WORK" >&2
