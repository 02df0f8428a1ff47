import Foundation

/// The kind of aid a programme gives. Two programmes of one sector from different organisations reaching
/// the same family are duplicated aid (`CoverageRules`). Raw values are the words the generator's and
/// partners' lists use in their "jenis bantuan" column.
public enum Sector: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case cash = "tunai"
    case food = "pangan"
    case health = "kesehatan"
    case education = "pendidikan"
    case housing = "perumahan"
    case livelihoods = "pemberdayaan"
    case disability = "disabilitas"
    case elderly = "lansia"

    public var label: String {
        switch self {
        case .cash: "Bantuan tunai"
        case .food: "Pangan"
        case .health: "Kesehatan"
        case .education: "Pendidikan"
        case .housing: "Perumahan (RTLH)"
        case .livelihoods: "Pemberdayaan ekonomi"
        case .disability: "Layanan disabilitas"
        case .elderly: "Layanan lansia"
        }
    }

    /// The label in English (pages in English).
    public var englishLabel: String {
        switch self {
        case .cash: "Cash assistance"
        case .food: "Food"
        case .health: "Health"
        case .education: "Education"
        case .housing: "Housing (RTLH)"
        case .livelihoods: "Livelihoods"
        case .disability: "Disability services"
        case .elderly: "Elderly care"
        }
    }

    /// The sector `text` names: a raw value, its English name or a common spelling (`BLT`, `sembako`, `RTLH`).
    public static func parse(_ text: String) -> Sector? {
        let key = String(text.lowercased().filter { $0.isLetter })
        if let sector = allCases.first(where: { $0.rawValue == key }) { return sector }
        switch key {
        case "cash", "uang", "blt", "bantuantunai": return .cash
        case "food", "sembako", "bpnt", "bantuanpangan": return .food
        case "health", "jkn", "pbi", "jaminankesehatan": return .health
        case "education", "pip", "kip", "beasiswa": return .education
        case "housing", "rtlh", "rumah", "bedahrumah", "rutilahu": return .housing
        case "livelihoods", "livelihood", "ekonomi", "usaha", "modalusaha", "pemberdayaanekonomi": return .livelihoods
        case "disability", "difabel", "penyandangdisabilitas": return .disability
        case "elderly", "lanjutusia", "elderlycare": return .elderly
        default: return nil
        }
    }

    public static func < (lhs: Sector, rhs: Sector) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Whom a programme enrols: each person (PBI-JK, PIP) or the family through one member (PKH, BPNT, BLT-DD).
public enum ProgrammeUnit: String, Sendable, Codable, CaseIterable, Hashable {
    case person = "individu"
    case family = "keluarga"

    public var label: String { self == .person ? "Individu" : "Keluarga" }
    public var englishLabel: String { self == .person ? "Individual" : "Family" }

    public static func parse(_ text: String) -> ProgrammeUnit? {
        switch String(text.lowercased().filter { $0.isLetter }) {
        case "individu", "person", "orang", "perorangan", "jiwa", "nik": .person
        case "keluarga", "family", "kk", "rumahtangga", "ruta", "household": .family
        default: nil
        }
    }
}

/// A programme's code: what lists and reports call it (`PKH`, `BPNT`, `PBI-JK`, `ZAKAT-PRODUKTIF`).
/// Upper-case letters, digits and `-`/`_`, 2–32 characters; typed in any case.
public struct ProgrammeCode: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let value: String

    public static let maximumLength = 32

    /// `nil` for an empty code, one too long, or one with other characters.
    public init?(_ text: String) {
        let upper = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard (2...Self.maximumLength).contains(upper.count),
              upper.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }),
              upper.unicodeScalars.first.map({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) == true
        else { return nil }
        value = upper
    }

    public var description: String { value }

    public static func < (lhs: ProgrammeCode, rhs: ProgrammeCode) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = ProgrammeCode(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a programme code"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// An assistance programme of some organisation: what it gives, to whom, where, when, with what money.
public struct Programme: Sendable, Codable, Hashable {
    public var id: Int?
    public var code: ProgrammeCode
    public var name: String
    /// The organisation that runs it (by id once stored).
    public var organisationID: Int?
    public var sectors: [Sector]
    public var unit: ProgrammeUnit
    /// APBN, APBD provinsi, APBD kabupaten, Dana Desa, zakat, CSR, donor … in words.
    public var fundingSource: String
    public var start: CalendarDate
    /// `nil`: open-ended (a standing national programme).
    public var end: CalendarDate?
    /// Budget in whole rupiah for the period, when known.
    public var budget: Int?
    /// The regions it works in (any level); the province for a province-wide programme.
    public var targetRegions: [RegionCode]
    /// The eligibility rule as the programme states it.
    public var eligibility: String
    /// Where the rule is one: families in desil 1…N.
    public var maximumDesil: Int?
    /// When it was closed (no more enrolments), if it was.
    public var closedOn: CalendarDate?

    public init(id: Int? = nil, code: ProgrammeCode, name: String, organisationID: Int?, sectors: [Sector], unit: ProgrammeUnit,
                fundingSource: String = "", start: CalendarDate, end: CalendarDate? = nil, budget: Int? = nil,
                targetRegions: [RegionCode], eligibility: String = "", maximumDesil: Int? = nil, closedOn: CalendarDate? = nil) {
        self.id = id
        self.code = code
        self.name = name
        self.organisationID = organisationID
        self.sectors = sectors
        self.unit = unit
        self.fundingSource = fundingSource
        self.start = start
        self.end = end
        self.budget = budget
        self.targetRegions = targetRegions
        self.eligibility = eligibility
        self.maximumDesil = maximumDesil
        self.closedOn = closedOn
    }

    public static let maximumNameLength = 200
    public static let maximumTextLength = 2_000

    /// Whether `region` (a desa, usually) lies in one of the programme's target regions.
    public func targets(_ region: RegionCode) -> Bool {
        targetRegions.contains { $0.contains(region) }
    }

    /// Whether the programme runs on `date`: started, not ended, not closed before it.
    public func runs(on date: CalendarDate) -> Bool {
        date >= start && (end.map { date <= $0 } ?? true) && (closedOn.map { date <= $0 } ?? true)
    }

    /// Everything wrong with the programme as given, in the order a form shows it; empty when it can be saved.
    public func problems() -> [ProgrammeProblem] {
        var problems: [ProgrammeProblem] = []
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { problems.append(.nameMissing) }
        if trimmed.count > Self.maximumNameLength { problems.append(.nameTooLong(maximum: Self.maximumNameLength)) }
        if organisationID == nil { problems.append(.organisationMissing) }
        if sectors.isEmpty { problems.append(.sectorMissing) }
        if let end, end < start { problems.append(.endsBeforeStart(start: start, end: end)) }
        if let budget, budget < 0 { problems.append(.negativeBudget) }
        if targetRegions.isEmpty { problems.append(.regionMissing) }
        if let maximumDesil, !(1...10).contains(maximumDesil) { problems.append(.desilOutOfRange(maximumDesil)) }
        if fundingSource.count > Self.maximumTextLength || eligibility.count > Self.maximumTextLength {
            problems.append(.textTooLong(maximum: Self.maximumTextLength))
        }
        if let closedOn, closedOn < start { problems.append(.closedBeforeStart(start: start, closedOn: closedOn)) }
        return problems
    }
}
