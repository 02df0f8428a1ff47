import Foundation

/// Which part of an indicator a baseline or target is about (rincian): the whole indicator ("all"), or one group of
/// one of the splits the indicator has (`Indicator.disaggregations`) — women among the people of desil 1
/// (`sex=female`), people with a disability (`disability=with`), children under 5 (`age_band=0-4`), families headed
/// by a woman (`head_sex=female`) …
///
/// Stored and written in the API as `all` or `SPLIT=GROUP` with the catalogue's names; read also in Indonesian
/// (`jenis_kelamin=perempuan`, `sex=laki-laki`, `disabilitas=ya`, `umur=balita`).
public struct TargetSplit: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The split (`sex`, `age_band`, `disability`, `head_sex`, …) and group (`female`, `0-4`, `with`, …); both `nil` for all.
    public let split: String?
    public let group: String?

    public static let all = TargetSplit(split: nil, group: nil)

    private init(split: String?, group: String?) {
        self.split = split
        self.group = group
    }

    /// `all` or `SPLIT=GROUP`.
    public var key: String {
        guard let split, let group else { return "all" }
        return "\(split)=\(group)"
    }

    public var description: String { key }
    public var isAll: Bool { split == nil }

    public static func < (a: TargetSplit, b: TargetSplit) -> Bool {
        switch (a.isAll, b.isAll) {
        case (true, false): true
        case (false, true): false
        default: a.key < b.key
        }
    }

    /// Every rincian of `indicator`: all, then each group of each of its splits.
    public static func choices(for indicator: Indicator) -> [TargetSplit] {
        [.all] + dimensions(of: indicator).flatMap { dimension in dimension.groups.map { TargetSplit(split: dimension.name, group: $0) } }
    }

    static func dimensions(of indicator: Indicator) -> [Dimension] {
        let dimensions = indicator.subject == .people ? PersonCounts.dimensions : FamilyCounts.dimensions
        let supported = Set(indicator.disaggregations)
        return dimensions.filter { supported.contains($0.name) }
    }

    /// Reads `text` for `indicator`: empty or `all`/`semua`/`total` is all; otherwise `SPLIT=GROUP` with the
    /// catalogue's names or their Indonesian words.
    ///
    /// - Throws: `MonitoringProblem.splitUnknown` for a split the indicator does not have or a group its split does not have.
    public static func parse(_ text: String, for indicator: Indicator) throws(MonitoringProblem) -> TargetSplit {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if ["", "all", "semua", "total", "seluruh"].contains(trimmed) { return .all }
        let parts = trimmed.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
        let available = dimensions(of: indicator)
        guard parts.count == 2 else { throw .splitUnknown(String(text.prefix(60)), indicator: indicator.id, choices: choiceList(indicator)) }
        let splitWord = parts[0].replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        let candidates = Self.splitNames[splitWord] ?? [splitWord]
        guard let dimension = available.first(where: { candidates.contains($0.name) }) else {
            throw .splitUnknown(String(text.prefix(60)), indicator: indicator.id, choices: choiceList(indicator))
        }
        let groupWord = parts[1].replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "–", with: "-")
        let group = Self.groupNames[groupWord] ?? groupWord
        guard dimension.groups.contains(group) else {
            throw .splitUnknown(String(text.prefix(60)), indicator: indicator.id, choices: choiceList(indicator))
        }
        return TargetSplit(split: dimension.name, group: group)
    }

    static func choiceList(_ indicator: Indicator) -> String {
        choices(for: indicator).map(\.key).joined(separator: ", ")
    }

    /// Indonesian and short names of the splits, each to the catalogue names it may mean (the first the indicator has wins).
    static let splitNames: [String: [String]] = [
        "sex": ["sex", "head_sex"], "jenis_kelamin": ["sex", "head_sex"], "jk": ["sex", "head_sex"], "kelamin": ["sex", "head_sex"],
        "head_sex": ["head_sex"], "jk_kepala": ["head_sex"], "jenis_kelamin_kepala": ["head_sex"],
        "disability": ["disability", "member_with_disability"], "disabilitas": ["disability", "member_with_disability"],
        "member_with_disability": ["member_with_disability"], "anggota_disabilitas": ["member_with_disability"],
        "age_band": ["age_band"], "umur": ["age_band"], "kelompok_umur": ["age_band"], "usia": ["age_band"],
        "elderly_member": ["elderly_member"], "anggota_lansia": ["elderly_member"], "lansia": ["elderly_member"],
        "child_member": ["child_member"], "anggota_anak": ["child_member"], "anak": ["child_member"],
    ]

    /// Indonesian words of the groups.
    static let groupNames: [String: String] = [
        "laki-laki": "male", "lakilaki": "male", "pria": "male", "l": "male", "laki": "male",
        "perempuan": "female", "wanita": "female", "p": "female",
        "ya": "with", "dengan": "with", "ada": "with", "tidak": "without", "tanpa": "without", "tidak-ada": "without",
        "balita": "0-4", "anak": "5-17", "dewasa": "18-59", "lansia": "60+",
    ]

    /// In words for pages and files: "semua", "perempuan", "dengan disabilitas", "Balita (0–4)", "kepala keluarga perempuan" …
    public var indonesianLabel: String {
        guard let split, let group else { return "semua" }
        let yes = group == "with"
        switch split {
        case "sex": return group == "female" ? "perempuan" : "laki-laki"
        case "head_sex": return group == "female" ? "kepala keluarga perempuan" : "kepala keluarga laki-laki"
        case "disability": return yes ? "dengan disabilitas" : "tanpa disabilitas"
        case "member_with_disability": return yes ? "dengan anggota disabilitas" : "tanpa anggota disabilitas"
        case "elderly_member": return yes ? "dengan anggota lansia" : "tanpa anggota lansia"
        case "child_member": return yes ? "dengan anggota anak" : "tanpa anggota anak"
        case "age_band": return AgeBand(rawValue: group)?.label ?? group
        default: return key
        }
    }

    /// In English words for pages in English: "all", "women", "with a disability", "0-4" (the age band's key; pages
    /// name it from their catalogue), "female-headed families" …
    public var englishLabel: String {
        guard let split, let group else { return "all" }
        let yes = group == "with"
        switch split {
        case "sex": return group == "female" ? "women" : "men"
        case "head_sex": return group == "female" ? "female-headed families" : "male-headed families"
        case "disability": return yes ? "with a disability" : "without a disability"
        case "member_with_disability": return yes ? "with a member with a disability" : "without a member with a disability"
        case "elderly_member": return yes ? "with an elderly member" : "without an elderly member"
        case "child_member": return yes ? "with a child member" : "without a child member"
        case "age_band": return group
        default: return key
        }
    }
}

extension TargetSplit: Codable {
    /// Decodes the stored key without checking it against an indicator (`parse` does that where one is known).
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = TargetSplit(storedKey: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(key)
    }

    /// A key as the database stores it (`all` or `SPLIT=GROUP`), taken as it is.
    public init(storedKey: String) {
        let parts = storedKey.split(separator: "=", maxSplits: 1).map(String.init)
        self = parts.count == 2 ? TargetSplit(split: parts[0], group: parts[1]) : .all
    }
}
