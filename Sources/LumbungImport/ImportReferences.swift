import LumbungDomain
import LumbungReference

/// The reference data an import checks against: the region tree, the BPS code crosswalk, the kecamatan
/// codes of all Indonesia (for the region digits of NIKs) and the names of every province (to say which
/// province a region outside NTB belongs to).
public struct ImportReferences: Sendable {
    public let tree: RegionTree
    public let resolver: RegionResolver
    public let knownDistricts: Set<String>
    /// Province code (`35`) → name (`Jawa Timur`), for all Indonesia.
    public let provinceNames: [String: String]
    /// Kabupaten/kota and kecamatan names outside NTB (name key → province names), to say where a region lies.
    public let foreignNames: [String: Set<String>]

    public static func load() throws -> ImportReferences {
        let tree = RegionTree(try ReferenceData.regions())
        let crosswalk = Dictionary(try ReferenceData.bpsCrosswalk().map { ($0.bpsCode, $0.regionCode) }, uniquingKeysWith: { a, _ in a })
        let national = try ReferenceData.nationalRegions()
        let districts = Set(national.filter { $0.level == "kecamatan" }.map { $0.code.filter(\.isNumber) })
        var provinces: [String: String] = [:]
        for region in national where region.level == "provinsi" { provinces[region.code] = region.name }
        let home = tree.roots.first?.code.dotted ?? "52"
        var foreign: [String: Set<String>] = [:]
        for region in national where region.level != "provinsi" && !region.code.hasPrefix(home + ".") {
            guard let province = provinces[String(region.code.prefix(2))] else { continue }
            foreign[RegionNameKey(region.name).core, default: []].insert(province)
        }
        return ImportReferences(tree: tree, resolver: RegionResolver(tree: tree, bpsCodes: crosswalk), knownDistricts: districts,
                                provinceNames: provinces, foreignNames: foreign)
    }
}
