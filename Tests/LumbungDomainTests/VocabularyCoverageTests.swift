import LumbungDomain
import Testing

/// Coverage, not mapping: every case of every list is read back from its own official label in every
/// system, and no variant of a list means two different values.
@Suite struct VocabularyCoverageTests {
    private func roundTrip<L: LabelledCodeList>(_: L.Type, sourceLocation: SourceLocation = #_sourceLocation) {
        for value in L.allCases {
            for system in CodeSystem.allCases {
                #expect(L.match(value.label, system: system) == .found(value), "\(L.self) '\(value.label)' in \(system.rawValue)",
                        sourceLocation: sourceLocation)
                #expect(L.match(value.label.uppercased(), system: system) == .found(value), "\(L.self) '\(value.label.uppercased())'",
                        sourceLocation: sourceLocation)
            }
        }
        #expect(L.labels.conflicts.isEmpty, "\(L.self) variants naming two values: \(L.labels.conflicts)", sourceLocation: sourceLocation)
    }

    @Test func every_case_matches_its_own_label() {
        roundTrip(Sex.self)
        roundTrip(FamilyRelationship.self)
        roundTrip(MaritalStatus.self)
        roundTrip(Education.self)
        roundTrip(Religion.self)
        roundTrip(Occupation.self)
        roundTrip(ResidentStatus.self)
        roundTrip(SchoolParticipation.self)
        roundTrip(BuildingOwnership.self)
        roundTrip(FloorMaterial.self)
        roundTrip(WallMaterial.self)
        roundTrip(RoofMaterial.self)
        roundTrip(DrinkingWaterSource.self)
        roundTrip(LightingSource.self)
        roundTrip(CookingFuel.self)
        roundTrip(DefecationFacility.self)
        roundTrip(ToiletType.self)
        roundTrip(SewageDisposal.self)
    }

    @Test func every_disability_type_matches_its_own_label() {
        for type in DisabilityType.allCases {
            for system in CodeSystem.allCases {
                #expect(Disability.match(type.label, system: system) == .found(.disabled(type)), "'\(type.label)' in \(system.rawValue)")
            }
        }
    }

    @Test func every_lumbung_code_reads_back_as_itself() {
        func codes<L: LabelledCodeList>(_: L.Type) {
            for value in L.allCases {
                #expect(L.match(String(value.code), system: .lumbung) == .found(value), "\(L.self) \(value.code)")
            }
        }
        codes(Sex.self); codes(FamilyRelationship.self); codes(MaritalStatus.self); codes(Education.self); codes(Religion.self)
        codes(Occupation.self); codes(ResidentStatus.self); codes(SchoolParticipation.self); codes(BuildingOwnership.self)
        codes(FloorMaterial.self); codes(WallMaterial.self); codes(RoofMaterial.self); codes(DrinkingWaterSource.self)
        codes(LightingSource.self); codes(CookingFuel.self); codes(DefecationFacility.self); codes(ToiletType.self); codes(SewageDisposal.self)
    }
}

/// Cells no list knows — very long, exotic digits, control characters, formulas — are read without a
/// crash, as unknown (or blank when they say nothing).
@Suite struct HostileCellTests {
    static let cells = [
        String(repeating: "9", count: 400), "99999999999999999999", "-1", "1e5", "١", "٣. Istri", "\u{0000}", "\u{202E}1",
        "=HYPERLINK(\"x\")", String(repeating: "Kepala ", count: 2_000), "🙂", "1 🙂", "((((", "))))", "[1]", "1.5", "0x1F",
        "\t\n", "NaN",
    ]

    private func survives<V>(_ read: (String, CodeSystem) -> CodeMatch<V>, _ name: String) {
        for cell in Self.cells {
            for system in CodeSystem.allCases {
                if case .found = read(cell, system) { Issue.record("\(name) found a value in '\(cell.prefix(20))' (\(system.rawValue))") }
            }
        }
    }

    @Test func nonsense_is_never_a_value() {
        survives(Sex.match, "Sex")
        survives(FamilyRelationship.match, "FamilyRelationship")
        survives({ FamilyRelationship.match($0, system: $1, sex: .female) }, "FamilyRelationship+sex")
        survives(MaritalStatus.match, "MaritalStatus")
        survives(Education.match, "Education")
        survives(Religion.match, "Religion")
        survives(Occupation.match, "Occupation")
        survives(ResidentStatus.match, "ResidentStatus")
        survives(CookingFuel.match, "CookingFuel")
        survives(ToiletType.matchOrNoToilet, "ToiletType")
        survives(Disability.match, "Disability")
        survives(HealthInsurance.match, "HealthInsurance")
        survives(WelfareDesil.match, "WelfareDesil")
        survives(YesNo.match, "YesNo")
    }
}

/// Readings are remembered per text and system; remembering must never change an answer.
@Suite struct RememberedReadingTests {
    @Test func the_same_text_in_another_system_is_read_again() {
        #expect(Education.match("8", system: .dukcapil) == .found(.bachelor))
        #expect(Education.match("8", system: .regsosek) == .found(.juniorSecondary))
        #expect(Education.match("8", system: .dukcapil) == .found(.bachelor))
        #expect(FamilyRelationship.match("2", system: .regsosek, sex: .female) == .found(.wife))
        #expect(FamilyRelationship.match("2", system: .regsosek, sex: .male) == .found(.husband))
    }

    @Test func a_column_of_free_text_does_not_break_reading() {
        for number in 0..<25_000 {
            #expect(WelfareDesil.match("catatan \(number)") == .unknown("catatan \(number)"))
        }
        #expect(WelfareDesil.match("Desil 3") == .found(3))
        #expect(WelfareDesil.match("catatan 7") == .unknown("catatan 7"))
    }
}
