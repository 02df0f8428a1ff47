/// The data-quality faults the generator injects into person rows, each at its own rate (a
/// fraction of person rows). The defaults are small, plausible shares of what real exports hold.
///
/// | fault | default | what the row shows | what an import must do |
/// |---|---|---|---|
/// | `invalidNIK` | 0.2 % | a NIK of 17 digits, or with day 35 or month 13 | reject the row (error) |
/// | `excelScientificNIK` | 0.1 % | `5.20301E+15` | reject, explaining the Excel fix |
/// | `excelFifteenDigitNIK` | 0.1 % | the first 15 digits | reject, explaining the Excel fix |
/// | `missingNIK` | 0.3 % | a blank NIK | keep, flagged for verification |
/// | `sexMismatch` | 0.3 % | sex column contradicts the NIK | keep with a warning |
/// | `birthDateMismatch` | 0.3 % | birth date 1–3 years off the NIK | keep with a warning |
/// | `impossibleDate` | 0.1 % | a birth date such as 31/02/1990 | reject |
/// | `blankName` | 0.1 % | an empty name | reject |
/// | `unknownRegion` | 0.2 % | a desa name that does not exist in its kecamatan (SIKS-NG only) | reject, naming the candidates |
/// | `duplicatePerson` | 0.2 % | the person again, same NIK, a typo in the name | merge into one record |
/// | `excelFifteenDigitKK` | 0.5 % of families | the No. KK as a number cell cut to 15 significant digits on every row of the family (`regsosek` only) | reject the family's rows, explaining the Excel fix |
public struct FaultRates: Sendable, Codable, Equatable {
    public var invalidNIK = 0.002
    public var excelScientificNIK = 0.001
    public var excelFifteenDigitNIK = 0.001
    public var missingNIK = 0.003
    public var sexMismatch = 0.003
    public var birthDateMismatch = 0.003
    public var impossibleDate = 0.001
    public var blankName = 0.001
    public var unknownRegion = 0.002
    public var duplicatePerson = 0.002
    /// A share of families, not of person rows: only layouts that carry the KK as a number (`regsosek`) draw it.
    public var excelFifteenDigitKK = 0.005

    public init() {}

    public static let standard = FaultRates()

    /// No faults at all: clean files.
    public static let none: FaultRates = {
        var rates = FaultRates()
        for kind in FaultKind.allCases { rates[kind] = 0 }
        return rates
    }()

    public subscript(kind: FaultKind) -> Double {
        get {
            switch kind {
            case .invalidNIK: invalidNIK
            case .excelScientificNIK: excelScientificNIK
            case .excelFifteenDigitNIK: excelFifteenDigitNIK
            case .missingNIK: missingNIK
            case .sexMismatch: sexMismatch
            case .birthDateMismatch: birthDateMismatch
            case .impossibleDate: impossibleDate
            case .blankName: blankName
            case .unknownRegion: unknownRegion
            case .duplicatePerson: duplicatePerson
            case .excelFifteenDigitKK: excelFifteenDigitKK
            }
        }
        set {
            switch kind {
            case .invalidNIK: invalidNIK = newValue
            case .excelScientificNIK: excelScientificNIK = newValue
            case .excelFifteenDigitNIK: excelFifteenDigitNIK = newValue
            case .missingNIK: missingNIK = newValue
            case .sexMismatch: sexMismatch = newValue
            case .birthDateMismatch: birthDateMismatch = newValue
            case .impossibleDate: impossibleDate = newValue
            case .blankName: blankName = newValue
            case .unknownRegion: unknownRegion = newValue
            case .duplicatePerson: duplicatePerson = newValue
            case .excelFifteenDigitKK: excelFifteenDigitKK = newValue
            }
        }
    }

    /// Multiplies every rate (the CLI's `--fault-scale`).
    public func scaled(by factor: Double) -> FaultRates {
        var rates = self
        for kind in FaultKind.allCases { rates[kind] = self[kind] * factor }
        return rates
    }

    func validate() throws(GeneratorError) {
        let total = FaultKind.allCases.filter(\.isPersonRowFault).reduce(0) { $0 + self[$1] }
        for kind in FaultKind.allCases where !(0...1).contains(self[kind]) { throw .badFaultRate(kind.rawValue) }
        guard total <= 0.5 else { throw .badFaultRate("total") }
    }
}

/// One kind of injected fault.
public enum FaultKind: String, Sendable, Codable, CaseIterable {
    case invalidNIK = "invalid_nik"
    case excelScientificNIK = "excel_scientific_nik"
    case excelFifteenDigitNIK = "excel_15_digit_nik"
    case missingNIK = "missing_nik"
    case sexMismatch = "sex_mismatch"
    case birthDateMismatch = "birth_date_mismatch"
    case impossibleDate = "impossible_date"
    case blankName = "blank_name"
    case unknownRegion = "unknown_region"
    case duplicatePerson = "duplicate_person"
    /// A family's No. KK stored as a number and cut to 15 significant digits (a family-level fault).
    case excelFifteenDigitKK = "excel_15_digit_kk"

    /// Faults drawn per person row (the KK fault is drawn per family).
    public var isPersonRowFault: Bool { self != .excelFifteenDigitKK }

    /// What a correct import does with the row.
    public var severity: FaultSeverity {
        switch self {
        case .invalidNIK, .excelScientificNIK, .excelFifteenDigitNIK, .impossibleDate, .blankName, .unknownRegion, .excelFifteenDigitKK: .error
        case .missingNIK, .sexMismatch, .birthDateMismatch: .warning
        case .duplicatePerson: .duplicate
        }
    }
}

/// How an import must treat a faulty row.
public enum FaultSeverity: String, Sendable, Codable {
    /// The row is rejected with its reason.
    case error
    /// The row is kept and flagged.
    case warning
    /// The row repeats a person already in the file and merges into them.
    case duplicate
}

/// Why the generator cannot run.
public enum GeneratorError: Error, Equatable, CustomStringConvertible {
    case badScale(Double)
    case noLayout
    case badFaultRate(String)
    case outputNotEmpty(path: String)
    case outputNotWritable(path: String, reason: String)
    case unknownLayout(String)
    /// A region scale given for a code that is not a kabupaten/kota of NTB.
    case unknownRegency(String)
    /// A release number below 1 or above `GeneratorOptions.maximumRelease`.
    case badRelease(Int)

    public var description: String {
        switch self {
        case .badScale(let scale):
            "Scale \(scale) is not usable: give a number above 0 and at most \(GeneratorOptions.maximumScale) (1 is the whole province)."
        case .noLayout: "No layout chosen: use --layout all, field, or one or more of \(SynthLayout.allCases.map(\.rawValue).joined(separator: ", "))."
        case .badFaultRate(let kind): "The fault rate '\(kind)' must be between 0 and 1, and all rates together at most 0.5."
        case .outputNotEmpty(let path): "The output folder \(path) already holds files: choose a new or empty folder."
        case .outputNotWritable(let path, let reason): "Cannot write to \(path): \(reason)."
        case .unknownRegency(let code): "'\(code)' is not a kabupaten/kota of NTB: give a code such as 52.03 (Lombok Timur), e.g. --region-scale 52.03=1."
        case .badRelease(let number): "Release \(number) is not usable: give a number from 1 (the first release) to \(GeneratorOptions.maximumRelease)."
        case .unknownLayout(let name): "Unknown layout '\(name)': use all, field, every, or \(SynthLayout.allCases.map(\.rawValue).joined(separator: ", "))."
        }
    }
}
