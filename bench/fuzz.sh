#!/usr/bin/env bash
# libFuzzer over the readers (issue 17 item 1): the CSV reader, the XLSX reader and the row parser, each a small Swift
# file in bench/fuzz/ compiled with `swiftc -sanitize=fuzzer,address` against the package's own sources (no SwiftPM:
# the modules are compiled here, instrumented, into bench/out/fuzz/).
#
#   bench/fuzz.sh                 every target, RUNS=20000 inputs each, from the seed corpus
#   RUNS=200000 bench/fuzz.sh csv  one target, longer
#   SEEDS=0 bench/fuzz.sh         skip making the seed corpus again
#   BUILD_ONLY=1 bench/fuzz.sh    compile the targets only
#
# The seed corpus (bench/out/fuzz/seeds/TARGET) is made by bench/fuzz/seeds.sh: `lumbung generate` at a tiny scale
# and the malformed corpus of the tests (MalformedCorpus). Prints, per target, the crashes found (0 expected: any
# crash, leak or timeout leaves a crash-*/timeout-*/oom-* file in bench/out/fuzz/findings) and execs/s.
set -eo pipefail
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/bench/out/fuzz"
BUILD="$OUT/build"
RUNS="${RUNS:-20000}"
TARGETS=("${@:-csv xlsx rowparser}")
read -r -a TARGETS <<< "${TARGETS[*]}"
mkdir -p "$BUILD" "$OUT/findings"
SAN=(-sanitize=fuzzer,address -parse-as-library -O -g)
SWIFT6=(-swift-version 6 -enable-upcoming-feature ExistentialAny -enable-upcoming-feature MemberImportVisibility)
ZIP="$ROOT/.build/checkouts/ZIPFoundation/Sources"
[ -d "$ZIP" ] || { echo "run swift build first (ZIPFoundation is checked out by it)"; exit 1; }

module() {  # module NAME [swiftc flags…] -- SOURCES…: an instrumented static library and its module
  local name=$1; shift
  local flags=()
  while [ "$1" != "--" ]; do flags+=("$1"); shift; done
  shift
  local stamp="$BUILD/lib$name.a"
  if [ -f "$stamp" ] && [ -z "$(find "$@" -newer "$stamp" -print -quit)" ]; then return; fi
  echo "== compiling $name ($# files)"
  swiftc "${SAN[@]}" "${flags[@]}" -wmo -emit-library -static -emit-module -module-name "$name" -I "$BUILD" \
    -emit-module-path "$BUILD/$name.swiftmodule" -o "$stamp" "$@" 2>&1 | quiet
}

quiet() {  # the compiler's warnings about code not ours to change, and gold's about ASan's local symbols, left out
  grep -v -e "Cannot export local symbol" || true
}

sources() { find "$@" -name '*.swift' | sort; }
mapfile -t ZIP_SOURCES < <(sources "$ZIP/ZIPFoundation")
module ZIPFoundation -swift-version 5 -I "$ZIP/CZLib" -Xcc -D_GNU_SOURCE=1 -- "${ZIP_SOURCES[@]}"
mapfile -t DOMAIN_SOURCES < <(sources Sources/LumbungDomain)
module LumbungDomain "${SWIFT6[@]}" -- "${DOMAIN_SOURCES[@]}"
mapfile -t SHEETS_SOURCES < <(sources Sources/LumbungSheets)
module LumbungSheets "${SWIFT6[@]}" -I "$ZIP/CZLib" -- "${SHEETS_SOURCES[@]}"
LIBS=(-L "$BUILD" -lLumbungSheets -lLumbungDomain -lZIPFoundation -lz)

link() {  # link TARGET SOURCES… [flags]
  local target=$1; shift
  echo "== linking fuzz-$target"
  swiftc "${SAN[@]}" "${SWIFT6[@]}" -I "$BUILD" -I "$ZIP/CZLib" -o "$BUILD/fuzz-$target" "$@" "${LIBS[@]}" 2>&1 | quiet
}

for target in "${TARGETS[@]}"; do
  case $target in
    csv|xlsx)
      [ "$BUILD/fuzz-$target" -nt "bench/fuzz/$target.swift" ] && [ "$BUILD/fuzz-$target" -nt "$BUILD/libLumbungSheets.a" ] ||
        link "$target" "bench/fuzz/$target.swift" bench/fuzz/FuzzFile.swift ;;
    rowparser)
      # The row parser and the table scan with the parts of LumbungImport that need no database (the files that
      # import LumbungStore, run the import job, and the programme lists are left out), the reference data with the bundle SwiftPM built, and the target itself.
      BUNDLE=$(find "$ROOT/.build" -maxdepth 3 -type d -name 'lumbung_LumbungReference.resources' | head -1)
      [ -n "$BUNDLE" ] || { echo "run swift build first (the reference bundle)"; exit 1; }
      printf 'import Foundation\nextension Foundation.Bundle {\n    static let module: Bundle = Bundle(path: "%s") ?? Bundle.main\n}\n' "$BUNDLE" > "$BUILD/ReferenceBundle.swift"
      mapfile -t REFERENCE_SOURCES < <(sources Sources/LumbungReference)
      module LumbungReference "${SWIFT6[@]}" -- "${REFERENCE_SOURCES[@]}" "$BUILD/ReferenceBundle.swift"
      mapfile -t IMPORT_SOURCES < <(grep -rL -e '^import LumbungStore' -e 'ImportJob\.' -e 'FileScan\.' --include='*.swift' Sources/LumbungImport \
        | grep -v '^Sources/LumbungImport/Programmes/' | sort)
      if [ ! -f "$BUILD/fuzz-rowparser" ] || [ -n "$(find "${IMPORT_SOURCES[@]}" bench/fuzz/rowparser.swift "$BUILD/libLumbungSheets.a" -newer "$BUILD/fuzz-rowparser" -print -quit)" ]; then
        echo "== compiling LumbungImport (${#IMPORT_SOURCES[@]} files) with the row-parser target"
        swiftc "${SAN[@]}" "${SWIFT6[@]}" -wmo -module-name LumbungImport -I "$BUILD" -I "$ZIP/CZLib" -o "$BUILD/fuzz-rowparser" \
          "${IMPORT_SOURCES[@]}" bench/fuzz/rowparser.swift bench/fuzz/FuzzFile.swift -L "$BUILD" -lLumbungReference "${LIBS[@]}" 2>&1 | quiet
        mv -f LumbungImport-*.swiftdoc LumbungImport-*.swiftmodule LumbungImport-*.swiftsourceinfo "$BUILD/" 2>/dev/null || true
      fi ;;
    *) echo "unknown target $target (csv, xlsx, rowparser)"; exit 2 ;;
  esac
done

[ "${BUILD_ONLY:-0}" = 1 ] && exit 0
if [ "${SEEDS:-1}" != 0 ] || [ ! -d "$OUT/seeds" ]; then bench/fuzz/seeds.sh "$OUT/seeds"; fi

echo "== fuzzing: $RUNS inputs per target"
for target in "${TARGETS[@]}"; do
  work="$OUT/corpus-$target"
  mkdir -p "$work"
  log="$OUT/fuzz-$target.log"
  start=$(date +%s.%N)
  set +e
  ASAN_OPTIONS="detect_leaks=${LEAKS:-0}" "$BUILD/fuzz-$target" "$work" "$OUT/seeds/$target" -runs="$RUNS" -max_len=1048576 -rss_limit_mb=2048 -timeout=20 -detect_leaks="${LEAKS:-0}" \
    -artifact_prefix="$OUT/findings/$target-" -print_final_stats=1 > "$log" 2>&1
  status=$?
  set -e
  end=$(date +%s.%N)
  execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  crashes=$(find "$OUT/findings" -name "$target-*" | wc -l)
  rate=$(python3 -c "print(round(${execs:-0} / max($end - $start, 0.001)))")
  echo "   $target: exit $status, ${execs:-0} inputs in $(python3 -c "print(round($end - $start, 1))") s ($rate execs/s, libFuzzer's own: $(grep -m1 'stat::average_exec_per_sec' "$log" | awk '{print $2}')), findings $crashes, corpus $(ls "$work" | wc -l) files"
done
