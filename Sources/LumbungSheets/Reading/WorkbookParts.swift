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
    private let limits: XLSXLimits

    init(archive: Archive, file: String, limits: XLSXLimits = .standard) throws {
        self.file = file
        self.limits = limits
        var names: [(name: String, relationship: String)] = []
        var date1904 = false
        try Self.scan(archive, "xl/workbook.xml", file: file, limit: limits.smallPartBytes, required: true) { event in
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
        try Self.scan(archive, "xl/_rels/workbook.xml.rels", file: file, limit: limits.smallPartBytes, required: true) { event in
            guard case .start("Relationship", let attributes, _) = event,
                  let id = attributes.first(where: { $0.0 == "Id" })?.1,
                  let target = attributes.first(where: { $0.0 == "Target" })?.1 else { return false }
            targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            return false
        }
        sheets = names.compactMap { entry in targets[entry.relationship].map { Sheet(name: entry.name, path: $0) } }
        self.date1904 = date1904
    }

    /// Every string of the shared-string table, rich text runs joined, phonetic runs left out. The table
    /// is held in memory, so it is bounded: `limits.sharedStrings` strings, `limits.sharedStringBytes`
    /// bytes of text in all, and no string longer than a cell can hold.
    func sharedStrings(_ archive: Archive) throws -> [String] {
        let part = "xl/sharedStrings.xml"
        var strings: [String] = []
        var current = ""
        var inText = false
        var inPhonetic = false
        var textBytes = 0
        func add(_ string: String) throws {
            guard strings.count < limits.sharedStrings else {
                throw SheetReadError.tooLargeUnpacked(file: file, part: part, limit: .strings(limits.sharedStrings))
            }
            strings.append(string)
        }
        try Self.scan(archive, part, file: file, limit: limits.sharedStringsPartBytes, required: false) { event in
            switch event {
            case .start("si", _, let selfClosing):
                current = ""
                if selfClosing { try add("") }
            case .start("rPh", _, let selfClosing): inPhonetic = !selfClosing
            case .end("rPh"): inPhonetic = false
            case .start("t", _, false) where !inPhonetic: inText = true
            case .text(let text) where inText:
                textBytes += text.utf8.count
                guard textBytes <= limits.sharedStringBytes else {
                    throw SheetReadError.tooLargeUnpacked(file: file, part: part, limit: .characters(limits.sharedStringBytes))
                }
                current += text
                if current.utf8.count > SheetReadError.maxCellCharacters && current.count > SheetReadError.maxCellCharacters {
                    throw SheetReadError.tooLargeUnpacked(file: file, part: part, limit: .characters(SheetReadError.maxCellCharacters))
                }
            case .end("t"): inText = false
            case .end("si"): try add(current)
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
        try Self.scan(archive, "xl/styles.xml", file: file, limit: limits.smallPartBytes, required: false) { event in
            switch event {
            case .start("numFmt", let attributes, _):
                if let id = attributes.first(where: { $0.0 == "numFmtId" }).flatMap({ Int($0.1) }),
                   let code = attributes.first(where: { $0.0 == "formatCode" })?.1, Self.isDateFormat(code) {
                    customDateFormats.insert(id)
                }
            case .start("cellXfs", _, let selfClosing): inCellXfs = !selfClosing
            case .end("cellXfs"): inCellXfs = false
            case .start("xf", let attributes, _) where inCellXfs && styleFormats.count < Self.maxCellStyles:
                styleFormats.append(attributes.first(where: { $0.0 == "numFmtId" }).flatMap { Int($0.1) } ?? 0)
            default: break
            }
            return false
        }
        let builtIn = Set(14...22).union(27...36).union(45...47).union(50...58)
        return Set(styleFormats.indices.filter { builtIn.contains(styleFormats[$0]) || customDateFormats.contains(styleFormats[$0]) })
    }

    /// Excel's own limit of cell formats in a workbook; styles beyond it are not read.
    static let maxCellStyles = 65_490

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

    /// Streams the part at `path` (at most `limit` bytes once inflated) through the scanner into `handle`.
    private static func scan(_ archive: Archive, _ path: String, file: String, limit: Int, required: Bool,
                             _ handle: (XMLScanner.Event) throws -> Bool) throws {
        guard let entry = archive[path] else {
            if required { throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("\(path) is missing", "bagian \(path) tidak ada")) }
            return
        }
        var scanner = XMLScanner()
        do {
            try BoundedPart.extract(archive, entry, file: file, limit: limit) { chunk in
                try scanner.feed(chunk, handle)
            }
            try scanner.finish()
        } catch let error as SheetReadError {
            throw error
        } catch let error as XMLScanError {
            throw error.readError(file: file, part: path)
        } catch {
            throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("\(path) cannot be inflated", "bagian \(path) tidak dapat dibuka (didekompresi)"))
        }
    }
}
