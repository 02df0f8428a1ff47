import LumbungDomain
import Testing

@Suite struct RegionAbbreviationTests {
    /// The NTB kabupaten/kota as the reference data names them, plus a few lower regions whose names
    /// lie close to the abbreviations.
    static let tree = RegionTree([
        region("52", "Nusa Tenggara Barat", .provinsi),
        region("52.01", "Kabupaten Lombok Barat", .kabupaten),
        region("52.02", "Kabupaten Lombok Tengah", .kabupaten),
        region("52.03", "Kabupaten Lombok Timur", .kabupaten),
        region("52.03.01", "Keruak", .kecamatan),
        region("52.03.01.2001", "Tanjung Luar", .desa),
        region("52.03.01.2002", "Lotim Jaya", .desa),
        region("52.04", "Kabupaten Sumbawa", .kabupaten),
        region("52.06", "Kabupaten Bima", .kabupaten),
        region("52.07", "Kabupaten Sumbawa Barat", .kabupaten),
        region("52.08", "Kabupaten Lombok Utara", .kabupaten),
        region("52.72", "Kota Bima", .kota),
        region("52.72.01", "Rasanae Barat", .kecamatan),
        region("52.72.01.1001", "Sima", .kelurahan),
    ])

    static func region(_ code: String, _ name: String, _ level: RegionLevel) -> Region {
        Region(code: try! RegionCode(code), name: name, level: level)
    }

    @Test(arguments: [
        ("Lotim", "52.03"), ("LOTIM", "52.03"), ("lotim.", "52.03"), ("Loteng", "52.02"), ("Lobar", "52.01"),
        ("KSB", "52.07"), ("KLU", "52.08"), ("Kobi", "52.72"), ("Kab. Bima", "52.06"),
        ("Kota Bima", "52.72"), ("NTB", "52"),
    ])
    func an_abbreviation_finds_its_region_first(query: String, code: String) {
        #expect(Self.tree.search(query).first?.code.dotted == code)
    }

    @Test func an_abbreviation_is_only_the_whole_query() {
        // "lotim jaya" is a desa name that merely starts with the letters; it is found as spelt.
        #expect(Self.tree.search("lotim jaya").map(\.code.dotted) == ["52.03.01.2002"])
        // "Lotim" finds the kabupaten first; the desa whose name starts with it is not hidden.
        #expect(Self.tree.search("Lotim").map(\.code.dotted) == ["52.03", "52.03.01.2002"])
        // A prefix written before the abbreviation makes it a name again.
        #expect(Self.tree.search("Desa Lotim").map(\.code.dotted) == ["52.03.01.2002"])
    }

    @Test(arguments: [
        ("lombok timor", "52.03"), ("lombok timr", "52.03"), ("lmbok timur", "52.03"), ("Kab. Lombok Tmur", "52.03"),
        ("sumbawa barta", "52.07"), ("keruk", "52.03.01"), ("rasane barat", "52.72.01"),
    ])
    func a_typo_still_finds_the_region(query: String, code: String) {
        #expect(Self.tree.search(query).first?.code.dotted == code)
    }

    @Test func typos_are_bounded() {
        // Three letters off is too many; a short query gets no allowance at all.
        #expect(Self.tree.search("lombok tixxx").isEmpty)
        #expect(Self.tree.search("bia").isEmpty)
        // When a name is spelt as typed, near names are not added: "bima" finds the two Bimas, not "Sima".
        #expect(Self.tree.search("bima").map(\.code.dotted) == ["52.06", "52.72"])
        // With nothing spelt so, a one-letter slip is accepted.
        #expect(Self.tree.search("simo").map(\.code.dotted) == ["52.72.01.1001"])
    }

    @Test func edit_distance_counts_insertions_deletions_and_substitutions() {
        #expect(EditDistance.between("timur", "timor") == 1)
        #expect(EditDistance.between("lombok", "lmbok") == 1)
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("kitten", "sitting", limit: 2) == nil)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.typoAllowance(forLength: 3) == 0)
        #expect(EditDistance.typoAllowance(forLength: 5) == 1)
        #expect(EditDistance.typoAllowance(forLength: 12) == 2)
    }
}
