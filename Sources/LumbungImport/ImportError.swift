import LumbungDomain

/// Why a whole file cannot be imported. Nothing is written when one of these is thrown.
public enum ImportError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownLayout(String)
    case noHeader(file: String, seen: [String])
    case missingColumns(file: String, layout: ImportLayout, missing: [String])
    case rowShape(file: String, row: Int, cells: Int, columns: Int)
    case badMapping(file: String, reason: String)
    case noDataRows(file: String)
    case continuedOnMoreSheets(file: String, sheets: [String])
    /// The rejects folder does not exist or cannot be written: checked before anything is read or written.
    case rejectsFolder(path: String)
    /// `--desa` names no desa/kelurahan of the region tree.
    case chosenVillage(String)
    /// A beneficiary list without a header naming a NIK, a No. KK or a name.
    case noBeneficiaryHeader(file: String)
    /// A beneficiary list of one programme imported without saying which.
    case beneficiaryProgrammeMissing(file: String)
    /// A saved mapping (template) maps headers the file no longer has.
    case templateDoesNotFit(file: String, template: String, missing: [String])
    /// The sheet chosen (its position, 1 = the first) is not in the workbook.
    case noSuchSheet(file: String, sheet: Int, sheets: [String])
    /// The import was cancelled by the one who started it, before it was written.
    case cancelled(file: String)
    /// A participant sheet (`Peserta`, `No. Peserta` …) without the programme sheet before it, imported without a programme.
    case programmeSheetMissing(file: String)
    /// A programme workbook's first sheet has problems (each with its row and key).
    case programmeSheetInvalid(file: String, sheet: String, problems: [SheetProblem])
    /// A programme workbook without a sheet listing participants.
    case participantSheetMissing(file: String, sheet: String)
    /// A programme workbook uploaded for one programme describes another.
    case workbookProgrammeMismatch(file: String, sheet: String, named: String, expected: String)

    /// One problem of a programme workbook's first sheet: its row (when the key is there), the key, and what is wrong
    /// (`nil`: the key is missing or empty).
    public struct SheetProblem: Equatable, Sendable {
        public let row: Int?
        public let key: String
        public let problem: ProgrammeProblem?

        public init(row: Int?, key: String, problem: ProgrammeProblem?) {
            self.row = row
            self.key = key
            self.problem = problem
        }

        var english: String {
            (row.map { "row \($0) (\(key)): " } ?? "\(key): ") + (problem?.description ?? "missing: write it in the cell right of the key.")
        }

        var indonesian: String {
            (row.map { "baris \($0) (\(key)): " } ?? "\(key): ") + (problem?.indonesianDescription ?? "belum diisi: tulis nilainya di sel sebelah kanan kuncinya.")
        }
    }

    public var description: String {
        switch self {
        case .unknownLayout(let name):
            "Unknown layout '\(name)': use auto, dtsen, p3ke, siksng or lumbung (or a full name such as dtsen-individu)."
        case .noHeader(let file, let seen):
            "\(file): no header row of a known layout in the first 30 rows (first cells seen: \(seen.prefix(8).joined(separator: ", "))). Choose one with --layout or map the columns with --mapping."
        case .missingColumns(let file, let layout, let missing):
            "\(file): the header lacks columns the \(layout.rawValue) layout needs: \(missing.joined(separator: ", "))."
        case .rowShape(let file, let row, let cells, let columns):
            "\(file), row \(row): \(cells) cells where the header has \(columns) columns — a stray delimiter or quote? Fix the row and import again."
        case .badMapping(let file, let reason): "The mapping file \(file) cannot be used: \(reason)."
        case .noDataRows(let file): "\(file) has a header but no data rows."
        case .rejectsFolder(let path): "The rejects folder \(path) does not exist or cannot be written: create it or choose another with --rejects. Nothing was imported."
        case .chosenVillage(let code): "--desa \(code) is not a desa/kelurahan: give its 10-digit Kemendagri code, e.g. 52.01.01.2002."
        case .noBeneficiaryHeader(let file):
            "\(file): no header row naming a NIK, No. KK or name (NIK, NOKK, NAMA …) in the first 30 rows: it is no beneficiary list Lumbung can read."
        case .beneficiaryProgrammeMissing(let file):
            "\(file) has no programme column (KODE PROGRAM): say which programme the list is for with --programme CODE."
        case .noSuchSheet(let file, let sheet, let sheets):
            "\(file) has no sheet \(sheet); its sheets are: \(sheets.joined(separator: ", "))."
        case .cancelled(let file): "\(file): the import was cancelled; nothing was written."
        case .templateDoesNotFit(let file, let template, let missing):
            "\(file): the saved mapping '\(template)' no longer fits this file: no header row in the first 30 rows has the column(s) \(missing.map { "'\($0)'" }.joined(separator: ", ")). Nothing was imported. Map the file's columns again (lumbung mapping import) or rename the columns."
        case .programmeSheetMissing(let file):
            "\(file) lists participants (Peserta, No. Peserta …) but has no programme sheet before them (name, target unit, source of funds, start and end dates as key/value rows): add that sheet first, or say which programme the list is for with --programme CODE. Nothing was imported."
        case .programmeSheetInvalid(let file, let sheet, let problems):
            "\(file), sheet \(sheet), which describes the programme: " + problems.map(\.english).joined(separator: " ") + " Nothing was imported."
        case .participantSheetMissing(let file, let sheet):
            "\(file): the sheet \(sheet) describes a programme, but no later sheet lists participants (NIK, Nama …). Nothing was imported."
        case .workbookProgrammeMismatch(let file, let sheet, let named, let expected):
            "\(file), sheet \(sheet), describes the programme \(named), not \(expected): upload it for \(named). Nothing was imported."
        case .continuedOnMoreSheets(let file, let sheets):
            "\(file) continues its table on the sheets \(sheets.joined(separator: ", ")), which this import does not read yet: save each sheet as its own .xlsx or .csv file and import those, so that no row is left out."
        }
    }

    /// The same in Bahasa Indonesia, for the web app.
    public var indonesianDescription: String {
        switch self {
        case .unknownLayout(let name): "Format '\(name)' tidak dikenal: gunakan auto, dtsen, p3ke, siksng atau lumbung."
        case .noHeader(let file, _):
            "\(file): tidak ditemukan baris judul kolom dari format yang dikenal dalam 30 baris pertama. Pilih format secara manual atau unggah berkas pemetaan kolom."
        case .missingColumns(let file, let layout, let missing):
            "\(file): kolom yang dibutuhkan format \(layout.rawValue) tidak ada: \(missing.joined(separator: ", "))."
        case .rowShape(let file, let row, let cells, let columns):
            "\(file), baris \(row): berisi \(cells) sel padahal judul kolom ada \(columns) — mungkin ada pemisah atau tanda kutip yang salah. Perbaiki baris itu lalu impor lagi."
        case .badMapping(let file, let reason): "Berkas pemetaan \(file) tidak dapat dipakai: \(reason)."
        case .noDataRows(let file): "\(file) hanya berisi judul kolom, tanpa baris data."
        case .rejectsFolder(let path): "Folder untuk baris yang ditolak (\(path)) tidak ada atau tidak dapat ditulis: buat foldernya atau pilih folder lain. Belum ada yang diimpor."
        case .chosenVillage(let code): "\(code) bukan kode desa/kelurahan: pilih desa dengan kode Kemendagri 10 digit, mis. 52.01.01.2002."
        case .noBeneficiaryHeader(let file):
            "\(file): dalam 30 baris pertama tidak ada baris judul kolom yang menyebut NIK, No. KK atau nama (NIK, NOKK, NAMA …): bukan daftar penerima yang dapat dibaca."
        case .beneficiaryProgrammeMissing(let file):
            "\(file) tidak punya kolom program (KODE PROGRAM): pilih program daftar penerima ini."
        case .noSuchSheet(let file, let sheet, let sheets):
            "\(file) tidak punya lembar ke-\(sheet); lembarnya: \(sheets.joined(separator: ", "))."
        case .cancelled(let file): "Impor \(file) dibatalkan; tidak ada data yang ditulis."
        case .templateDoesNotFit(let file, let template, let missing):
            "\(file): templat kolom '\(template)' tidak cocok lagi dengan berkas ini: dalam 30 baris pertama tidak ada baris judul yang memuat kolom \(missing.map { "'\($0)'" }.joined(separator: ", ")). Belum ada yang diimpor. Petakan ulang kolom berkas ini atau perbaiki judul kolomnya."
        case .programmeSheetMissing(let file):
            "\(file) berisi lembar peserta (Peserta, No. Peserta …) tetapi tanpa lembar program sebelumnya (nama, sasaran, sumber dana, tanggal mulai dan selesai sebagai baris kunci/nilai): tambahkan lembar itu di depan, atau pilih programnya. Belum ada yang diimpor."
        case .programmeSheetInvalid(let file, let sheet, let problems):
            "\(file), lembar \(sheet) (keterangan program): " + problems.map(\.indonesian).joined(separator: " ") + " Belum ada yang diimpor."
        case .participantSheetMissing(let file, let sheet):
            "\(file): lembar \(sheet) menjelaskan program, tetapi tidak ada lembar berikutnya yang berisi daftar peserta (NIK, Nama …). Belum ada yang diimpor."
        case .workbookProgrammeMismatch(let file, let sheet, let named, let expected):
            "\(file), lembar \(sheet), menjelaskan program \(named), bukan \(expected): unggah di halaman program \(named). Belum ada yang diimpor."
        case .continuedOnMoreSheets(let file, let sheets):
            "Tabel dalam \(file) berlanjut di lembar \(sheets.joined(separator: ", ")), yang belum dapat dibaca impor ini: simpan setiap lembar sebagai berkas .xlsx atau .csv tersendiri lalu impor berkas-berkas itu, agar tidak ada baris yang tertinggal."
        }
    }
}
