import Foundation

/// Streams the first `<table>` of a web page row by row: what government web systems offer as an "Excel"
/// download is often such a page saved with an .xls name. `<tr>` rows, `<td>`/`<th>` cells (`colspan` gives
/// empty cells after the cell), entities decoded, whitespace collapsed as a browser shows it; a nested
/// table's text stays in its cell. Scripts, styles and comments are skipped unread — nothing in the page
/// is ever run. Text is UTF-8, or Windows-1252 cell by cell where it is not; UTF-16 pages with a
/// byte-order mark are transcoded first.
public struct HTMLTableReader: SheetReader {
    public let url: URL
    public var fileName: String { url.lastPathComponent }

    public init(url: URL) throws {
        self.url = url
        let head = (try? FileHandle(forReadingFrom: url)).flatMap { try? $0.read(upToCount: 8) }.map(Array.init) ?? []
        guard !head.isEmpty else { throw SheetReadError.empty(file: url.lastPathComponent) }
    }

    public func forEachRow(progress: (Double) -> Void, _ body: (SheetRow) throws -> Void) throws {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw SheetReadError.unreadable(file: fileName, reason: .cannotOpen)
        }
        defer { try? handle.close() }
        let size = Double((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0)
        var consumed = 0.0
        var scanner = HTMLTableScanner(file: fileName)
        var transcoder: UTF16Transcoder?
        var first = true
        while !scanner.done {
            guard var chunk = try handle.read(upToCount: 1 << 16).map(Array.init), !chunk.isEmpty else { break }
            consumed += Double(chunk.count)
            if first {
                if let bigEndian = TextSniffer.utf16ByteOrder(chunk) {
                    transcoder = UTF16Transcoder(bigEndian: bigEndian)
                    chunk.removeFirst(2)
                } else if chunk.starts(with: [0xEF, 0xBB, 0xBF]) {
                    chunk.removeFirst(3)
                }
                first = false
            }
            if transcoder != nil { chunk = transcoder?.transcode(chunk) ?? [] }
            try scanner.feed(chunk, emit: body)
            if size > 0 { progress(min(1, consumed / size)) }
        }
        try scanner.finish(emit: body)
        guard scanner.sawTable else { throw SheetReadError.notATable(file: fileName, looksLike: .htmlWithoutTable) }
        progress(1)
    }
}

/// The byte-level scanner behind `HTMLTableReader`.
struct HTMLTableScanner {
    let file: String
    private(set) var done = false
    private(set) var sawTable = false

    private enum Mode: Equatable {
        case text
        case comment
        /// Inside `<script>`, `<style>` …: skipped up to the matching end tag.
        case raw(String)
    }

    private var mode = Mode.text
    private var pending: [UInt8] = []
    private var position = 0
    private var tagScanned = 0
    private var tagQuote: UInt8 = 0
    private var depth = 0
    private var rowOpen = false
    private var rowNumber = 0
    private var values: [SheetValue] = []
    private var cellOpen = false
    private var cellBytes: [UInt8] = []
    private var colspan = 1

    /// The longest tag held (a real one is well under a kilobyte).
    static let maxTagBytes = 1 << 16
    static let rawElements: Set<String> = ["script", "style", "textarea", "title", "xmp", "template", "iframe", "object"]

    init(file: String) {
        self.file = file
    }

    mutating func feed(_ bytes: [UInt8], emit: (SheetRow) throws -> Void) throws {
        pending.append(contentsOf: bytes)
        try scan(emit: emit, atEnd: false)
        if position > 0 {
            pending.removeFirst(position)
            position = 0
        }
    }

    mutating func finish(emit: (SheetRow) throws -> Void) throws {
        if !done { try scan(emit: emit, atEnd: true) }
        if !done && sawTable {
            try endCell()
            try endRow(emit)
        }
    }

    private mutating func scan(emit: (SheetRow) throws -> Void, atEnd: Bool) throws {
        while position < pending.count && !done {
            switch mode {
            case .comment:
                guard let end = find(Array("-->".utf8), from: position) else {
                    position = max(position, pending.count - 2)
                    return
                }
                position = end + 3
                mode = .text
            case .raw(let name):
                guard let end = findEndTag(name) else {
                    position = max(position, pending.count - name.utf8.count - 2)
                    return
                }
                position = end
                mode = .text
            case .text:
                guard let open = pending[position...].firstIndex(of: UInt8(ascii: "<")) else {
                    try text(position..<pending.count)
                    position = pending.count
                    return
                }
                try text(position..<open)
                position = open
                guard position + 4 <= pending.count || atEnd else { return }
                if pending[position...].starts(with: Array("<!--".utf8)) {
                    position += 4
                    mode = .comment
                    continue
                }
                let next = position + 1 < pending.count ? pending[position + 1] : 0
                let startsTag = Self.isLetter(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") || next == UInt8(ascii: "?")
                guard startsTag else {
                    try text(position..<(position + 1))
                    position += 1
                    continue
                }
                guard let close = tagEnd() else {
                    if pending.count - position > Self.maxTagBytes {
                        throw SheetReadError.tooLargeUnpacked(file: file, part: "HTML", limit: .characters(Self.maxTagBytes))
                    }
                    if atEnd { position = pending.count }
                    return
                }
                let tag = pending[(position + 1)..<close]
                position = close + 1
                try handleTag(tag, emit: emit)
            }
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    private mutating func text(_ range: Range<Int>) throws {
        guard cellOpen, !range.isEmpty else { return }
        cellBytes.append(contentsOf: pending[range])
        if cellBytes.count > SheetReadError.maxCellCharacters * 8 {
            throw SheetReadError.cellTooLarge(file: file, row: rowNumber, column: values.count + 1)
        }
    }

    private mutating func handleTag(_ tag: ArraySlice<UInt8>, emit: (SheetRow) throws -> Void) throws {
        guard let first = tag.first, first != UInt8(ascii: "!"), first != UInt8(ascii: "?") else { return }
        let closing = first == UInt8(ascii: "/")
        let nameBytes = (closing ? tag.dropFirst() : tag).prefix { Self.isLetter($0) || ($0 >= 48 && $0 <= 57) }
        let name = String(decoding: nameBytes, as: UTF8.self).lowercased()
        if closing {
            switch name {
            case "table":
                guard depth > 0 else { return }
                depth -= 1
                if depth == 0 {
                    try endCell()
                    try endRow(emit)
                    done = true
                }
            case "tr" where depth == 1:
                try endCell()
                try endRow(emit)
            case "td" where depth == 1, "th" where depth == 1:
                try endCell()
            default:
                break
            }
            return
        }
        if Self.rawElements.contains(name) && tag.last != UInt8(ascii: "/") {
            mode = .raw(name)
            return
        }
        switch name {
        case "table":
            depth += 1
            sawTable = true
        case "tr" where depth == 1:
            try endCell()
            try endRow(emit)
            openRow()
        case "td" where depth == 1, "th" where depth == 1:
            try endCell()
            if !rowOpen { openRow() }
            cellOpen = true
            colspan = Self.colspan(tag)
        case "br" where cellOpen, "p" where cellOpen, "div" where cellOpen, "li" where cellOpen:
            cellBytes.append(32)
        default:
            break
        }
    }

    private mutating func openRow() {
        rowOpen = true
        rowNumber += 1
        values.removeAll(keepingCapacity: true)
    }

    private mutating func endCell() throws {
        guard cellOpen else { return }
        cellOpen = false
        let raw = TextSniffer.isValidUTF8(cellBytes, allowCutEnd: false)
            ? String(decoding: cellBytes, as: UTF8.self) : TextSniffer.decodeWindows1252(cellBytes[...])
        cellBytes.removeAll(keepingCapacity: true)
        let text = Self.entitiesDecoded(raw).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if text.count > SheetReadError.maxCellCharacters {
            throw SheetReadError.cellTooLarge(file: file, row: rowNumber, column: values.count + 1)
        }
        guard values.count + colspan <= SheetReadError.maxColumns else {
            throw SheetReadError.tooManyColumns(file: file, row: rowNumber, count: values.count + colspan)
        }
        values.append(text.isEmpty ? .empty : .text(text))
        values.append(contentsOf: repeatElement(SheetValue.empty, count: colspan - 1))
    }

    private mutating func endRow(_ emit: (SheetRow) throws -> Void) throws {
        guard rowOpen else { return }
        rowOpen = false
        try emit(SheetRow(number: rowNumber, values: values))
    }

    /// The cell's `colspan` (1…1,000, as browsers clamp it).
    static func colspan(_ tag: ArraySlice<UInt8>) -> Int {
        let text = String(decoding: tag, as: UTF8.self).lowercased()
        guard let range = text.range(of: "colspan") else { return 1 }
        var rest = text[range.upperBound...].drop { $0 == " " }
        guard rest.first == "=" else { return 1 }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
        return Int(rest.prefix { $0 >= "0" && $0 <= "9" }.prefix(6)).map { min(max($0, 1), 1_000) } ?? 1
    }

    /// `&nbsp;` and the common named entities, then XML's five and numeric references.
    static func entitiesDecoded(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = text
        for (entity, character) in Self.named { out = out.replacingOccurrences(of: entity, with: character) }
        return XMLEntities.decode(Array(out.utf8))
    }

    private static let named: [(String, String)] = [
        ("&nbsp;", " "), ("&NBSP;", " "), ("&ndash;", "–"), ("&mdash;", "—"), ("&rsquo;", "’"), ("&lsquo;", "‘"),
        ("&rdquo;", "”"), ("&ldquo;", "“"), ("&hellip;", "…"), ("&copy;", "©"), ("&reg;", "®"), ("&deg;", "°"),
        ("&eacute;", "é"), ("&egrave;", "è"), ("&euml;", "ë"), ("&uuml;", "ü"), ("&ouml;", "ö"), ("&auml;", "ä"),
        ("&AMP;", "&amp;"), ("&LT;", "&lt;"), ("&GT;", "&gt;"), ("&QUOT;", "&quot;"),
    ]

    /// The `>` ending the tag whose `<` is at `position`, past quoted attribute values.
    private mutating func tagEnd() -> Int? {
        var index = position + 1 + tagScanned
        while index < pending.count {
            let byte = pending[index]
            if tagQuote != 0 {
                if byte == tagQuote { tagQuote = 0 }
            } else if (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")) && index > position + 1 && Self.afterEquals(pending, index) {
                tagQuote = byte
            } else if byte == UInt8(ascii: ">") {
                tagScanned = 0
                return index
            }
            index += 1
        }
        tagScanned = index - position - 1
        return nil
    }

    /// A quote opens a value only right after `=` (spaces allowed): a stray quote elsewhere does not swallow the page.
    private static func afterEquals(_ bytes: [UInt8], _ index: Int) -> Bool {
        var back = index - 1
        while back >= 0 && (bytes[back] == 32 || bytes[back] == 9 || bytes[back] == 10 || bytes[back] == 13) { back -= 1 }
        return back >= 0 && bytes[back] == UInt8(ascii: "=")
    }

    private func find(_ needle: [UInt8], from: Int) -> Int? {
        var index = from
        while index + needle.count <= pending.count {
            if pending[index] == needle[0] && pending[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// Where `</name` starts (any case), from `position`.
    private func findEndTag(_ name: String) -> Int? {
        let needle = Array(name.utf8)
        var index = position
        while index + needle.count + 2 <= pending.count {
            if pending[index] == UInt8(ascii: "<") && pending[index + 1] == UInt8(ascii: "/") {
                let candidate = pending[(index + 2)..<(index + 2 + needle.count)].map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
                if candidate == needle { return index }
            }
            index += 1
        }
        return nil
    }
}
