import LumbungDomain
import LumbungReference
import LumbungSheets

/// The file layouts the generator writes, as the national sources export them.
public enum SynthLayout: String, Sendable, CaseIterable, Codable, Comparable {
    /// DTSEN/Regsosek style: every family (`dtsen-keluarga`) and person (`dtsen-individu`) with desil,
    /// housing, disability, schooling and health insurance in Regsosek/Dukcapil codes.
    case dtsen
    /// P3KE: families in desil 1–4 (`p3ke-keluarga`) and their members (`p3ke-individu`), with
    /// human headers, a title block above the header and labels instead of codes.
    case p3ke
    /// SIKS-NG usulan: people proposed by their village for a programme (`siksng-usulan`), `;`-separated.
    case siksng
    /// Programme enrolments (`penerima-program`): who receives what from which agency.
    case programs
    /// A DTKS/DTSEN "ART" extract (`dtsen-art`): one row per person with the family's columns (No. KK, kode desa
    /// with or without dots, address, desil, housing) repeated on every row and no family file; Dukcapil labels
    /// and codes mixed, in mixed case.
    case dtsenART = "dtsen-art"
    /// A village-system population export (`desa-penduduk-<kode desa>`), one file per desa, without region columns,
    /// all cells text, codes only, dead and moved people marked by `status_dasar`, ending at a `###` row.
    case desaPenduduk = "desa-penduduk"
    /// A BDT-2015-style ART sheet (`bdt2015`): BPS codes split over `KDPROP`/`KDKAB`/`KDKEC`/`KDDESA`, a row of
    /// column numbers under the header, `Hub_KRT` in Regsosek's 8 codes, an age without birth date on some rows,
    /// `percentile` for welfare.
    case bdt2015
    /// A Regsosek-2022-style workbook (`regsosek`): one family over four sheets joined by `id_keluarga` and
    /// `no_kk`, question codes as headers, birth dates as Excel serial numbers or dd-mm-yyyy, some KKs damaged by Excel.
    case regsosek

    /// The layouts `--layout all` and the default options write: the four the generator always wrote.
    public static let standard: [SynthLayout] = [.dtsen, .p3ke, .siksng, .programs]
    /// The per-person shapes seen in the field (`--layout field`): each the same population in another shape.
    public static let field: [SynthLayout] = [.dtsenART, .desaPenduduk, .bdt2015, .regsosek]

    public static func < (lhs: SynthLayout, rhs: SynthLayout) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The file format of the generated tables.
public enum SynthFormat: String, Sendable, CaseIterable, Codable {
    case csv
    case xlsx
    /// OpenDocument (LibreOffice); a sheet over 1,048,576 rows continues on the next.
    case ods
    /// Excel 97–2003 (BIFF8); a sheet over 65,536 rows continues on the next.
    case xls

    /// The workbook format, `nil` for CSV. Workbooks hold typed cells: numbers (a NIK Excel turned into one), dates.
    public var workbook: WorkbookFormat? {
        switch self {
        case .csv: nil
        case .xlsx: .xlsx
        case .ods: .ods
        case .xls: .xls
        }
    }

    public var isWorkbook: Bool { workbook != nil }
}

/// Everything that decides what the generator writes; the same options give the same bytes.
public struct GeneratorOptions: Sendable {
    /// 1 is the whole province (≈ 5.75 million people, the Dukcapil 2024 count); smaller keeps every
    /// region with fewer people.
    public var scale: Double
    public var seed: UInt64
    public var format: SynthFormat
    public var layouts: Set<SynthLayout>
    /// The date ages are counted on and the data is "as of".
    public var asOf: CalendarDate
    public var faultRates: FaultRates
    /// Kabupaten/kota generated at once (each writes its own files).
    public var parallelism: Int
    /// A scale of its own for some kabupaten/kota (`52.03` → 1: Lombok Timur at full size), the others at `scale`.
    public var regionScales: [RegionCode: Double] = [:]
    /// The `dtsen` files as a partner sends them: every header renamed to the partner's own words (none Lumbung knows),
    /// two extra columns, and beside each file the mapping that reads it (`<file>.kolom.json`, for `lumbung import --mapping`).
    public var partnerColumns = false
    /// Which yearly release to write: 1 is the province on `asOf`, N the same province N − 1 years later (the same
    /// people aged, births, deaths, marriages, moves, desil changes and programme changes; see `ReleaseChain`).
    public var release = 1

    /// The largest release accepted.
    public static let maximumRelease = 30

    /// The largest scale accepted: 50 × NTB is about the national registry.
    public static let maximumScale = 50.0

    public init(scale: Double = 0.01, seed: UInt64 = 1, format: SynthFormat = .csv, layouts: Set<SynthLayout> = Set(SynthLayout.standard),
                asOf: CalendarDate = CalendarDate(year: 2025, month: 6, day: 30)!, faultRates: FaultRates = .standard, parallelism: Int = 2) {
        self.scale = scale
        self.seed = seed
        self.format = format
        self.layouts = layouts
        self.asOf = asOf
        self.faultRates = faultRates
        self.parallelism = parallelism
    }

    /// The province of `lumbung demo`: Lombok Timur (52.03), the kabupaten of the demo operator and partner, at 30 % of
    /// its people (its median desa then holds over 300 families, as real ones do, and the demo still starts in under a
    /// minute), every other kabupaten/kota at 2 % (enough for the province's maps), DTSEN files only.
    public static let demo: GeneratorOptions = {
        var options = GeneratorOptions(scale: 0.02, layouts: [.dtsen])
        options.regionScales = (try? RegionCode("52.03")).map { [$0: 0.3] } ?? [:]
        return options
    }()

    /// The data date of release `number`: `asOf` plus `number − 1` years (29 February falls to the 28th).
    public func dataDate(release number: Int) -> CalendarDate {
        let year = asOf.year + number - 1
        return CalendarDate(year: year, month: asOf.month, day: min(asOf.day, CalendarDate.daysIn(month: asOf.month, year: year))) ?? asOf
    }

    /// The data date of the release written.
    public var dataDate: CalendarDate { dataDate(release: release) }

    /// The kabupaten/kota of NTB, the codes a region scale may name.
    public static func regencyCodes() throws -> Set<RegionCode> {
        Set(try ReferenceData.regions().map(\.code).filter { $0.depth == 2 })
    }

    /// The share of `regency` generated: its own scale if it has one, else `scale`.
    public func scale(of regency: RegionCode) -> Double {
        regionScales[regency] ?? scale
    }

    /// Checks the options before any file is touched.
    public func validate() throws(GeneratorError) {
        guard scale.isFinite, scale > 0 else { throw .badScale(scale) }
        guard scale <= Self.maximumScale else { throw .badScale(scale) }
        for (code, share) in regionScales {
            guard code.depth == 2 else { throw .unknownRegency(code.dotted) }
            guard share.isFinite, share > 0, share <= Self.maximumScale else { throw .badScale(share) }
        }
        guard (1...Self.maximumRelease).contains(release) else { throw .badRelease(release) }
        guard !layouts.isEmpty else { throw .noLayout }
        try faultRates.validate()
    }
}
