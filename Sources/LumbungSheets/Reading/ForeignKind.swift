/// What a file that is no table turned out to be, in both languages a message may need: the Indonesian page never
/// quotes an English phrase ("isinya tampak seperti a web page") again.
public enum ForeignKind: Sendable, Equatable {
    case xlsxWorkbook
    /// An OLE2 (Office 97–2003) container: an old .xls, or a protected workbook (callers decide which message fits).
    case ole
    case pdf
    case htmlWithCSVName
    case htmlWithoutTable
    case json
    case binary
    case officeDocumentNotWorkbook
    case wordDocument
    case zipWithoutWorkbook
    case textWithXLSXName
    /// An OpenDocument file of another type (its declared MIME type, at most 80 characters).
    case openDocumentNotSpreadsheet(String)

    public var english: String {
        switch self {
        case .xlsxWorkbook: "an .xlsx workbook"
        case .ole: "an Office 97–2003 file"
        case .pdf: "a PDF document"
        case .htmlWithCSVName: "a web page (HTML) saved with a .csv name"
        case .htmlWithoutTable: "a web page (HTML) without a table"
        case .json: "a JSON document"
        case .binary: "a binary file"
        case .officeDocumentNotWorkbook: "an Office 97–2003 document that is not a workbook (Word or PowerPoint?)"
        case .wordDocument: "a Word document (.docx)"
        case .zipWithoutWorkbook: "a ZIP archive that holds no workbook"
        case .textWithXLSXName: "a text file with an .xlsx name"
        case .openDocumentNotSpreadsheet(let type): "an OpenDocument file that is not a spreadsheet (\(type))"
        }
    }

    public var indonesian: String {
        switch self {
        case .xlsxWorkbook: "workbook .xlsx"
        case .ole: "berkas Office 97–2003"
        case .pdf: "dokumen PDF"
        case .htmlWithCSVName: "halaman web (HTML) yang disimpan dengan nama .csv"
        case .htmlWithoutTable: "halaman web (HTML) tanpa tabel"
        case .json: "dokumen JSON"
        case .binary: "berkas biner"
        case .officeDocumentNotWorkbook: "dokumen Office 97–2003 yang bukan workbook (Word atau PowerPoint?)"
        case .wordDocument: "dokumen Word (.docx)"
        case .zipWithoutWorkbook: "arsip ZIP yang tidak berisi workbook"
        case .textWithXLSXName: "berkas teks dengan nama .xlsx"
        case .openDocumentNotSpreadsheet(let type): "berkas OpenDocument yang bukan spreadsheet (\(type))"
        }
    }
}
