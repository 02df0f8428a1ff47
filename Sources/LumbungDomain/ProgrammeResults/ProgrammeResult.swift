/// A programme's output target for one region and year (issue 16 item 4): how many families (or people, by the
/// programme's unit) it means to reach there, and — when the organisation reports it rather than Lumbung counting it
/// from the enrolments — the realisation it entered.
public struct ProgrammeTarget: Sendable, Equatable, Codable {
    public let programme: String
    public let region: RegionCode
    public let year: Int
    public let target: Int
    /// Entered by hand (`nil`: counted from the enrolments of the year).
    public let entered: Int?

    public init(programme: String, region: RegionCode, year: Int, target: Int, entered: Int? = nil) {
        self.programme = programme
        self.region = region
        self.year = year
        self.target = target
        self.entered = entered
    }

    /// Problems of the target as given: a year out of range, a negative figure.
    public var problems: [MonitoringProblem] {
        var problems: [MonitoringProblem] = []
        if !TargetYear.range.contains(year) { problems.append(.yearOutOfRange(year)) }
        if target < 0 { problems.append(.valueNegative(Double(target))) }
        if let entered, entered < 0 { problems.append(.valueNegative(Double(entered))) }
        return problems
    }
}

/// Progress of a programme in one region and year: target, realisasi (entered, or counted from the enrolments of the
/// year) and capaian — higher is better (`Achievement`), graded by score bands.
public struct ProgrammeResult: Sendable, Equatable, Encodable {
    public enum Source: String, Sendable, Encodable { case enrolments = "pendaftaran", entered = "dilaporkan" }

    public let region: String
    public let name: String
    public let year: Int
    public let target: Int
    /// `nil` when withheld for a role that may not see small counts.
    public let realisation: Int?
    public let source: Source
    public let capaian: Double?
    public let band: String?

    /// - Parameters:
    ///   - counted: the families (or people) the programme's enrolments of the year reach in the region.
    ///   - restricted: for partners and viewers, a counted realisation of 1–4 is withheld, and so its capaian.
    public init(_ target: ProgrammeTarget, name: String, counted: Int, restricted: Bool, bands: ScoreBands = .standard) {
        region = target.region.dotted
        self.name = name
        year = target.year
        self.target = target.target
        let value = target.entered ?? counted
        source = target.entered == nil ? .enrolments : .entered
        let hidden = restricted && target.entered == nil && CellSuppression.suppresses(value)
        realisation = hidden ? nil : value
        capaian = hidden ? nil : Achievement.percent(realisation: Double(value), target: Double(target.target), direction: .higherIsBetter)
        band = capaian.map { bands.band(of: $0).name }
    }
}
