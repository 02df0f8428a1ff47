import Foundation
import LumbungDomain
import LumbungSheets

/// What a column of a beneficiary list holds, by its header (compared after `HeaderName.normalize`).
///
/// Spellings from the lists partners keep and the generator writes (`penerima-program`): `NIK`, `NOKK`, `NAMA`,
/// `KODE PROGRAM`, `NAMA PROGRAM`, `LEMBAGA`, `JENIS BANTUAN`, `TAHUN`, `KODE DESA`; distribution lists add
/// `Tanggal Terima`/`Tanggal Penyaluran`, `Jumlah`/`Nominal`, `Alamat`, and a participant number.
public enum BeneficiaryField: String, Sendable, CaseIterable, Codable {
    case programmeCode = "kode_program", programmeName = "nama_program", organisation = "lembaga", sector = "jenis_bantuan"
    case nik, kkNumber = "no_kk", name = "nama", birthPlace = "tempat_lahir", birthDate = "tanggal_lahir", address = "alamat"
    case villageCode = "kode_desa", receivedOn = "tanggal_terima", amount = "jumlah", period = "periode", participant = "no_peserta"

    public var synonyms: [String] {
        switch self {
        case .programmeCode: ["kodeprogram", "kodeprog", "kodebansos"]
        case .programmeName: ["namaprogram", "program", "namabansos"]
        case .organisation: ["lembaga", "instansi", "organisasi", "penyelenggara", "pelaksana", "lembagapelaksana"]
        case .sector: ["jenisbantuan", "sektor", "bentukbantuan", "kategoribantuan"]
        case .nik: ["nik", "noktp", "nomorindukkependudukan", "nikpenerima", "nikkpm", "nomornik", "nikpeserta"]
        case .kkNumber: ["nokk", "nomorkk", "kk", "nkk", "nomorkartukeluarga", "nokartukeluarga"]
        case .name: ["nama", "namapenerima", "namalengkap", "namakpm", "namapeserta", "namakrt", "namakepalakeluarga"]
        case .birthPlace: ["tempatlahir", "tmplahir"]
        case .birthDate: ["tanggallahir", "tgllahir", "tgllhr", "tanggallhr"]
        case .address: ["alamat", "alamatlengkap", "alamatrumah"]
        case .villageCode: ["kodedesa", "kodewilayah", "kodekemendagri", "kodedesakelurahan", "kodekemdagri"]
        case .receivedOn: ["tanggalterima", "tanggalpenyaluran", "tglsalur", "tanggalbantuan", "tanggalditerima", "tanggalpencairan", "tglterima"]
        case .amount: ["jumlah", "nominal", "jumlahbantuan", "nilaibantuan", "besaranbantuan", "jumlahrp", "nilai"]
        case .period: ["tahun", "periode", "tahap", "bulan", "tahunanggaran"]
        case .participant: ["nopeserta", "nomorpeserta", "idpeserta", "peserta"]
        }
    }

    public var label: String {
        switch self {
        case .programmeCode: "kode program"
        case .programmeName: "nama program"
        case .organisation: "lembaga"
        case .sector: "jenis bantuan"
        case .nik: "NIK"
        case .kkNumber: "No. KK"
        case .name: "nama"
        case .birthPlace: "tempat lahir"
        case .birthDate: "tanggal lahir"
        case .address: "alamat"
        case .villageCode: "kode desa"
        case .receivedOn: "tanggal terima"
        case .amount: "jumlah bantuan"
        case .period: "periode"
        case .participant: "nomor peserta"
        }
    }

    static let bySynonym: [String: BeneficiaryField] = {
        var map: [String: BeneficiaryField] = [:]
        for field in allCases { for synonym in field.synonyms where map[synonym] == nil { map[synonym] = field } }
        return map
    }()
}

/// The header of a beneficiary list: which column holds which field.
public struct BeneficiaryColumns: Sendable {
    public let headerRow: Int
    public let header: [String]
    public let columns: [BeneficiaryField: Int]

    public init(headerRow: Int, header: [String]) {
        self.headerRow = headerRow
        self.header = header
        var columns: [BeneficiaryField: Int] = [:]
        for (index, cell) in header.enumerated() {
            guard let field = BeneficiaryField.bySynonym[HeaderName.normalize(cell)], columns[field] == nil else { continue }
            columns[field] = index
        }
        self.columns = columns
    }

    init(headerRow: Int, header: [String], columns: [BeneficiaryField: Int]) {
        self.headerRow = headerRow
        self.header = header
        self.columns = columns
    }

    /// Whether the columns name someone (NIK, No. KK or a name): a list Lumbung can read.
    public var namesSomeone: Bool { columns[.nik] != nil || columns[.kkNumber] != nil || columns[.name] != nil }

    /// Whether this is a list of several programmes (a programme code per row).
    public var hasProgrammeColumn: Bool { columns[.programmeCode] != nil }

    func name(_ field: BeneficiaryField) -> String { columns[field].map { header[$0] } ?? field.label }

    /// The header row of the first 30 rows that names the most beneficiary fields (at least two, someone among them).
    /// The first sheet of `file` (in any format the import reads) that holds a beneficiary list, with its columns.
    static func locate(in file: URL) throws -> (any SheetReader, BeneficiaryColumns)? {
        try locate(in: TableScan.readers(for: file))
    }

    static func locate(in readers: [any SheetReader]) throws -> (any SheetReader, BeneficiaryColumns)? {
        for reader in readers {
            if let columns = try find(in: reader) { return (reader, columns) }
        }
        return nil
    }

    static func find(in reader: any SheetReader) throws -> BeneficiaryColumns? {
        var best: BeneficiaryColumns?
        struct Stop: Error {}
        do {
            try reader.forEachRow { row in
                if row.number > 30 { throw Stop() }
                let columns = BeneficiaryColumns(headerRow: row.number, header: row.values.map(\.text))
                if columns.columns.count >= 2, columns.namesSomeone, columns.columns.count > (best?.columns.count ?? 0) { best = columns }
            }
        } catch is Stop {}
        return best
    }

    /// Whether `file` is a list of several programmes (a `KODE PROGRAM` column beside a NIK or No. KK) or a programme
    /// workbook (`ProgrammeWorkbook`): such a file is read as beneficiaries even without `--programme`.
    public static func isProgrammeList(_ file: URL) -> Bool {
        guard let readers = try? TableScan.readers(for: file) else { return false }
        if readers.count >= 2, let keys = try? ProgrammeWorkbook.keyValues(readers[0]), ProgrammeWorkbook.describesProgramme(keys) { return true }
        guard let (_, columns) = try? locate(in: readers) else { return false }
        return columns.hasProgrammeColumn && (columns.columns[.nik] != nil || columns.columns[.kkNumber] != nil)
    }
}
