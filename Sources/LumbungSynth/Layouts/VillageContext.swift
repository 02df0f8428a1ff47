import LumbungDomain

/// The names of a village's place in the tree, as files print them.
struct VillageContext {
    let plan: PopulationPlan.Village
    let province: Region
    let regency: Region

    var code: RegionCode { plan.region.code }
    var rural: Bool { plan.region.level == .desa }

    /// The kabupaten/kota name without its prefix, as SIKS-NG and P3KE print it ("LOMBOK TIMUR").
    var regencyBareName: String { RegionNameKey(regency.name).core.uppercased() }
}
