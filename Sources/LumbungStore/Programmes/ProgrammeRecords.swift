import LumbungDomain

/// A stored programme with its organisation and what its lists gave.
public struct ProgrammeRecord: Sendable, Codable, Equatable {
    public let programme: Programme
    public let organisation: Organisation
    /// Enrolments by how they were matched (`EnrolmentMatch` raw values).
    public var enrolmentsByMatch: [String: Int] = [:]
    /// Distinct registry families the programme reaches.
    public var familiesReached = 0

    public var enrolments: Int { enrolmentsByMatch.values.reduce(0, +) }
    public var unmatched: Int { enrolmentsByMatch[EnrolmentMatch.unmatched.rawValue] ?? 0 }

    public init(programme: Programme, organisation: Organisation) {
        self.programme = programme
        self.organisation = organisation
    }
}

/// A programme a family receives, for the family page: which, from whom, for what period, how much.
public struct FamilyProgramme: Sendable, Codable, Equatable {
    public let code: String
    public let name: String
    public let organisation: String
    public let sectors: [Sector]
    public let period: String
    public let receivedOn: CalendarDate?
    public let amount: Int?
    /// Whose enrolment it is: the person's name for a person programme, the family's otherwise.
    public let personName: String?
    public let match: EnrolmentMatch
    /// The programme's participant number (`No. Peserta`), when a list gave one.
    public let participantNumber: String?
}

/// One enrolment as a programme's page lists it (personal data: role permitting, audited).
public struct EnrolmentRecord: Sendable, Codable, Equatable {
    public let id: Int
    public let nik: String?
    public let kkNumber: String?
    public let name: String?
    public let village: String?
    public let period: String
    public let receivedOn: CalendarDate?
    public let amount: Int?
    public let match: EnrolmentMatch
    /// The registry family's desil, when matched.
    public let desil: Int?
    /// The programme's participant number (`No. Peserta`), when a list gave one.
    public let participantNumber: String?
}

/// What writing a beneficiary list did, in rows of the list.
public struct EnrolmentOutcome: Sendable, Equatable {
    public var batchID = 0
    /// Rows that made a new enrolment, by how they were matched.
    public var insertedByMatch: [EnrolmentMatch: Int] = [:]
    /// Rows whose enrolment was stored before and now matched (it was unmatched).
    public var updated = 0
    /// Rows whose enrolment was already stored as they say.
    public var unchanged = 0
    /// Rows that repeat an enrolment of an earlier row of the list (same person or family, programme and period).
    public var merged = 0
    /// Rows refused (a programme not registered, closed or not the partner's).
    public var refused: [ImportIssue] = []
    /// Warnings only the registry can give: weak matches, rows outside the programme's regions or period, no match.
    public var warnings: [ImportIssue] = []
    /// Programmes registered from the list because it named them and they were new (command line only).
    public var registeredProgrammes: [String] = []
    /// New enrolments by programme code.
    public var insertedByProgramme: [String: Int] = [:]
    /// Running enrolments this list ended (a national file's programme flag turned off).
    public var ended = 0
    /// Programmes a participant workbook changed (its first sheet describes them otherwise than registered).
    public var changedProgrammes: [String] = []

    public var inserted: Int { insertedByMatch.values.reduce(0, +) }
    public var matched: Int { insertedByMatch.filter { $0.key != .unmatched }.values.reduce(0, +) }

    public init() {}
}
