import LumbungDomain
import Testing

@Suite struct RegionTreeTests {
    /// A small slice of the real NTB tree.
    static let tree = RegionTree([
        region("52", "Nusa Tenggara Barat", .provinsi),
        region("52.01", "Kabupaten Lombok Barat", .kabupaten),
        region("52.01.01", "Gerung", .kecamatan),
        region("52.01.01.1001", "Gerung Utara", .kelurahan),
        region("52.01.01.2002", "Kebon Ayu", .desa),
        region("52.03", "Kabupaten Lombok Timur", .kabupaten),
        region("52.03.01", "Keruak", .kecamatan),
        region("52.03.01.2001", "Tanjung Luar", .desa),
        region("52.06", "Kabupaten Bima", .kabupaten),
        region("52.72", "Kota Bima", .kota),
        region("52.72.01", "RasanaE Barat", .kecamatan),
    ])

    static func region(_ code: String, _ name: String, _ level: RegionLevel) -> Region {
        Region(code: try! RegionCode(code), name: name, level: level)
    }

    @Test func children_come_in_code_order() throws {
        #expect(Self.tree.children(of: try RegionCode("52")).map(\.code.dotted) == ["52.01", "52.03", "52.06", "52.72"])
        #expect(Self.tree.children(of: try RegionCode("52.03.01.2001")).isEmpty)
    }

    @Test func path_runs_from_the_province_to_the_region() throws {
        let path = Self.tree.path(to: try RegionCode("52.03.01.2001")).map(\.title)
        #expect(path == ["Provinsi Nusa Tenggara Barat", "Kabupaten Lombok Timur", "Kecamatan Keruak", "Desa Tanjung Luar"])
    }

    @Test func descendants_at_a_depth_are_collected_through_every_branch() throws {
        #expect(Self.tree.descendants(of: try RegionCode("52"), depth: 4).count == 3)
        #expect(Self.tree.descendants(of: try RegionCode("52.01"), depth: 3).map(\.name) == ["Gerung"])
    }

    @Test(arguments: ["lombok timur", "LOMBOK TIMUR", "Lombok  Timur", "Kab. Lombok Timur", "kabupaten lombok-timur", "52.03", "5203"])
    func lombok_timur_is_found_however_it_is_written(query: String) {
        #expect(Self.tree.search(query).first?.code.dotted == "52.03")
    }

    @Test func a_level_in_the_query_picks_kota_over_kabupaten() {
        #expect(Self.tree.search("Kota Bima").first?.code.dotted == "52.72")
        #expect(Self.tree.search("Kabupaten Bima").first?.code.dotted == "52.06")
        #expect(Set(Self.tree.search("bima").prefix(2).map(\.code.dotted)) == ["52.06", "52.72"])
    }

    @Test func accents_and_odd_capitals_do_not_matter() {
        #expect(Self.tree.search("Rasanaé barat").first?.code.dotted == "52.72.01")
        #expect(Self.tree.search("rasanae").first?.code.dotted == "52.72.01")
    }

    @Test func exact_names_rank_before_partial_ones() {
        #expect(Self.tree.search("gerung").map(\.code.dotted) == ["52.01.01", "52.01.01.1001"])
    }

    @Test func nothing_matches_nonsense_or_an_empty_query() {
        #expect(Self.tree.search("xyzzy").isEmpty)
        #expect(Self.tree.search("  ").isEmpty)
        #expect(Self.tree.search("52.99").isEmpty)
    }

    @Test func an_unknown_code_is_a_lookup_error() throws {
        let code = try RegionCode("52.99")
        #expect(throws: RegionLookupError.unknown(code)) { try Self.tree.region(code) }
    }

    @Test func region_names_fold_prefixes_into_a_level_hint() {
        #expect(RegionNameKey("KAB. LOMBOK  TIMUR") == RegionNameKey("Kabupaten Lombok Timur"))
        #expect(RegionNameKey("Kota Mataram").levelHint == .kota)
        #expect(RegionNameKey("Kota Mataram").core == "mataram")
        // A name that is only a prefix word keeps it.
        #expect(RegionNameKey("Kota").core == "kota")
    }
}
