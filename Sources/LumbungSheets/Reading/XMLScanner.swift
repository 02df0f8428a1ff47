/// A small streaming scanner for the SpreadsheetML parts of a workbook: it is fed chunks of inflated
/// XML and reports start tags (with attributes), end tags and text, never holding more than the
/// current tag or text run. Comments, processing instructions and CDATA are handled; namespaces
/// prefixes are dropped (`x:c` is `c`).
struct XMLScanner {
    enum Event {
        case start(name: Substring, attributes: [(Substring, String)], selfClosing: Bool)
        case end(name: Substring)
        case text(String)
    }

    private var pending: [UInt8] = []
    private var position = 0
    /// Text is only decoded inside elements whose text is wanted (`<v>`, `<t>`): the handler says so
    /// after each event by returning `true`.
    private var wantsText = false
    private var textBuffer: [UInt8] = []

    mutating func feed(_ bytes: some Collection<UInt8>, _ handle: (Event) throws -> Bool) throws {
        pending.append(contentsOf: bytes)
        try scan(handle)
        if position > 0 {
            pending.removeFirst(position)
            position = 0
        }
    }

    /// Called at the end of the part: anything left unfinished means the XML was cut off.
    func finish() throws(XMLScanError) {
        if pending[position...].contains(where: { $0 == UInt8(ascii: "<") }) { throw .truncated }
    }

    private mutating func scan(_ handle: (Event) throws -> Bool) throws {
        while position < pending.count {
            if pending[position] != UInt8(ascii: "<") {
                guard let next = pending[position...].firstIndex(of: UInt8(ascii: "<")) else {
                    if wantsText { textBuffer.append(contentsOf: pending[position...]) }
                    position = pending.count
                    return
                }
                if wantsText { textBuffer.append(contentsOf: pending[position..<next]) }
                position = next
            }
            if !textBuffer.isEmpty {
                wantsText = try handle(.text(XMLEntities.decode(textBuffer)))
                textBuffer.removeAll(keepingCapacity: true)
            }
            // A markup construct starts at `position`.
            if pending[position...].starts(with: Self.commentOpen) {
                guard let end = find(Self.commentClose, from: position + 4) else { return }
                position = end + 3
                continue
            }
            if pending[position...].starts(with: Self.cdataOpen) {
                guard let end = find(Self.cdataClose, from: position + 9) else { return }
                if wantsText { textBuffer.append(contentsOf: pending[(position + 9)..<end]) }
                position = end + 3
                continue
            }
            guard let close = tagEnd(from: position + 1) else { return }
            let tag = pending[(position + 1)..<close]
            position = close + 1
            guard let first = tag.first else { throw XMLScanError.malformed }
            if first == UInt8(ascii: "?") || first == UInt8(ascii: "!") { continue }
            if first == UInt8(ascii: "/") {
                wantsText = try handle(.end(name: Self.localName(tag.dropFirst())))
                continue
            }
            let selfClosing = tag.last == UInt8(ascii: "/")
            let body = selfClosing ? tag.dropLast() : tag
            let nameEnd = body.firstIndex { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 } ?? body.endIndex
            let name = Self.localName(body[body.startIndex..<nameEnd])
            wantsText = try handle(.start(name: name, attributes: try Self.attributes(body[nameEnd...]), selfClosing: selfClosing))
        }
    }

    /// The `>` ending a tag that starts at `from`, skipping `>` inside quoted attribute values.
    private func tagEnd(from: Int) -> Int? {
        var quote: UInt8 = 0
        var index = from
        while index < pending.count {
            let byte = pending[index]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return index
            }
            index += 1
        }
        return nil
    }

    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard pending.count >= needle.count else { return nil }
        var index = from
        while index + needle.count <= pending.count {
            if pending[index] == needle[0] && pending[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private static func localName(_ bytes: ArraySlice<UInt8>) -> Substring {
        let text = Substring(decoding: bytes, as: UTF8.self)
        if let colon = text.lastIndex(of: ":") { return text[text.index(after: colon)...] }
        return text
    }

    private static func attributes(_ bytes: ArraySlice<UInt8>) throws(XMLScanError) -> [(Substring, String)] {
        var result: [(Substring, String)] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            while index < bytes.endIndex, [32, 9, 10, 13].contains(bytes[index]) { index += 1 }
            guard index < bytes.endIndex else { break }
            guard let equals = bytes[index...].firstIndex(of: UInt8(ascii: "=")) else { throw .malformed }
            let name = localName(bytes[index..<equals])
            var valueStart = equals + 1
            while valueStart < bytes.endIndex, [32, 9, 10, 13].contains(bytes[valueStart]) { valueStart += 1 }
            guard valueStart < bytes.endIndex else { throw .malformed }
            let quote = bytes[valueStart]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
                  let valueEnd = bytes[(valueStart + 1)...].firstIndex(of: quote) else { throw .malformed }
            result.append((name, XMLEntities.decode(bytes[(valueStart + 1)..<valueEnd])))
            index = valueEnd + 1
        }
        return result
    }

    private static let commentOpen = Array("<!--".utf8), commentClose = Array("-->".utf8)
    private static let cdataOpen = Array("<![CDATA[".utf8), cdataClose = Array("]]>".utf8)
}

enum XMLScanError: Error {
    case malformed
    case truncated
}

/// XML's five entities and numeric character references.
enum XMLEntities {
    static func decode(_ bytes: some Collection<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        let text = String(decoding: bytes, as: UTF8.self)
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { out += rest[amp...]; return out }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                if entity.hasPrefix("#x"), let code = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code) {
                    out.unicodeScalars.append(scalar)
                } else if entity.hasPrefix("#"), let code = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(code) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += rest[amp...semi]
                }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
