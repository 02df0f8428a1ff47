#!/bin/sh
# Makes the LibreOffice-saved fixtures of FormatFixtureTests and FormatImportTests from keluarga.csv:
# keluarga.xls (Excel 97-2003, BIFF8), keluarga.ods and keluarga.html (LibreOffice's own HTML table).
# Every column is imported as text (format 2) except Tgl Lahir (6) and Desil (8), which LibreOffice types
# as a date and a number, so the files carry text, numbers and date-formatted numbers as real ones do.
# keluarga-web.xls (an "Excel" download that is really a web page) is written by hand, not by this script.
# Run from this folder: sh make-fixtures.sh   (needs soffice; LibreOffice 7.4 made the committed files)
set -e
cd "$(dirname "$0")"
profile=$(mktemp -d)
filter='CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/2/7/2/9/2/10/2/11/2'
for format in xls ods html; do
    soffice "-env:UserInstallation=file://$profile" --headless --infilter="$filter" --convert-to "$format" --outdir . keluarga.csv
done
rm -rf "$profile"
