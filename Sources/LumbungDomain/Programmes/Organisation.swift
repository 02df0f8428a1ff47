import Foundation

/// What kind of body runs a programme: the parties LKKS coordinates (`shared/docs/mission.md`, "Third: coordination").
/// Raw values are the words stored and typed on the command line; ``parse(_:)`` also reads English and common spellings.
public enum OrganisationKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// Organisasi perangkat daerah: a thematic agency of the province or a kabupaten/kota (Dinas Kesehatan, Bappeda …).
    case opd
    /// Dinas Sosial of the province or a kabupaten/kota.
    case dinasSosial = "dinsos"
    /// Badan Amil Zakat Nasional (NTB or a kabupaten/kota).
    case baznas
    /// A non-governmental organisation (LSM) or community group.
    case ngo = "lsm"
    /// A university or research institute.
    case university = "perguruan_tinggi"
    /// A village government (Pemerintah Desa), e.g. for BLT Dana Desa.
    case village = "desa"
    /// A company's social responsibility programme.
    case csr
    /// A national ministry or agency (Kemensos, Kemenkes, BPJS …).
    case ministry = "kementerian"

    public var label: String {
        switch self {
        case .opd: "OPD (dinas/badan daerah)"
        case .dinasSosial: "Dinas Sosial"
        case .baznas: "BAZNAS"
        case .ngo: "LSM/organisasi masyarakat"
        case .university: "Perguruan tinggi"
        case .village: "Pemerintah desa"
        case .csr: "CSR perusahaan"
        case .ministry: "Kementerian/lembaga pusat"
        }
    }

    /// The label in English (pages in English).
    public var englishLabel: String {
        switch self {
        case .opd: "OPD (regional agency)"
        case .dinasSosial: "Dinas Sosial (social affairs office)"
        case .baznas: "BAZNAS"
        case .ngo: "NGO/community organisation"
        case .university: "University"
        case .village: "Village government"
        case .csr: "Company CSR"
        case .ministry: "Ministry/national agency"
        }
    }

    /// The kind `text` names: a raw value, its English name or a common spelling (`Dinas Sosial`, `NGO`, `universitas`).
    public static func parse(_ text: String) -> OrganisationKind? {
        let key = String(text.lowercased().filter { $0.isLetter })
        if let kind = allCases.first(where: { $0.rawValue.filter(\.isLetter) == key }) { return kind }
        switch key {
        case "dinassosial", "dinasosial", "social": return .dinasSosial
        case "ngo", "lsm", "yayasan", "ormas": return .ngo
        case "university", "universitas", "kampus", "perguruantinggi": return .university
        case "village", "pemerintahdesa", "pemdes": return .village
        case "ministry", "kementerian", "kemensos", "lembaga": return .ministry
        case "dinas", "pemda", "badan": return .opd
        case "company", "perusahaan": return .csr
        default: return nil
        }
    }

    /// The kind a name suggests ("Kementerian Sosial" a ministry, "Pemerintah Desa" a village, "BAZNAS NTB" BAZNAS,
    /// "LSM Mitra Sejahtera" an NGO …), for organisations a beneficiary list names; an OPD when nothing fits.
    public static func guess(fromName name: String) -> OrganisationKind {
        let lower = name.lowercased()
        let rules: [(String, OrganisationKind)] = [
            ("kementerian", .ministry), ("bpjs", .ministry), ("badan nasional", .ministry), ("dinas sosial", .dinasSosial), ("dinsos", .dinasSosial),
            ("baznas", .baznas), ("pemerintah desa", .village), ("pemdes", .village), ("universitas", .university), ("institut", .university),
            ("politeknik", .university), ("lsm", .ngo), ("yayasan", .ngo), ("perkumpulan", .ngo), ("csr", .csr), ("pt ", .csr), ("tbk", .csr),
        ]
        return rules.first { lower.contains($0.0) }?.1 ?? .opd
    }

    /// Every kind as the command line and forms accept it.
    public static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// A body that runs programmes: a ministry, an OPD, BAZNAS, an NGO, a university, a village, a company.
public struct Organisation: Sendable, Codable, Hashable {
    public var id: Int?
    public var name: String
    public var kind: OrganisationKind
    /// Where it works (its seat or area), when it is a regional body; `nil` for national bodies.
    public var region: RegionCode?
    /// When it was closed, if it was: it keeps its programmes and their history, but gets no new programmes.
    public var closedOn: CalendarDate?

    public init(id: Int? = nil, name: String, kind: OrganisationKind, region: RegionCode? = nil, closedOn: CalendarDate? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.region = region
        self.closedOn = closedOn
    }

    /// The region whose users manage the organisation: its own, or the province for a national body.
    public var managingRegion: RegionCode? { region ?? (try? RegionCode("52")) }

    /// Longest name accepted.
    public static let maximumNameLength = 160

    /// What is wrong with the organisation as given, nothing when it can be saved.
    public func problems() -> [ProgrammeProblem] {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return [.organisationNameMissing] }
        if trimmed.count > Self.maximumNameLength { return [.organisationNameTooLong(maximum: Self.maximumNameLength)] }
        return []
    }
}
