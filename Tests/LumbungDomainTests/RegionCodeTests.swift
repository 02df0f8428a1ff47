import Foundation
import LumbungDomain
import Testing

@Suite struct RegionCodeTests {
    @Test(arguments: [
        ("52", "52", RegionLevel.provinsi),
        ("52.03", "52.03", .kabupaten),
        ("5203", "52.03", .kabupaten),
        ("52.71", "52.71", .kota),
        ("52.01.01", "52.01.01", .kecamatan),
        ("520101", "52.01.01", .kecamatan),
        ("52.01.01.2001", "52.01.01.2001", .desa),
        ("5201012001", "52.01.01.2001", .desa),
        ("52.01.01.1001", "52.01.01.1001", .kelurahan),
        ("  52.01.01.1001 ", "52.01.01.1001", .kelurahan),
    ])
    func dotted_and_undotted_codes_parse(text: String, dotted: String, level: RegionLevel) throws {
        let code = try RegionCode(text)
        #expect(code.dotted == dotted)
        #expect(code.level == level)
        #expect(code.compact == dotted.replacingOccurrences(of: ".", with: ""))
    }

    @Test(arguments: ["5", "520", "52.1", "52.01.1", "52.01.01.201", "52.01.01.20011", "52..01", "52.01.", "5201012001X", "abc", "52-01", "52010120011", "52.01.01.2001.01"])
    func malformed_codes_are_refused(text: String) {
        #expect(throws: RegionCodeError.malformed(text)) { try RegionCode(text) }
    }

    @Test func empty_and_zero_codes_say_why() {
        #expect(throws: RegionCodeError.empty) { try RegionCode("   ") }
        #expect(throws: RegionCodeError.zeroPart("52.00", depth: 2)) { try RegionCode("52.00") }
        #expect(throws: RegionCodeError.zeroPart("00", depth: 1)) { try RegionCode("00") }
        #expect(throws: RegionCodeError.zeroPart("5201010000", depth: 4)) { try RegionCode("5201010000") }
    }

    @Test func messages_name_the_value_in_both_languages() {
        let error = RegionCodeError.malformed("52.1")
        #expect(error.description.contains("'52.1'"))
        #expect(error.indonesianDescription.contains("'52.1' bukan kode wilayah"))
    }

    @Test func a_code_knows_its_ancestors_parent_and_regency() throws {
        let code = try RegionCode("52.03.01.2001")
        #expect(code.ancestors.map(\.dotted) == ["52", "52.03", "52.03.01"])
        #expect(code.parent?.dotted == "52.03.01")
        #expect(code.regency?.dotted == "52.03")
        #expect(code.province.dotted == "52")
        #expect(try RegionCode("52").parent == nil)
        #expect(try RegionCode("52").regency == nil)
    }

    @Test func containment_follows_the_tree() throws {
        let lombokTimur = try RegionCode("52.03")
        #expect(lombokTimur.contains(try RegionCode("52.03.01.2001")))
        #expect(lombokTimur.contains(lombokTimur))
        #expect(!lombokTimur.contains(try RegionCode("52.01.01")))
        #expect(!lombokTimur.contains(try RegionCode("52")))
    }

    @Test func codes_order_parents_first_then_by_number() throws {
        let codes = try ["52.03.01", "52", "52.03", "52.01.07", "52.01"].map { try RegionCode($0) }.sorted()
        #expect(codes.map(\.dotted) == ["52", "52.01", "52.01.07", "52.03", "52.03.01"])
    }
}
