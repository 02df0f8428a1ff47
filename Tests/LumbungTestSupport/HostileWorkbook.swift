import Foundation
import ZIPFoundation

/// Workbooks an attacker would upload, built byte for byte: a valid .xlsx package around a worksheet, a
/// shared-string table and a style sheet given as raw XML. Long parts are generated as they are packed
/// (a prefix, one unit repeated, a suffix), so a test builds a bomb of hundreds of megabytes unpacked
/// without holding it.
public enum HostileWorkbook {
    /// One part's XML: `prefix`, then `unit` `repeats` times, then `suffix`.
    public struct Part: Sendable {
        public let prefix: [UInt8]
        public let unit: [UInt8]
        public let repeats: Int
        public let suffix: [UInt8]

        /// `unit` repeated to at least 64 KiB, so long parts are copied in large slices.
        private let block: [UInt8]

        public init(_ prefix: String, repeating unit: String = "", times repeats: Int = 0, _ suffix: String = "") {
            self.prefix = Array(prefix.utf8)
            self.unit = Array(unit.utf8)
            self.repeats = unit.isEmpty ? 0 : repeats
            self.suffix = Array(suffix.utf8)
            let units = Array(unit.utf8)
            block = units.isEmpty ? [] : Array([[UInt8]](repeating: units, count: max(1, (1 << 16) / units.count + 1)).joined())
        }

        var count: Int { prefix.count + unit.count * repeats + suffix.count }

        /// Bytes `offset..<offset + length` of the part.
        func bytes(_ offset: Int, _ length: Int) -> Data {
            var out = Data(capacity: length)
            var position = offset
            let end = min(offset + length, count)
            let unitsEnd = prefix.count + unit.count * repeats
            while position < end {
                if position < prefix.count {
                    let take = min(end, prefix.count) - position
                    out.append(contentsOf: prefix[position..<(position + take)])
                    position += take
                } else if position < unitsEnd {
                    let inUnit = (position - prefix.count) % unit.count
                    let take = min(block.count - inUnit, end - position, unitsEnd - position)
                    out.append(contentsOf: block[inUnit..<(inUnit + take)])
                    position += take
                } else {
                    let start = position - unitsEnd
                    let take = end - position
                    out.append(contentsOf: suffix[start..<(start + take)])
                    position += take
                }
            }
            return out
        }
    }

    /// The worksheet XML up to its rows; close with `sheetEnd`.
    public static let sheetStart = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
    public static let sheetEnd = "</sheetData></worksheet>"

    /// A worksheet of whole rows (`<row …>…</row>` elements).
    public static func sheet(_ rows: String) -> Part { Part(sheetStart + rows + sheetEnd) }

    /// A shared-string table from `<si>` elements.
    public static func sharedStrings(_ items: String) -> Part {
        Part(#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"# + items + "</sst>")
    }

    /// Style 0 is plain, style 1 a date (built-in format 14), as Excel writes them.
    public static let styles = Part(#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#)

    /// Writes the package to `url`: `sheet` as the only worksheet, with `sharedStrings` and `styles` when given.
    public static func write(to url: URL, sheet: Part, sharedStrings: Part? = nil, styles: Part? = HostileWorkbook.styles) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        var contentTypes = #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        var relationships = #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#
        if sharedStrings != nil {
            contentTypes += #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
            relationships += #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        }
        if styles != nil {
            contentTypes += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            relationships += #"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        }
        try add(archive, "[Content_Types].xml", Part(contentTypes + "</Types>"))
        try add(archive, "_rels/.rels", Part(#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#))
        try add(archive, "xl/workbook.xml", Part(#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#))
        try add(archive, "xl/_rels/workbook.xml.rels", Part(relationships + "</Relationships>"))
        try add(archive, "xl/worksheets/sheet1.xml", sheet)
        if let sharedStrings { try add(archive, "xl/sharedStrings.xml", sharedStrings) }
        if let styles { try add(archive, "xl/styles.xml", styles) }
    }

    /// Every entry's date: the same bytes from the same parts, run after run.
    public static let fixedDate = Date(timeIntervalSince1970: 1_750_000_000)

    private static func add(_ archive: Archive, _ path: String, _ part: Part) throws {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(part.count), modificationDate: fixedDate, compressionMethod: .deflate,
                             bufferSize: 1 << 20) { position, size in
            part.bytes(Int(position), size)
        }
    }

    /// A row of inline-string cells (`A`, `B`, …) from texts, XML-escaped.
    public static func textRow(_ number: Int, _ texts: [String]) -> String {
        let cells = texts.enumerated().map { index, text in
            let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            return #"<c r="\#(Character(Unicode.Scalar(UInt8(65 + index))))\#(number)" t="inlineStr"><is><t>\#(escaped)</t></is></c>"#
        }
        return #"<row r="\#(number)">"# + cells.joined() + "</row>"
    }
}
