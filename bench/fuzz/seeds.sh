#!/usr/bin/env bash
# The fuzzers' seed corpus, made afresh (never committed): bench/fuzz/seeds.sh FOLDER
#   FOLDER/csv, FOLDER/rowparser  the head (40 lines) of every CSV `lumbung generate --scale 0.0005` writes (every
#                                 layout, with the generator's faults), and the malformed corpus's CSV and HTML files
#   FOLDER/xlsx                   the generator's tiny workbooks (--format xlsx, the first few) and the malformed
#                                 corpus's XLSX files
# Files over 1 MiB are left out (the fuzzers' -max_len).
set -euo pipefail
cd "$(dirname "$0")/../.."
SEEDS=${1:?folder}
rm -rf "$SEEDS"
mkdir -p "$SEEDS/csv" "$SEEDS/xlsx" "$SEEDS/rowparser"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
BIN=.build/debug/lumbung
[ -x "$BIN" ] || swift build --product lumbung 2>&1 | tail -1
echo "== seeds: lumbung generate (tiny)"
"$BIN" generate --out "$TMP/gen-csv" --scale 0.0005 --layout every --jobs 1 > /dev/null 2>&1
"$BIN" generate --out "$TMP/gen-xlsx" --scale 0.0005 --layout dtsen siksng --format xlsx --jobs 1 > /dev/null 2>&1
for file in "$TMP"/gen-csv/*.csv; do
  head -n 40 "$file" > "$SEEDS/csv/gen-$(basename "$file")"
  cp "$SEEDS/csv/gen-$(basename "$file")" "$SEEDS/rowparser/"
done
find "$TMP/gen-xlsx" -name '*.xlsx' -size -1024k | sort | head -n 12 | while read -r file; do cp "$file" "$SEEDS/xlsx/gen-$(basename "$file")"; done
echo "== seeds: the malformed corpus (MalformedCorpus, through its test)"
LUMBUNG_FUZZ_SEEDS="$TMP/malformed" swift test --skip-build --filter MalformedCorpusSeedTests > "$TMP/test.log" 2>&1 || { tail -20 "$TMP/test.log"; exit 1; }
find "$TMP/malformed" -size -1024k \( -name '*.csv' -o -name '*.html' \) -exec cp {} "$SEEDS/csv/" \;
find "$TMP/malformed" -size -1024k -name '*.csv' -exec cp {} "$SEEDS/rowparser/" \;
find "$TMP/malformed" -size -1024k -name '*.xlsx' -exec cp {} "$SEEDS/xlsx/" \;
for target in csv xlsx rowparser; do echo "   $target: $(ls "$SEEDS/$target" | wc -l) seeds"; done
