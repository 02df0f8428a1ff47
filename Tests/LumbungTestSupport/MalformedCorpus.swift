import Foundation
import ZIPFoundation

/// The malformed corpus of issue 17, made afresh by every run from a seed (never committed as files): CSV, XLSX,
/// ODS, XLS and HTML files that are truncated, bit-flipped, wrongly encoded, bombs, or hostile by design. Every
/// file is built around a table whose rows name a desa that does not exist, so even a file that still reads as a
/// table changes nothing in the registry: an import of any of them must end in a report or one clear message,
/// and the database must be as it was.
public enum MalformedCorpus {
    /// One file of the corpus.
    public struct Sample: Sendable {
        public let url: URL
        /// What kind of damage (`csv-unbalanced-quote`, `xlsx-bomb-shared-string`, …).
        public let kind: String
        /// The file can only be refused (no reader gets a table out of it): the import must fail, never report.
        public let mustFail: Bool
    }

    /// The families layout (no_kk, kode_desa, alamat, desil) with a desa code no region has.
    public static let header = ["no_kk", "kode_desa", "alamat", "desil"]
    public static func rows(_ count: Int, seed: UInt64) -> [[String]] {
        var random = SeededRandom(seed)
        return (0..<count).map { index in
            ["520301110618\(String(format: "%04d", 1 + (index + Int(random.next() % 9_000)) % 9_999))", "9903012001", "Dusun Lendang \(index)", "\(1 + random.next() % 10)"]
        }
    }

    /// A valid CSV of the layout (`;`-separated, as Indonesian Excel writes it).
    public static func csv(rows count: Int = 4, seed: UInt64 = 1) -> [UInt8] {
        Array(([header] + rows(count, seed: seed)).map { $0.joined(separator: ";") }.joined(separator: "\r\n").utf8) + [13, 10]
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var made: [Sample]?

    /// The corpus of this test process (seed 17, 12 variants), written once into a temporary folder and shared by
    /// the suites that import it (the CLI's and the API's): never removed by them.
    public static func shared() throws -> [Sample] {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("malformed-corpus-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: folder)
        let samples = try write(to: folder)
        made = samples
        return samples
    }

    /// Writes the corpus into `folder` (created) and returns its files. `variants` seeded variants of each random kind
    /// (truncation, bit flips); the total is about 60 + 12 × `variants` files.
    public static func write(to folder: URL, seed: UInt64 = 17, variants: Int = 12) throws -> [Sample] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var samples: [Sample] = []
        var random = SeededRandom(seed)
        func add(_ name: String, _ kind: String, mustFail: Bool = false, _ bytes: [UInt8]) throws {
            let url = folder.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            samples.append(Sample(url: url, kind: kind, mustFail: mustFail))
        }
        func addXLSX(_ name: String, _ kind: String, mustFail: Bool = false, sheet: HostileWorkbook.Part,
                     sharedStrings: HostileWorkbook.Part? = nil) throws {
            let url = folder.appendingPathComponent(name)
            try HostileWorkbook.write(to: url, sheet: sheet, sharedStrings: sharedStrings)
            samples.append(Sample(url: url, kind: kind, mustFail: mustFail))
        }

        // MARK: CSV
        let base = csv()
        try add("csv-kutip-terbuka.csv", "csv-unbalanced-quote", Array("no_kk;kode_desa;alamat;desil\r\n\"5203011106180101;9903012001;Dusun;1\r\n".utf8)
                    + Array(repeating: UInt8(ascii: "x"), count: 200_000))
        try add("csv-kutip-header.csv", "csv-unbalanced-quote", Array("\"no_kk;kode_desa\";\"alamat;desil\r\n1;2;3;4\r\n".utf8))
        try add("csv-nul.csv", "csv-nul", base.map { $0 == UInt8(ascii: "D") ? 0 : $0 })
        try add("csv-nul-saja.csv", "csv-nul", mustFail: false, [UInt8](repeating: 0, count: 4_096))
        try add("csv-utf8-rusak.csv", "csv-invalid-utf8", base.map { $0 == UInt8(ascii: "e") ? 0xC3 : $0 } + [0xFF, 0xFE, 0xC0, 0x80, 0xED, 0xA0, 0x80])
        try add("csv-bom-utf8.csv", "csv-bom", [0xEF, 0xBB, 0xBF] + base)
        try add("csv-bom-ganda.csv", "csv-bom", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + base)
        try add("csv-bom-utf16le.csv", "csv-bom", [0xFF, 0xFE] + base.flatMap { [$0, 0] })
        try add("csv-bom-utf16be.csv", "csv-bom", [0xFE, 0xFF] + base.flatMap { [0, $0] })
        try add("csv-bom-utf16-ganjil.csv", "csv-bom", [0xFF, 0xFE] + base.flatMap { [$0, 0] } + [0x41])
        try add("csv-bom-utf32.csv", "csv-bom", [0xFF, 0xFE, 0, 0] + base.flatMap { [$0, 0, 0, 0] })
        try add("csv-bom-saja.csv", "csv-bom", mustFail: true, [0xEF, 0xBB, 0xBF])
        try add("csv-kosong.csv", "csv-empty", mustFail: true, [])
        try add("csv-sel-1mb.csv", "csv-huge-cell", Array("no_kk;kode_desa;alamat;desil\r\n5203011106180101;9903012001;".utf8)
                    + Array(repeating: UInt8(ascii: "a"), count: 1 << 20) + Array(";1\r\n".utf8))
        try add("csv-header-1mb.csv", "csv-huge-cell", Array(repeating: UInt8(ascii: "h"), count: 1 << 20) + Array(";kode_desa\r\n1;2\r\n".utf8))
        try add("csv-baris-10mb.csv", "csv-huge-line", Array("no_kk;kode_desa;alamat;desil\r\n".utf8)
                    + Array(String(repeating: "5203011106180101;", count: (10 << 20) / 17).utf8) + [13, 10])
        try add("csv-100rb-kolom.csv", "csv-many-columns", Array(((0..<100_000).map { "k\($0)" }.joined(separator: ";") + "\r\n"
                    + (0..<100_000).map { _ in "1" }.joined(separator: ";") + "\r\n").utf8))
        try add("csv-cr-saja.csv", "csv-cr-only", base.filter { $0 != 10 })
        try add("csv-lf-cr.csv", "csv-line-ends", base.map { $0 == 13 ? 10 : $0 == 10 ? 13 : $0 })
        try add("csv-escape-terminal.csv", "csv-terminal-escape", Array("no_kk;\u{1B}]0;judul\u{07}\u{1B}[2J\u{1B}[31mkode_desa;alamat\u{9B}1m;desil\r\n1;2;3;4\r\n".utf8))
        try add("csv-escape-\u{1B}[2J-nama.csv", "csv-terminal-escape-name", base)
        try add("csv-bidi.csv", "csv-bidi", Array("no_kk;\u{202E}ased_edok;alamat;desil\r\n1;2;3;4\r\n".utf8))
        try add("csv-biner.csv", "csv-binary", mustFail: false, (0..<65_536).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        try add("csv-pemisah-saja.csv", "csv-separators", Array(String(repeating: ";", count: 50_000).utf8) + [10])
        try add("csv-baris-kosong.csv", "csv-blank-lines", Array(String(repeating: "\r\n", count: 100_000).utf8) + base)
        try add("csv-html-palsu.csv", "csv-looks-html", Array("<table><tr><td>no_kk</td>".utf8) + base)
        for index in 0..<variants {
            let cut = Int(random.next() % UInt64(base.count))
            try add("csv-terpotong-\(index).csv", "csv-truncated", Array(base.prefix(cut)))
            try add("csv-bitflip-\(index).csv", "csv-bit-flip", flip(base, times: 1 + index, &random))
        }

        // MARK: XLSX
        let sheetRows = ([header] + rows(3, seed: 2)).enumerated().map { HostileWorkbook.textRow($0.offset + 1, $0.element) }.joined()
        let validXLSX = folder.appendingPathComponent("xlsx-dasar.xlsx")
        try HostileWorkbook.write(to: validXLSX, sheet: HostileWorkbook.sheet(sheetRows))
        let xlsx = Array(try Data(contentsOf: validXLSX))
        try FileManager.default.removeItem(at: validXLSX)
        let headerRow = HostileWorkbook.textRow(1, header)
        for index in 0..<variants {
            let cut = 1 + Int(random.next() % UInt64(xlsx.count - 1))
            try add("xlsx-terpotong-\(index).xlsx", "xlsx-truncated", Array(xlsx.prefix(cut)))
            try add("xlsx-bitflip-\(index).xlsx", "xlsx-bit-flip", flip(xlsx, times: 1 + index % 4, &random))
        }
        try add("xlsx-deflate-rusak.xlsx", "xlsx-bad-deflate", damaged(xlsx, part: "xl/worksheets/sheet1.xml"))
        try add("xlsx-zip-kosong.xlsx", "xlsx-empty-zip", mustFail: true, [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))
        try add("xlsx-header-zip-saja.xlsx", "xlsx-truncated", mustFail: true, [0x50, 0x4B, 0x03, 0x04])
        // Bombs, as cheap to build as they can be (a test builds them in a debug build): a style part of 17 MiB (past the
        // 16 MiB of a small part), a shared string and an inline string of 4 MiB (past a cell's 32,767 characters), a
        // value of 4 million digits, 100,000 empty cells in one row. (2,000,001 shared strings: HostileInputWebTests.)
        let stylesBomb = folder.appendingPathComponent("xlsx-bom-gaya.xlsx")
        try HostileWorkbook.write(to: stylesBomb, sheet: HostileWorkbook.sheet(headerRow),
                                  styles: HostileWorkbook.Part("<styleSheet><!--", repeating: "abcdefghijklmnop", times: 17 << 16, "--></styleSheet>"))
        samples.append(Sample(url: stylesBomb, kind: "xlsx-bomb-small-part", mustFail: true))
        try addXLSX("xlsx-bom-string.xlsx", "xlsx-bomb-shared-string", mustFail: false,
                    sheet: HostileWorkbook.sheet(headerRow + #"<row r="2"><c r="A2" t="s"><v>0</v></c></row>"#),
                    sharedStrings: HostileWorkbook.Part("<sst><si><t>", repeating: "aaaaaaaaaaaaaaaa", times: 1 << 18, "</t></si></sst>"))
        try addXLSX("xlsx-bom-angka.xlsx", "xlsx-bomb-value", sheet: HostileWorkbook.Part(HostileWorkbook.sheetStart + headerRow + #"<row r="2"><c r="A2"><v>"#,
                    repeating: "9999999999", times: 400_000, "</v></c></row>" + HostileWorkbook.sheetEnd))
        try addXLSX("xlsx-bom-sel-inline.xlsx", "xlsx-bomb-inline", sheet: HostileWorkbook.Part(HostileWorkbook.sheetStart + headerRow
                    + #"<row r="2"><c r="A2" t="inlineStr"><is><t>"#, repeating: "abcdefgh", times: 1 << 19, "</t></is></c></row>" + HostileWorkbook.sheetEnd))
        try addXLSX("xlsx-bom-sel-kosong.xlsx", "xlsx-bomb-empty-cells", sheet: HostileWorkbook.Part(HostileWorkbook.sheetStart + headerRow + #"<row r="2">"#,
                    repeating: "<c/>", times: 100_000, "</row>" + HostileWorkbook.sheetEnd))
        // XML attacks.
        let laughs = #"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">"#
            + #"<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>"#
        try addXLSX("xlsx-billion-laughs.xlsx", "xlsx-billion-laughs",
                    sheet: HostileWorkbook.Part(laughs + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
                                                + headerRow + #"<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>"# + HostileWorkbook.sheetEnd))
        try addXLSX("xlsx-billion-laughs-sst.xlsx", "xlsx-billion-laughs",
                    sheet: HostileWorkbook.sheet(headerRow + #"<row r="2"><c r="A2" t="s"><v>0</v></c></row>"#),
                    sharedStrings: HostileWorkbook.Part(laughs + "<sst><si><t>&lol9;</t></si></sst>"))
        try addXLSX("xlsx-xxe.xlsx", "xlsx-xxe",
                    sheet: HostileWorkbook.Part(#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"#
                                                + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
                                                + headerRow + #"<row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c></row>"# + HostileWorkbook.sheetEnd))
        try addXLSX("xlsx-bersarang.xlsx", "xlsx-deep-nesting", sheet: HostileWorkbook.Part(HostileWorkbook.sheetStart + headerRow + #"<row r="2"><c r="A2" t="inlineStr"><is>"#,
                    repeating: "<r>", times: 100_000, "</is></c></row>" + HostileWorkbook.sheetEnd))
        try addXLSX("xlsx-bersarang-sst.xlsx", "xlsx-deep-nesting", sheet: HostileWorkbook.sheet(headerRow + #"<row r="2"><c r="A2" t="s"><v>0</v></c></row>"#),
                    sharedStrings: HostileWorkbook.Part("<sst><si>", repeating: "<x>", times: 100_000, "</si></sst>"))
        try addXLSX("xlsx-komentar-terbuka.xlsx", "xlsx-unclosed-comment", sheet: HostileWorkbook.Part(HostileWorkbook.sheetStart + headerRow + "<!--",
                    repeating: "-- ", times: 1 << 18))
        try addXLSX("xlsx-cdata-terbuka.xlsx", "xlsx-unclosed-cdata", sheet: HostileWorkbook.Part(HostileWorkbook.sheetStart + headerRow + "<![CDATA[",
                    repeating: "]] ", times: 1 << 18))
        try addXLSX("xlsx-atribut-terbuka.xlsx", "xlsx-unclosed-attribute", sheet: HostileWorkbook.Part(HostileWorkbook.sheetStart + headerRow + #"<row r=""#,
                    repeating: "12345678", times: 1 << 17))
        try addXLSX("xlsx-bukan-xml.xlsx", "xlsx-not-xml", sheet: HostileWorkbook.Part("\u{1B}[2J\u{0}\u{0}PK garbage <<<>>> &&&; ]]>"))
        // Shared-string indexes and cell references no sheet has.
        let indexes = ["-1", "2", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
                       "99999999999999999999999999", "1e300", "NaN", "0x10", " 0", "", "1.5"]
        for (index, value) in indexes.enumerated() {
            try addXLSX("xlsx-indeks-sst-\(index).xlsx", "xlsx-shared-string-index",
                        sheet: HostileWorkbook.sheet(headerRow + #"<row r="2"><c r="A2" t="s"><v>\#(value)</v></c><c r="B2" t="inlineStr"><is><t>9903012001</t></is></c></row>"#),
                        sharedStrings: HostileWorkbook.Part("<sst><si><t>5203011106180101</t></si></sst>"))
        }
        let references = ["XFD1048577", "XFE1", "A1048577", "A0", "A-1", "-A1", "AAAAAAAAAAAAAA1", "A99999999999999999999", "A9223372036854775808",
                          "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ1", "1A", "", "A", "\u{1B}[2J", "A1:B2", "a2"]
        for (index, reference) in references.enumerated() {
            try addXLSX("xlsx-ref-\(index).xlsx", "xlsx-cell-reference",
                        sheet: HostileWorkbook.sheet(headerRow + #"<row r="2"><c r="\#(reference)" t="inlineStr"><is><t>5203011106180101</t></is></c></row>"#))
        }
        let rowNumbers = ["0", "-1", "1048577", "9223372036854775808", "99999999999999999999", "1e6", "x", ""]
        for (index, number) in rowNumbers.enumerated() {
            try addXLSX("xlsx-row-\(index).xlsx", "xlsx-row-number",
                        sheet: HostileWorkbook.sheet(headerRow + #"<row r="\#(number)"><c t="inlineStr"><is><t>5203011106180101</t></is></c></row>"#))
        }
        let numbers = ["NaN", "inf", "-inf", "1e19", "1e300", "-1e300", "0x1p70", "-0x10", "1e-400", "9223372036854775808", "--1", "1e", "٣"]
        for (index, number) in numbers.enumerated() {
            try addXLSX("xlsx-angka-\(index).xlsx", "xlsx-number",
                        sheet: HostileWorkbook.sheet(headerRow + #"<row r="2"><c r="A2" s="1"><v>\#(number)</v></c><c r="B2"><v>\#(number)</v></c>"#
                                                     + #"<c r="C2" s="1" t="d"><v>\#(number)</v></c><c r="D2" t="b"><v>\#(number)</v></c></row>"#))
        }
        try addXLSX("xlsx-100rb-kolom.xlsx", "xlsx-many-columns", sheet: HostileWorkbook.Part(HostileWorkbook.sheetStart + #"<row r="1">"#,
                    repeating: #"<c t="inlineStr"><is><t>k</t></is></c>"#, times: 100_000, "</row>" + HostileWorkbook.sheetEnd))
        try addXLSX("xlsx-escape-terminal.xlsx", "xlsx-terminal-escape",
                    sheet: HostileWorkbook.sheet(HostileWorkbook.textRow(1, ["no_kk\u{1B}]0;judul\u{07}", "\u{1B}[2Jkode", "alamat\u{9B}", "\u{202E}desil"])
                                                 + HostileWorkbook.textRow(2, ["1", "2", "3", "4"])))
        try addXLSX("xlsx-gaya-rusak.xlsx", "xlsx-style-index", sheet: HostileWorkbook.sheet(headerRow
                    + #"<row r="2"><c r="A2" s="-1"><v>1</v></c><c r="B2" s="99999999999999999999"><v>2</v></c><c r="C2" s="2"><v>3</v></c></row>"#))
        try addXLSX("xlsx-tanpa-sheetdata.xlsx", "xlsx-no-sheet-data", mustFail: true, sheet: HostileWorkbook.Part("<worksheet/>"))

        // MARK: ODS
        func ods(_ content: String) throws -> [UInt8] {
            let url = folder.appendingPathComponent("ods-\(UUID()).ods")
            defer { try? FileManager.default.removeItem(at: url) }
            let archive = try Archive(url: url, accessMode: .create)
            for (path, text, method) in [("mimetype", "application/vnd.oasis.opendocument.spreadsheet", CompressionMethod.none),
                                         ("META-INF/manifest.xml", #"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#, .deflate),
                                         ("content.xml", content, .deflate)] {
                let data = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: HostileWorkbook.fixedDate,
                                     compressionMethod: method) { position, size in
                    data.subdata(in: Int(position)..<(Int(position) + size))
                }
            }
            return Array(try Data(contentsOf: url))
        }
        let odsStart = #"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Data">"#
        let odsEnd = "</table:table></office:spreadsheet></office:body></office:document-content>"
        func odsRow(_ cells: [String], repeated: String? = nil) -> String {
            "<table:table-row>" + cells.map { #"<table:table-cell\#(repeated.map { #" table:number-columns-repeated="\#($0)""# } ?? "")><text:p>\#($0)</text:p></table:table-cell>"# }.joined() + "</table:table-row>"
        }
        let odsHeader = odsRow(header)
        let validODS = try ods(odsStart + odsHeader + rows(3, seed: 3).map { odsRow($0) }.joined() + odsEnd)
        for repeated in ["2147483648", "2147483647", "9223372036854775808", "-1", "0", "1e9", "16384", "16385"] {
            try add("ods-kolom-ulang-\(repeated).ods", "ods-repeated-columns", try ods(odsStart + odsHeader + odsRow(["5203011106180101"], repeated: repeated) + odsEnd))
        }
        // A filled row repeated: past 1,000 times refused (ODSSheetReader.maxFilledRowRepeat), up to it read.
        for repeated in ["2147483648", "2147483647", "9223372036854775808", "-1", "0", "1e9", "1000", "1001"] {
            try add("ods-baris-ulang-\(repeated).ods", "ods-repeated-rows", mustFail: ["2147483648", "2147483647", "1001"].contains(repeated),
                    try ods(odsStart + odsHeader + #"<table:table-row table:number-rows-repeated="\#(repeated)"><table:table-cell><text:p>5203011106180101</text:p></table:table-cell></table:table-row>"# + odsEnd))
        }
        try add("ods-spasi-ulang.ods", "ods-repeated-spaces", try ods(odsStart + odsHeader
                    + #"<table:table-row><table:table-cell><text:p>a<text:s text:c="2147483647"/>b</text:p></table:table-cell></table:table-row>"# + odsEnd))
        try add("ods-billion-laughs.ods", "ods-billion-laughs", try ods(laughs.replacingOccurrences(of: "lolz", with: "office:document-content")
                    + String(odsStart.dropFirst(#"<?xml version="1.0" encoding="UTF-8"?>"#.count)) + odsHeader + odsRow(["&lol9;"]) + odsEnd))
        try add("ods-deflate-rusak.ods", "ods-bad-deflate", damaged(validODS, part: "content.xml"))
        try add("ods-tanpa-content.ods", "ods-no-content", mustFail: true, Array(try ods("").prefix(200)))
        for index in 0..<variants {
            try add("ods-terpotong-\(index).ods", "ods-truncated", Array(validODS.prefix(1 + Int(random.next() % UInt64(validODS.count - 1)))))
            try add("ods-bitflip-\(index).ods", "ods-bit-flip", flip(validODS, times: 1 + index % 4, &random))
        }

        // MARK: XLS (BIFF8 in a compound file)
        func xls(_ stream: [UInt8]) -> [UInt8] { CompoundFileBuilder.build([(name: "Workbook", bytes: stream)]).bytes }
        var cells: [UInt8] = []
        for (row, values) in ([header] + rows(3, seed: 4)).enumerated() {
            for (column, value) in values.enumerated() { cells += BIFFBuilder.cell(row: row, column: column, .label(value)) }
        }
        let validStream = BIFFBuilder.workbook(sheets: [(name: "Data", records: cells)])
        let validXLS = xls(validStream)
        for index in 0..<variants {
            try add("xls-terpotong-\(index).xls", "xls-truncated", Array(validXLS.prefix(1 + Int(random.next() % UInt64(validXLS.count - 1)))))
            try add("xls-bitflip-\(index).xls", "xls-bit-flip", flip(validXLS, times: 1 + index % 4, &random))
            // The workbook stream damaged inside a sound compound file: a record length pointing past the end, bit flips.
            var stream = validStream
            let at = Int(random.next() % UInt64(stream.count - 4))
            stream[at] = 0xFF
            stream[at + 1] = 0xFF
            try add("xls-panjang-rekaman-\(index).xls", "xls-record-length", xls(stream))
            try add("xls-stream-bitflip-\(index).xls", "xls-stream-bit-flip", xls(flip(validStream, times: 1 + index, &random)))
        }
        let hugeSST = BIFFBuilder.workbook(sheets: [(name: "Data", records: BIFFBuilder.cell(row: 0, column: 0, .sst(0x7FFF_FFFF))
                                                     + BIFFBuilder.cell(row: 1, column: 0, .sst(1)))], sharedStrings: ["no_kk"], sstCount: 0xFFFF_FFFF)
        try add("xls-indeks-sst.xls", "xls-shared-string-index", xls(hugeSST))
        try add("xls-label-panjang.xls", "xls-label-length", xls(BIFFBuilder.workbook(sheets: [(name: "Data",
                    records: BIFFBuilder.record(0x0204, BIFFBuilder.le16(0) + BIFFBuilder.le16(0) + BIFFBuilder.le16(15) + BIFFBuilder.le16(0xFFFF) + [0, 0x41]))])))
        try add("xls-sel-jauh.xls", "xls-cell-position", xls(BIFFBuilder.workbook(sheets: [(name: "Data",
                    records: BIFFBuilder.cell(row: 65_535, column: 255, .label("no_kk")) + BIFFBuilder.cell(row: 0, column: 65_535 & 0xFF, .number(.nan, style: 16))
                        + BIFFBuilder.cell(row: 1, column: 0, .number(.infinity, style: 16)) + BIFFBuilder.cell(row: 1, column: 1, .number(1e300, style: 17)))])))
        try add("xls-tanpa-workbook.xls", "xls-no-workbook", mustFail: true, CompoundFileBuilder.build([(name: "Data", bytes: Array(repeating: 7, count: 5_000))]).bytes)
        try add("xls-header-saja.xls", "xls-truncated", mustFail: true, Array(validXLS.prefix(8)))

        // MARK: HTML
        let table = "<table>" + ([header] + rows(3, seed: 5)).map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined() + "</table>"
        try add("html-bersarang-10rb.xls", "html-deep-tables", Array(("<html><body>" + String(repeating: "<table><tr><td>", count: 10_000) + table
                    + String(repeating: "</td></tr></table>", count: 10_000) + "</body></html>").utf8))
        try add("html-bersarang-tanpa-tutup.html", "html-deep-tables", Array(("<html><body>" + String(repeating: "<table><tr><td>", count: 20_000)).utf8))
        try add("html-colspan.xls", "html-colspan", Array(("<table><tr>" + header.map { "<td>\($0)</td>" }.joined()
                    + #"</tr><tr><td colspan="2147483647">a</td><td rowspan="99999999999999999999">b</td><td colspan="-1">c</td></tr></table>"#).utf8))
        try add("html-tanpa-tabel.html", "html-no-table", mustFail: true, Array("<html><body><p>tidak ada tabel</p></body></html>".utf8))
        try add("html-komentar-terbuka.html", "html-unclosed-comment", Array(("<html><body>" + table + "<!--" + String(repeating: "-- ", count: 1 << 18)).utf8))
        try add("html-entitas.html", "html-entities", Array(("<table><tr><td>&#0;&#x1B;[2J&#xFFFFFFFF;&#99999999999999999999;&#xD800;&amp&lt</td>"
                    + header.map { "<td>\($0)</td>" }.joined() + "</tr></table>").utf8))
        try add("html-escape-terminal.html", "html-terminal-escape", Array(("<table><tr><td>no_kk\u{1B}]0;judul\u{07}</td><td>\u{1B}[2J</td></tr><tr><td>1</td><td>2</td></tr></table>").utf8))
        try add("html-sel-1mb.html", "html-huge-cell", Array(("<table><tr>" + header.map { "<td>\($0)</td>" }.joined() + "</tr><tr><td>"
                    + String(repeating: "a", count: 1 << 20) + "</td></tr></table>").utf8))
        for index in 0..<variants {
            let bytes = Array(("<html><body>" + table + "</body></html>").utf8)
            try add("html-bitflip-\(index).html", "html-bit-flip", flip(bytes, times: 1 + index, &random))
        }
        return samples
    }

    /// A ZIP package with bytes inside the packed data of `part` overwritten (its first local header's name found
    /// by search): a bad deflate stream or a wrong CRC, in a container that still opens.
    static func damaged(_ bytes: [UInt8], part: String) -> [UInt8] {
        let name = Array(part.utf8)
        var out = bytes
        guard let at = (30..<max(30, bytes.count - name.count)).first(where: { Array(bytes[$0..<($0 + name.count)]) == name }) else { return out }
        for offset in (at + name.count + 6)..<min(at + name.count + 14, out.count) { out[offset] ^= 0xA5 }
        return out
    }

    /// `bytes` with `times` random bits flipped (never the first 2 bytes, so a file keeps what it claims to be more often).
    static func flip(_ bytes: [UInt8], times: Int, _ random: inout SeededRandom) -> [UInt8] {
        var out = bytes
        guard out.count > 2 else { return out }
        for _ in 0..<times {
            let at = 2 + Int(random.next() % UInt64(out.count - 2))
            out[at] ^= UInt8(1) << (random.next() % 8)
        }
        return out
    }
}

/// SplitMix64: the same numbers from the same seed, on every platform and run.
public struct SeededRandom: Sendable {
    private var state: UInt64
    public init(_ seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
