import LumbungDomain
import Testing

@Suite struct CodeListTests {
    @Test func official_codes_are_contiguous_from_one() {
        func codes<L: CodeList>(_ list: L.Type) -> [Int] { L.allCases.map(\.code) }
        #expect(codes(FamilyRelationship.self) == Array(1...11))
        #expect(codes(Education.self) == Array(1...10))
        #expect(codes(FloorMaterial.self) == Array(1...9))
        #expect(codes(WallMaterial.self) == Array(1...7))
        #expect(codes(RoofMaterial.self) == Array(1...8))
        #expect(codes(DrinkingWaterSource.self) == Array(1...11))
        #expect(codes(CookingFuel.self) == Array(1...12))
        #expect(codes(DefecationFacility.self) == Array(1...6))
        #expect(codes(SewageDisposal.self) == Array(1...6))
    }

    @Test func codes_carry_the_labels_printed_on_the_forms() {
        #expect(FamilyRelationship.head.label == "Kepala Keluarga")
        #expect(FamilyRelationship(rawValue: 9)?.label == "Famili Lain")
        #expect(CookingFuel(rawValue: 10) == .firewood)
        #expect(CookingFuel.lpg3kg.code == 4)
        #expect(FloorMaterial(rawValue: 8)?.label == "Tanah")
        #expect(Sex(rawValue: 2)?.label == "Perempuan")
    }

    @Test func health_insurance_decodes_a_sum_of_codes() {
        let answer = HealthInsurance(rawValue: 5)
        #expect(answer.contains(.pbi) && answer.contains(.employer) && !answer.contains(.selfPaid))
    }
}

@Suite struct IndonesianNumberTests {
    @Test func numbers_and_percentages_are_written_the_indonesian_way() {
        #expect(IndonesianNumber.format(5_751_505) == "5.751.505" && IndonesianNumber.format(166) == "166" && IndonesianNumber.format(-1_000) == "-1.000")
        #expect(IndonesianNumber.formatEnglish(5_751_505) == "5,751,505")
        #expect(IndonesianNumber.percent(13.44) == "13,4%" && IndonesianNumber.percentEnglish(13.45) == "13.5%")
        #expect(IndonesianNumber.percent(nil) == "–")
    }
}
