import Foundation
import ZIPFoundation

/// What a file really is, told by its content and never by its name: partners send .ods files, old .xls
/// workbooks, web pages saved as ".xls", CSV in UTF-16. `readers(for:)` is the one way in: it opens the
/// right reader for every sheet. A password-protected workbook or one older than Excel 97 is refused here
/// with a message that says how to save it readable.
public enum SheetFormat: String, Sendable, Equatable, CaseIterable {
    /// Office Open XML workbook: a ZIP package with xl/workbook.xml.
    case xlsx
    /// OpenDocument spreadsheet: a ZIP package whose `mimetype` says so.
    case ods
    /// Excel 97–2003 (BIFF8) in a compound file.
    case xls
    /// A web page whose first table is the data (often saved with an .xls or .xlsx name).
    case html
    /// Text: CSV or tab-separated, in UTF-8, Windows-1252 or UTF-16 with a byte-order mark.
    case csv

    static let odsMimeType = "application/vnd.oasis.opendocument.spreadsheet"

    /// The format of the file at `url`, from its first bytes (and, for a ZIP package or a compound file,
    /// from what it holds). Throws when the file is empty, unreadable, or something no reader takes.
    public static func detect(_ url: URL) throws -> SheetFormat {
        let file = url.lastPathComponent
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw SheetReadError.unreadable(file: file, reason: .cannotOpen)
        }
        let head = Array((try? handle.read(upToCount: 1024)) ?? Data())
        try? handle.close()
        guard !head.isEmpty else { throw SheetReadError.empty(file: file) }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return try package(url, file: file)
        }
        if head.starts(with: CompoundFile.signature) {
            let container = try CompoundFile(url: url, file: file)
            if container.stream(named: "EncryptionInfo") != nil || container.stream(named: "EncryptedPackage") != nil {
                throw SheetReadError.passwordProtected(file: file)
            }
            if container.stream(named: "Workbook") != nil { return .xls }
            if container.stream(named: "Book") != nil { throw SheetReadError.tooOldFormat(file: file, format: "Excel 5.0/95 (BIFF5)") }
            throw SheetReadError.notATable(file: file, looksLike: .officeDocumentNotWorkbook)
        }
        // A bare BIFF2–4 worksheet (Excel 2.x–4.0) starts with its BOF record: type, then length 4, 6 or 8.
        if head.count >= 4, BIFF.oldBOFs.contains(head.u16(0)), [4, 6, 8].contains(head.u16(2)) {
            throw SheetReadError.tooOldFormat(file: file, format: "Excel 2.x–4.0 (BIFF2–4)")
        }
        if isHTML(head) { return .html }
        return .csv
    }

    /// Whether the text starts (after a byte-order mark and blanks) with `<html`, `<table`, `<!DOCTYPE html`
    /// or another start of a web page; UTF-16 text is looked at as such.
    static func isHTML(_ head: [UInt8]) -> Bool {
        var bytes = head
        if let bigEndian = TextSniffer.utf16ByteOrder(head) {
            var transcoder = UTF16Transcoder(bigEndian: bigEndian)
            bytes = transcoder.transcode(head.dropFirst(2))
        }
        let start = bytes.drop { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF || $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let lower = String(decoding: start.prefix(64), as: UTF8.self).lowercased()
        return ["<!doctype html", "<html", "<table", "<head", "<body", "<meta"].contains { lower.hasPrefix($0) }
    }

    /// A ZIP package: an .xlsx, an .ods, or something else zipped.
    private static func package(_ url: URL, file: String) throws -> SheetFormat {
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw SheetReadError.damagedWorkbook(file: file, detail: BilingualText("the ZIP container cannot be opened", "wadah ZIP-nya tidak dapat dibuka"))
        }
        if archive["xl/workbook.xml"] != nil { return .xlsx }
        if let entry = archive["mimetype"] {
            var bytes = Data()
            try BoundedPart.extract(archive, entry, file: file, limit: 256) { bytes.append($0) }
            let type = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if type == odsMimeType { return .ods }
            throw SheetReadError.notATable(file: file, looksLike: .openDocumentNotSpreadsheet(String(type.prefix(80))))
        }
        if archive["word/document.xml"] != nil { throw SheetReadError.notATable(file: file, looksLike: .wordDocument) }
        throw SheetReadError.notATable(file: file, looksLike: .zipWithoutWorkbook)
    }

    /// One reader per sheet of the file at `url`, in workbook order (one for CSV and HTML).
    public static func readers(for url: URL, limits: XLSXLimits = .standard) throws -> [any SheetReader] {
        switch try detect(url) {
        case .xlsx:
            let first = try XLSXSheetReader(url: url, limits: limits)
            guard first.sheetNames.count > 1 else { return [first] }
            return try [first] + (1..<first.sheetNames.count).map { try XLSXSheetReader(url: url, sheet: $0, limits: limits) }
        case .ods:
            let workbook = try ODSWorkbook(url: url, limits: limits)
            return try workbook.sheetNames.indices.map { try ODSSheetReader(workbook: workbook, sheet: $0) }
        case .xls:
            let workbook = try XLSWorkbook(url: url, limits: limits)
            return try workbook.sheetNames.indices.map { try XLSSheetReader(workbook: workbook, sheet: $0) }
        case .html:
            return [try HTMLTableReader(url: url)]
        case .csv:
            return [try CSVSheetReader(url: url)]
        }
    }
}
