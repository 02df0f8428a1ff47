import LumbungDomain

/// The names of a village's place in the tree, as files print them.
struct VillageContext {
    let plan: PopulationPlan.Village
    let province: Region
    let regency: Region

    var code: RegionCode { plan.region.code }
    var rural: Bool { plan.region.level == .desa }

    /// The kabupaten/kota name as SIKS-NG and P3KE print it: a kabupaten without its prefix ("LOMBOK TIMUR"),
    /// a kota with it ("KOTA BIMA", to tell it from Kabupaten Bima).
    var regencyBareName: String {
        let core = RegionNameKey(regency.name).core.uppercased()
        return regency.level == .kota ? "KOTA " + core : core
    }
}
