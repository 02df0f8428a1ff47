import Foundation

/// One row of a beneficiary list, read and checked (`LumbungImport`), ready to be matched to the registry
/// and kept as an enrolment (`LumbungStore`).
public struct BeneficiaryEntry: Sendable, Hashable {
    /// The row's number in its file (its id in the import, for issues and the rejects file).
    public let row: Int
    /// The programme the row names (a list of several programmes has a programme column); `nil`: the
    /// programme the import was given.
    public var programme: ProgrammeCode?
    /// 16 digits, checked.
    public var nik: String?
    public var kkNumber: String?
    public var name: String?
    public var birthDate: CalendarDate?
    public var address: String?
    /// The desa the list places the row in.
    public var village: RegionCode?
    public var receivedOn: CalendarDate?
    /// Rupiah.
    public var amount: Int?
    /// The period the row is for ("2025", a month …), as the list says; empty when it says none.
    public var period: String
    /// What a list of several programmes says of the row's programme (name, organisation, kind of aid), so a
    /// programme it names that is not registered yet can be registered from it (command line only).
    public var listed: ListedProgramme?

    /// A programme as a list of several programmes describes it.
    public struct ListedProgramme: Sendable, Hashable {
        public let name: String
        public let organisation: String
        public let sector: Sector?

        public init(name: String, organisation: String, sector: Sector?) {
            self.name = name
            self.organisation = organisation
            self.sector = sector
        }
    }

    public init(row: Int, programme: ProgrammeCode? = nil, nik: String? = nil, kkNumber: String? = nil, name: String? = nil,
                birthDate: CalendarDate? = nil, address: String? = nil, village: RegionCode? = nil, receivedOn: CalendarDate? = nil,
                amount: Int? = nil, period: String = "", listed: ListedProgramme? = nil) {
        self.row = row
        self.programme = programme
        self.nik = nik
        self.kkNumber = kkNumber
        self.name = name
        self.birthDate = birthDate
        self.address = address
        self.village = village
        self.receivedOn = receivedOn
        self.amount = amount
        self.period = period
        self.listed = listed
    }

    /// A name as lists compare it: upper case, single spaces, no punctuation ("Baiq  Nurul," = "BAIQ NURUL").
    public static func comparableName(_ name: String) -> String {
        name.uppercased().split { !($0.isLetter || $0.isNumber) }.joined(separator: " ")
    }

    /// What identifies the enrolment within its programme and period, so the same list twice enrols no one
    /// twice: for a family programme the No. KK, for a person programme the NIK; else whatever the row has
    /// (NIK, No. KK with the name, or name, birth date and desa). `nil` when the row identifies no one.
    public func enrolmentKey(unit: ProgrammeUnit) -> String? {
        let name = self.name.map(Self.comparableName).flatMap { $0.isEmpty ? nil : $0 }
        switch unit {
        case .family:
            if let kkNumber { return "kk:" + kkNumber }
            if let nik { return "nik:" + nik }
        case .person:
            if let nik { return "nik:" + nik }
            if let kkNumber, let name { return "kk:" + kkNumber + ":" + name }
        }
        guard let name else { return nil }
        return "nama:" + name + ":" + (birthDate?.description ?? "") + ":" + (village?.dotted ?? "")
    }
}

/// How an enrolment was tied to the registry: by NIK, by No. KK, by name and birth date within the desa (a
/// weaker match, shown as such), or not at all (kept, counted and listed as unmatched).
public enum EnrolmentMatch: String, Sendable, Codable, CaseIterable, Hashable {
    case nik
    case kk
    case nameAndBirthDate = "name_birth"
    case unmatched

    public var label: String {
        switch self {
        case .nik: "NIK"
        case .kk: "No. KK"
        case .nameAndBirthDate: "nama + tanggal lahir di desa (lemah)"
        case .unmatched: "tidak ditemukan di registri"
        }
    }

    /// The label in English (pages in English).
    public var englishLabel: String {
        switch self {
        case .nik: "NIK"
        case .kk: "Family card no. (KK)"
        case .nameAndBirthDate: "name + date of birth in the village (weak)"
        case .unmatched: "not found in the registry"
        }
    }
}

/// One enrolment per programme and family (per person for a person programme), whichever key a source found it by:
/// a P3KE flag keyed by the head's NIK and a PKH list keyed by No. KK name the same enrolment once both are matched
/// to the same registry family. A stored enrolment takes a later source's row when their periods agree — the same
/// period, or one of them names none (a flag says "receives", not when).
public enum EnrolmentContinuation {
    /// Whether a row for `listed` continues a stored enrolment for `stored` of the same programme and family.
    public static func continues(stored: String, listed: String) -> Bool {
        stored == listed || stored.isEmpty || listed.isEmpty
    }

    /// The period the enrolment has after the row: the one that names a period.
    public static func period(stored: String, listed: String) -> String {
        stored.isEmpty ? listed : stored
    }
}
