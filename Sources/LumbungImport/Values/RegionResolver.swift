import LumbungDomain

/// Places a row in its desa/kelurahan, from a Kemendagri code, a BPS code (through the crosswalk) or
/// from names matched within their parent (case, spaces and "Kab."/"Kabupaten"/"Kota" prefixes ignored).
public struct RegionResolver: Sendable {
    private let tree: RegionTree
    private let bpsCodes: [String: RegionCode]
    private let province: RegionCode

    public init(tree: RegionTree, bpsCodes: [String: RegionCode]) {
        self.tree = tree
        self.bpsCodes = bpsCodes
        self.province = tree.roots.first?.code ?? (try! RegionCode("52"))
    }

    /// Why a row could not be placed; the message names the candidates.
    public enum Problem: Error, Equatable, Sendable {
        case unknownCode(String)
        case notAVillage(String)
        case unknownName(level: RegionLevel, name: String, within: String, candidates: [String])
        case ambiguous(level: RegionLevel, name: String, candidates: [String])

        public var code: String {
            switch self {
            case .unknownCode: "region_code_unknown"
            case .notAVillage: "region_code_not_village"
            case .unknownName: "region_name_unknown"
            case .ambiguous: "region_name_ambiguous"
            }
        }

        public var message: String {
            switch self {
            case .unknownCode(let code):
                "Kode wilayah \(code) tidak ada dalam daftar Kemendagri maupun tabel padanan kode BPS."
            case .notAVillage(let code): "Kode \(code) bukan kode desa/kelurahan (harus 10 digit)."
            case .unknownName(let level, let name, let within, let candidates):
                "\(level.label) '\(name)' tidak ditemukan di \(within)" + (candidates.isEmpty ? "." : "; mungkin maksudnya: \(candidates.joined(separator: ", ")).")
            case .ambiguous(let level, let name, let candidates):
                "\(level.label) '\(name)' cocok dengan lebih dari satu wilayah: \(candidates.joined(separator: ", ")). Tulis nama kecamatannya juga."
            }
        }
    }

    /// The village of a 10-digit code, Kemendagri (dotted or not) or BPS.
    public func village(code text: String) -> Result<RegionCode, Problem> {
        let compact = text.filter { $0 != "." && $0 != " " }
        if let code = try? RegionCode(text), tree[code] != nil {
            return code.depth == 4 ? .success(code) : .failure(.notAVillage(text))
        }
        if let code = bpsCodes[compact] {
            return code.depth == 4 ? .success(code) : .failure(.notAVillage(text))
        }
        return .failure(.unknownCode(text))
    }

    /// The region of a code at any level (kabupaten, kecamatan, desa): Kemendagri (dotted or not) or BPS through the crosswalk.
    /// With `bpsOnly` (a column named as BPS codes) the crosswalk alone is asked.
    public func region(code text: String, bpsOnly: Bool = false) -> Result<RegionCode, Problem> {
        let compact = text.filter { $0 != "." && $0 != " " && $0 != "-" }
        if bpsOnly { return bpsCodes[compact].map { .success($0) } ?? .failure(.unknownCode(text)) }
        if let code = try? RegionCode(text), tree[code] != nil { return .success(code) }
        if compact.count == 10, compact.allSatisfy(\.isASCIIDigit), let code = try? RegionCode(compact), tree[code] != nil { return .success(code) }
        if let code = bpsCodes[compact] { return .success(code) }
        return .failure(.unknownCode(text))
    }

    /// The region named by the deepest of the names given (a kabupaten, a kecamatan within it, a desa within that),
    /// matched as `village(province:regency:district:village:)` matches; `nil` names are skipped.
    public func region(regency: String?, district: String?, village: String?) -> Result<RegionCode, Problem> {
        var parents: [Region] = tree[province].map { [$0] } ?? []
        var deepest: (level: RegionLevel, name: String)?
        let levels = [(RegionLevel.kabupaten, regency), (.kecamatan, district), (.desa, village)]
        let depth = (levels.lastIndex { $0.1 != nil } ?? -1) + 1
        for (level, name) in levels.prefix(depth) {
            let candidates = parents.flatMap { tree.children(of: $0.code) }
            guard let name else {
                parents = candidates
                continue
            }
            switch matches(name, among: candidates, level: level, within: parents) {
            case .success(let found): parents = found; deepest = (level, name)
            case .failure(let problem): return .failure(problem)
            }
        }
        guard let deepest else { return .failure(.unknownName(level: .desa, name: "", within: "baris ini", candidates: [])) }
        guard parents.count == 1 else {
            return .failure(.ambiguous(level: deepest.level, name: deepest.name,
                                       candidates: parents.map { tree.path(to: $0.code).dropFirst().map(\.title).joined(separator: ", ") }))
        }
        return .success(parents[0].code)
    }

    /// The village named by the row's region names; the province, when given, must be this one.
    /// A name that fits several regions at one level (Kabupaten Bima and Kota Bima) is settled by the
    /// level below; only what is still ambiguous at the desa is an error.
    public func village(province provinceName: String?, regency: String?, district: String?, village: String) -> Result<RegionCode, Problem> {
        if let provinceName, !Self.isProvince(provinceName, tree[province]?.name ?? "") {
            return .failure(.unknownName(level: .provinsi, name: provinceName, within: "data ini", candidates: [tree[province]?.name ?? ""]))
        }
        var parents: [Region] = tree[province].map { [$0] } ?? []
        for (level, name) in [(RegionLevel.kabupaten, regency), (.kecamatan, district)] {
            let candidates = parents.flatMap { tree.children(of: $0.code) }
            guard let name else {
                parents = candidates
                continue
            }
            switch matches(name, among: candidates, level: level, within: parents) {
            case .success(let found): parents = found
            case .failure(let problem): return .failure(problem)
            }
        }
        switch matches(village, among: parents.flatMap { tree.children(of: $0.code) }, level: .desa, within: parents) {
        case .success(let found) where found.count == 1: return .success(found[0].code)
        case .success(let found): return .failure(.ambiguous(level: .desa, name: village, candidates: found.map { tree.path(to: $0.code).dropFirst().map(\.title).joined(separator: ", ") }))
        case .failure(let problem): return .failure(problem)
        }
    }

    /// "NTB", "Prov. NTB" and "Nusa Tenggara Barat" all name the province.
    static func isProvince(_ text: String, _ name: String) -> Bool {
        let core = RegionNameKey(text).core
        let initials = String(RegionNameKey(name).core.split(separator: " ").compactMap(\.first))
        return core == RegionNameKey(name).core || core == initials
    }

    private func matches(_ name: String, among candidates: [Region], level: RegionLevel, within parents: [Region]) -> Result<[Region], Problem> {
        let wanted = RegionNameKey(name)
        var found = candidates.filter { RegionNameKey($0.name).core == wanted.core }
        if found.count > 1, let hint = wanted.levelHint {
            let hinted = found.filter { $0.level == hint }
            if !hinted.isEmpty { found = hinted }
        }
        if !found.isEmpty { return .success(found) }
        let nearest = candidates
            .map { ($0, Self.distance(RegionNameKey($0.name).core, wanted.core)) }
            .filter { $0.1 <= max(2, wanted.core.count / 3) }
            .sorted { ($0.1, $0.0.code) < ($1.1, $1.0.code) }
            .prefix(3).map(\.0.name)
        let within = parents.count == 1 ? parents[0].title : "wilayah NTB"
        return .failure(.unknownName(level: level, name: name, within: within, candidates: Array(nearest)))
    }

    /// Levenshtein distance, for suggesting the names a typo probably meant.
    static func distance(_ a: String, _ b: String) -> Int {
        EditDistance.between(a, b) ?? max(a.count, b.count)
    }
}
