import LumbungDomain
import LumbungReference

/// The reference data an import checks against: the region tree, the BPS code crosswalk and the
/// kecamatan codes of all Indonesia (for the region digits of NIKs).
public struct ImportReferences: Sendable {
    public let tree: RegionTree
    public let resolver: RegionResolver
    public let knownDistricts: Set<String>

    public static func load() throws -> ImportReferences {
        let tree = RegionTree(try ReferenceData.regions())
        let crosswalk = Dictionary(try ReferenceData.bpsCrosswalk().map { ($0.bpsCode, $0.regionCode) }, uniquingKeysWith: { a, _ in a })
        let districts = Set(try ReferenceData.nationalRegions().filter { $0.level == "kecamatan" }.map { $0.code.filter(\.isNumber) })
        return ImportReferences(tree: tree, resolver: RegionResolver(tree: tree, bpsCodes: crosswalk), knownDistricts: districts)
    }
}
