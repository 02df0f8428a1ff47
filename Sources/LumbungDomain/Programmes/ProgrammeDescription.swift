import Foundation

/// A programme as a participant workbook describes it on its first sheet (key/value rows: name, target unit, source
/// of funds, start and end dates …): what importing the workbook registers, or changes in the programme of that code.
/// Fields the sheet leaves out are `nil`/empty and keep what a registered programme has.
public struct ProgrammeDescription: Sendable, Hashable {
    public var code: ProgrammeCode
    public var name: String
    /// The organisation the sheet names (`Lembaga`, `Penyelenggara`), if it names one.
    public var organisation: String?
    public var sectors: [Sector]
    public var unit: ProgrammeUnit
    public var fundingSource: String?
    public var start: CalendarDate
    public var end: CalendarDate?
    public var budget: Int?
    public var targetRegions: [RegionCode]
    public var eligibility: String?
    public var maximumDesil: Int?

    public init(code: ProgrammeCode, name: String, organisation: String? = nil, sectors: [Sector] = [], unit: ProgrammeUnit,
                fundingSource: String? = nil, start: CalendarDate, end: CalendarDate? = nil, budget: Int? = nil,
                targetRegions: [RegionCode] = [], eligibility: String? = nil, maximumDesil: Int? = nil) {
        self.code = code
        self.name = name
        self.organisation = organisation
        self.sectors = sectors
        self.unit = unit
        self.fundingSource = fundingSource
        self.start = start
        self.end = end
        self.budget = budget
        self.targetRegions = targetRegions
        self.eligibility = eligibility
        self.maximumDesil = maximumDesil
    }

    /// The programme this description makes: `existing` changed by what the sheet says, or a new programme of
    /// `organisationID` working in `defaultRegion` when the sheet names no target regions. Check it with `problems()`.
    public func programme(organisationID: Int, existing: Programme?, defaultRegion: RegionCode) -> Programme {
        var programme = existing ?? Programme(code: code, name: name, organisationID: organisationID, sectors: [], unit: unit,
                                              start: start, targetRegions: [defaultRegion])
        programme.name = name
        programme.organisationID = organisationID
        programme.unit = unit
        programme.start = start
        programme.end = end
        if !sectors.isEmpty { programme.sectors = sectors }
        if programme.sectors.isEmpty, let guessed = Self.sector(fromName: name) { programme.sectors = [guessed] }
        if let fundingSource { programme.fundingSource = fundingSource }
        if let budget { programme.budget = budget }
        if !targetRegions.isEmpty { programme.targetRegions = targetRegions }
        if let eligibility { programme.eligibility = eligibility }
        if let maximumDesil { programme.maximumDesil = maximumDesil }
        return programme
    }

    /// The sector a programme's name suggests ("Bantuan Lansia Tunggal" → lansia, "Beasiswa Miskin" → pendidikan).
    public static func sector(fromName name: String) -> Sector? {
        for word in name.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            if let sector = Sector.parse(String(word)) { return sector }
        }
        return nil
    }

    /// A programme code made of a name, for a sheet that gives none: upper case, words joined by `-`, at most
    /// 32 characters ("Bantuan Lansia Tunggal 2025" → `BANTUAN-LANSIA-TUNGGAL-2025`). `nil` when the name has no
    /// letters or digits.
    public static func code(fromName name: String) -> ProgrammeCode? {
        let words = name.uppercased().split { !(("A"..."Z").contains($0) || ("0"..."9").contains($0)) }
        var code = ""
        for word in words {
            let next = code.isEmpty ? String(word) : code + "-" + word
            if next.count > ProgrammeCode.maximumLength { break }
            code = next
        }
        if code.isEmpty, let first = words.first { code = String(first.prefix(ProgrammeCode.maximumLength)) }
        return ProgrammeCode(code)
    }
}
