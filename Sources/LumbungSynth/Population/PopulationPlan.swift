import LumbungDomain
import LumbungReference

/// How many people each desa/kelurahan gets, and the poverty level of each kabupaten/kota.
///
/// Each kabupaten/kota gets its Dukcapil 2024 population times the scale (its own, if it has one), spread over all of its
/// desa/kelurahan with uneven, log-normal weights (kelurahan, being towns, are larger on average).
/// Every village keeps at least one family, so small scales still cover every region.
struct PopulationPlan: Sendable {
    struct Regency: Sendable {
        let region: Region
        /// BPS poverty rate P0 (2024), as a fraction: the share of families the generator puts in desil 1.
        let povertyRate: Double
        /// Sumbawa island (Sumbawa, Dompu, Bima, Sumbawa Barat, Kota Bima) rather than Lombok.
        let onSumbawa: Bool
        let villages: [Village]
    }

    struct Village: Sendable {
        let region: Region
        let kecamatan: Region
        /// 1-based position of the village in its kecamatan (code order): part of NIK and KK serials.
        let ordinalInKecamatan: Int
        /// 1-based position among all villages of the province: part of the serials of migrants' NIKs.
        let ordinalInProvince: Int
        let targetPeople: Int
    }

    let regencies: [Regency]
    let tree: RegionTree

    static let sumbawaIsland: Set<String> = ["52.04", "52.05", "52.06", "52.07", "52.72"]

    init(scale: Double, regionScales: [RegionCode: Double] = [:], seed: UInt64) throws {
        let tree = RegionTree(try ReferenceData.regions())
        let statistics = try ReferenceData.regionStatistics()
        var regencies: [Regency] = []
        var provinceOrdinal = 0
        let regencyCodes = Set(tree.descendants(of: tree.roots[0].code, depth: 2).map(\.code))
        if let unknown = regionScales.keys.sorted().first(where: { !regencyCodes.contains($0) }) {
            throw GeneratorError.unknownRegency(unknown.dotted)
        }
        for regency in tree.descendants(of: tree.roots[0].code, depth: 2) {
            let share = regionScales[regency.code] ?? scale
            let figures = statistics.filter { $0.code == regency.code }
            let population = figures.first { $0.year == 2024 }?.registeredPopulation ?? 0
            let poverty = (figures.first { $0.year == 2024 }?.povertyRatePercent ?? 13.0) / 100
            let villages = tree.descendants(of: regency.code, depth: 4)
            var random = SynthRandom(seed: seed, stream: "plan/\(regency.code.dotted)")
            let weights = villages.map { village in
                exp(0.55 * random.normal()) * (village.level == .kelurahan ? 1.6 : 1.0)
            }
            let targets = Self.apportion(Int(saturating: Double(population) * share, rounding: .toNearestOrAwayFromZero), by: weights)
            var planned: [Village] = []
            var ordinalInKecamatan: [RegionCode: Int] = [:]
            for (village, target) in zip(villages, targets) {
                let kecamatanCode = village.code.parent!
                ordinalInKecamatan[kecamatanCode, default: 0] += 1
                provinceOrdinal += 1
                planned.append(Village(region: village, kecamatan: tree[kecamatanCode]!,
                                       ordinalInKecamatan: ordinalInKecamatan[kecamatanCode]!,
                                       ordinalInProvince: provinceOrdinal, targetPeople: target))
            }
            regencies.append(Regency(region: regency, povertyRate: poverty,
                                     onSumbawa: Self.sumbawaIsland.contains(regency.code.dotted), villages: planned))
        }
        self.regencies = regencies
        self.tree = tree
    }

    /// Splits `total` into whole numbers proportional to `weights` (largest remainders), summing exactly to `total`.
    static func apportion(_ total: Int, by weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        let exact = weights.map { Double(total) * $0 / sum }
        var parts = exact.map { Int(saturating: $0) }
        let order = exact.indices.sorted { (exact[$0] - Double(parts[$0]), $1) > (exact[$1] - Double(parts[$1]), $0) }
        for index in order.prefix(total - parts.reduce(0, +)) { parts[index] += 1 }
        return parts
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
