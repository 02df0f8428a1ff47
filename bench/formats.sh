#!/usr/bin/env bash
# Reading speed of each file format, beside the .xlsx reader in the same run on the same rows: a generated
# per-person CSV at scale 0.1 (its first ROWS data rows, as an .xls sheet holds at most 65,536 rows) saved by
# LibreOffice as .xlsx, .xls, .ods and .html, and as UTF-16 text; each read once with `lumbung sheet-rows`
# (every row of every sheet, no import), timed with /usr/bin/time (wall seconds and peak memory).
#
#   bench/formats.sh              scale 0.1, 60,000 rows
#   SCALE=0.01 ROWS=20000 bench/formats.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE="${SCALE:-0.1}"
ROWS="${ROWS:-60000}"
OUT="$(pwd)/bench/out/formats"
rm -rf "$OUT"; mkdir -p "$OUT"
swift build -c release --product lumbung 2>&1 | tail -1
BIN=.build/release/lumbung

"$BIN" generate --out "$OUT/population" --scale "$SCALE" --format csv > "$OUT/generate.log" 2>&1
# The largest DTSEN person file, cut to ROWS data rows.
SOURCE=$(ls -S "$OUT"/population/dtsen-individu-*.csv | head -1)
head -n $((ROWS + 1)) "$SOURCE" > "$OUT/rows.csv"
COLUMNS=$(head -1 "$OUT/rows.csv" | tr ',' '\n' | wc -l)
# Every column as text (format 2), so the NIKs stay 16 digits as a careful user saves them.
FILTER="CSV:44,34,76,1,$(seq -s / 1 "$COLUMNS" | sed 's#\([0-9]*\)#\1/2#g')"
for format in xlsx xls ods html; do
  soffice "-env:UserInstallation=file://$OUT/profile" --headless --infilter="$FILTER" --convert-to "$format" --outdir "$OUT" "$OUT/rows.csv" > /dev/null 2>&1
done
python3 -c "import sys; open(sys.argv[2], 'wb').write(b'\xff\xfe' + open(sys.argv[1], encoding='utf-8').read().replace(',', '\t').encode('utf-16-le'))" \
  "$OUT/rows.csv" "$OUT/rows-utf16.txt"

printf '%-16s %-6s %9s %11s %9s %9s %9s\n' file format MB rows wall_s rows/s peak_MB
XLSX_WALL=
for file in rows.xlsx rows.xls rows.ods rows.html rows.csv rows-utf16.txt; do
  /usr/bin/time -f "%e %M" -o "$OUT/time" "$BIN" sheet-rows "$OUT/$file" > "$OUT/$file.log"
  read -r WALL RSS_KB < "$OUT/time"
  FORMAT=$(cut -f2 "$OUT/$file.log"); READ=$(cut -f4 "$OUT/$file.log" | sed 's/rows //')
  MB=$(python3 -c "import os; print(f'{os.path.getsize(\"$OUT/$file\") / 1e6:.1f}')")
  [ -z "$XLSX_WALL" ] && XLSX_WALL=$WALL
  python3 -c "import sys; f,fmt,mb,rows,wall,rss,x=sys.argv[1:]; print(f'{f:<16} {fmt:<6} {mb:>9} {int(rows):>11,} {float(wall):>9.2f} {int(rows)/max(float(wall),0.001):>9,.0f} {int(rss)//1024:>9}   {float(wall)/max(float(x),0.001):.2f}x xlsx')" \
    "$file" "$FORMAT" "$MB" "$READ" "$WALL" "$RSS_KB" "$XLSX_WALL"
done
