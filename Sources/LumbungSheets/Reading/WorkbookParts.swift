import Foundation
import ZIPFoundation

/// The small parts of a workbook that say where the sheets are and how to read their cells:
/// workbook.xml (sheet order, date system), its relationships, shared strings and styles.
struct WorkbookParts {
    struct Sheet {
        let name: String
        let path: String
    }

    let sheets: [Sheet]
    let date1904: Bool
    private let file: String

    init(archive: Archive, file: String) throws {
        self.file = file
        var names: [(name: String, relationship: String)] = []
        var date1904 = false
        try Self.scan(archive, "xl/workbook.xml", file: file, required: true) { event in
            guard case .start(let name, let attributes, _) = event else { return false }
            if name == "sheet", let sheet = attributes.first(where: { $0.0 == "name" })?.1,
               let relationship = attributes.first(where: { $0.0 == "id" })?.1 {
                names.append((sheet, relationship))
            } else if name == "workbookPr" {
                date1904 = attributes.contains { $0.0 == "date1904" && ($0.1 == "1" || $0.1 == "true") }
            }
            return false
        }
        var targets: [String: String] = [:]
        try Self.scan(archive, "xl/_rels/workbook.xml.rels", file: file, required: true) { event in
            guard case .start("Relationship", let attributes, _) = event,
                  let id = attributes.first(where: { $0.0 == "Id" })?.1,
                  let target = attributes.first(where: { $0.0 == "Target" })?.1 else { return false }
            targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            return false
        }
        sheets = names.compactMap { entry in targets[entry.relationship].map { Sheet(name: entry.name, path: $0) } }
        self.date1904 = date1904
    }

    /// Every string of the shared-string table, rich text runs joined, phonetic runs left out.
    func sharedStrings(_ archive: Archive) throws -> [String] {
        var strings: [String] = []
        var current = ""
        var inText = false
        var inPhonetic = false
        try Self.scan(archive, "xl/sharedStrings.xml", file: file, required: false) { event in
            switch event {
            case .start("si", _, let selfClosing):
                current = ""
                if selfClosing { strings.append("") }
            case .start("rPh", _, let selfClosing): inPhonetic = !selfClosing
            case .end("rPh"): inPhonetic = false
            case .start("t", _, false) where !inPhonetic: inText = true
            case .text(let text) where inText: current += text
            case .end("t"): inText = false
            case .end("si"): strings.append(current)
            default: break
            }
            return inText
        }
        return strings
    }

    /// The indexes of cell styles whose number format is a date (built-in 14–22, 27–36, 45–47, 50–58,
    /// or a custom format with d, m or y outside quotes and brackets).
    func dateStyles(_ archive: Archive) throws -> Set<Int> {
        var customDateFormats: Set<Int> = []
        var styleFormats: [Int] = []
        var inCellXfs = false
        try Self.scan(archive, "xl/styles.xml", file: file, required: false) { event in
            switch event {
            case .start("numFmt", let attributes, _):
                if let id = attributes.first(where: { $0.0 == "numFmtId" }).flatMap({ Int($0.1) }),
                   let code = attributes.first(where: { $0.0 == "formatCode" })?.1, Self.isDateFormat(code) {
                    customDateFormats.insert(id)
                }
            case .start("cellXfs", _, let selfClosing): inCellXfs = !selfClosing
            case .end("cellXfs"): inCellXfs = false
            case .start("xf", let attributes, _) where inCellXfs:
                styleFormats.append(attributes.first(where: { $0.0 == "numFmtId" }).flatMap { Int($0.1) } ?? 0)
            default: break
            }
            return false
        }
        let builtIn = Set(14...22).union(27...36).union(45...47).union(50...58)
        return Set(styleFormats.indices.filter { builtIn.contains(styleFormats[$0]) || customDateFormats.contains(styleFormats[$0]) })
    }

    static func isDateFormat(_ code: String) -> Bool {
        var inQuotes = false, inBrackets = false
        for character in code.lowercased() {
            switch character {
            case "\"": inQuotes.toggle()
            case "[": inBrackets = true
            case "]": inBrackets = false
            case "d", "m", "y" where !inQuotes && !inBrackets: return true
            default: break
            }
        }
        return false
    }

    private static func scan(_ archive: Archive, _ path: String, file: String, required: Bool,
                             _ handle: (XMLScanner.Event) throws -> Bool) throws {
        guard let entry = archive[path] else {
            if required { throw SheetReadError.damagedWorkbook(file: file, detail: "\(path) is missing") }
            return
        }
        var scanner = XMLScanner()
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { chunk in
                try scanner.feed(chunk, handle)
            }
            try scanner.finish()
        } catch {
            throw SheetReadError.damagedWorkbook(file: file, detail: error is XMLScanError ? "\(path) is malformed XML" : "\(path) cannot be inflated")
        }
    }
}
