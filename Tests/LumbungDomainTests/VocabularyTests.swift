import Foundation
import LumbungDomain
import Testing

// Tables of cells as real files write them (shared/docs/domain.md §1.3–1.11, §4.3, §4.4, and the
// issue's list), each with the value it must give written out by hand — not taken from the vocabularies.

/// Checks each row: reading `raw` in `system` gives `expected`.
private func check<V: Equatable>(_ rows: [(String, CodeSystem, CodeMatch<V>)], _ read: (String, CodeSystem) -> CodeMatch<V>,
                                 sourceLocation: SourceLocation = #_sourceLocation) {
    for (raw, system, expected) in rows {
        let got = read(raw, system)
        #expect(got == expected, "'\(raw)' in \(system.rawValue)", sourceLocation: sourceLocation)
    }
}

@Suite struct SexVocabularyTests {
    @Test func codes_letters_and_words() {
        check([
            ("1", .dukcapil, .found(.male)), ("2", .regsosek, .found(.female)), ("02", .openSID, .found(.female)),
            ("L", .p3ke, .found(.male)), ("lk", .openSID, .found(.male)), ("LK", .openSID, .found(.male)),
            ("P", .openSID, .found(.female)), ("Pr", .openSID, .found(.female)), ("PR", .bdt, .found(.female)),
            ("Laki-Laki", .dukcapil, .found(.male)), ("LAKI-LAKI", .p3ke, .found(.male)), ("laki laki", .p3ke, .found(.male)),
            ("Perempuan", .dukcapil, .found(.female)), (" PEREMPUAN ", .p3ke, .found(.female)),
            ("Pria", .p3ke, .found(.male)), ("Wanita", .p3ke, .found(.female)), ("(2) Perempuan", .dukcapil, .found(.female)),
            ("1. Laki-laki", .regsosek, .found(.male)),
            ("3", .dukcapil, .unknown("3")), ("", .dukcapil, .blank), ("-", .dukcapil, .blank), ("Banci", .p3ke, .unknown("Banci")),
        ], Sex.match)
    }
}

@Suite struct FamilyRelationshipVocabularyTests {
    @Test func dukcapil_codes_and_labels() {
        check([
            ("1", .dukcapil, .found(.head)), ("2", .dukcapil, .found(.husband)), ("3", .dukcapil, .found(.wife)),
            ("4", .openSID, .found(.child)), ("7", .dukcapil, .found(.parent)), ("8", .dukcapil, .found(.parentInLaw)),
            ("9", .openSID, .found(.otherRelative)), ("10", .dukcapil, .found(.helper)), ("11", .dukcapil, .found(.other)),
            ("12", .dukcapil, .unknown("12")),
            ("KEPALA KELUARGA", .dukcapil, .found(.head)), ("Kepala Keluarga (KK)", .p3ke, .found(.head)),
            ("1. Kepala Keluarga", .dukcapil, .found(.head)), ("Famili Lain", .dukcapil, .found(.otherRelative)),
            ("FAMILI LAIN", .openSID, .found(.otherRelative)), ("Orangtua", .dukcapil, .found(.parent)),
            ("Orang Tua", .dukcapil, .found(.parent)), ("ORANG TUA", .openSID, .found(.parent)), ("Mertua", .dukcapil, .found(.parentInLaw)),
            ("Menantu", .dukcapil, .found(.childInLaw)), ("Cucu", .dukcapil, .found(.grandchild)), ("Pembantu", .dukcapil, .found(.helper)),
            ("KRT", .bdt, .found(.head)), ("Kepala Rumah Tangga", .bdt, .found(.head)), ("ISTERI", .openSID, .found(.wife)),
            ("Suami", .dukcapil, .found(.husband)),
        ], FamilyRelationship.match)
    }

    @Test func p3ke_four_values() {
        check([
            ("Kepala Keluarga", .p3ke, .found(.head)), ("Istri", .p3ke, .found(.wife)), ("Anak", .p3ke, .found(.child)),
            ("Lainnya", .p3ke, .found(.other)), ("1", .p3ke, .unknown("1")),
        ], FamilyRelationship.match)
    }

    @Test func regsosek_codes_differ_from_dukcapil() {
        check([
            ("1", .regsosek, .found(.head)), ("3", .regsosek, .found(.child)), ("4", .regsosek, .found(.childInLaw)),
            ("5", .regsosek, .found(.grandchild)), ("6", .regsosek, .found(.parent)), ("7", .regsosek, .found(.helper)),
            ("8", .regsosek, .found(.other)), ("9", .regsosek, .unknown("9")), ("3", .bdt, .found(.child)),
            // without the sex, Regsosek's 2 cannot be told
            ("2", .regsosek, .unknown("2")),
        ], FamilyRelationship.match)
    }

    @Test func regsosek_spouse_is_decided_by_sex() {
        #expect(FamilyRelationship.fromRegsosek(2, sex: .female) == .wife)
        #expect(FamilyRelationship.fromRegsosek(2, sex: .male) == .husband)
        #expect(FamilyRelationship.fromRegsosek(2, sex: nil) == nil)
        #expect(FamilyRelationship.fromRegsosek(9, sex: .male) == nil)
        #expect(FamilyRelationship.match("2", system: .regsosek, sex: .female) == .found(.wife))
        #expect(FamilyRelationship.match("2", system: .regsosek, sex: .male) == .found(.husband))
        #expect(FamilyRelationship.match("2", system: .bdt, sex: .female) == .found(.wife))
        #expect(FamilyRelationship.match("Istri/Suami", system: .regsosek, sex: .male) == .found(.husband))
        #expect(FamilyRelationship.match("2. Istri/Suami", system: .regsosek, sex: .female) == .found(.wife))
        #expect(FamilyRelationship.match("Istri/Suami", system: .regsosek, sex: nil) == .unknown("Istri/Suami"))
        // in Dukcapil, 2 is the husband whatever the sex says
        #expect(FamilyRelationship.match("2", system: .dukcapil, sex: .female) == .found(.husband))
        #expect(FamilyRelationship.match("Anak", system: .regsosek, sex: .female) == .found(.child))
    }
}

@Suite struct MaritalStatusVocabularyTests {
    @Test func codes_and_labels() {
        check([
            ("1", .dukcapil, .found(.single)), ("2", .regsosek, .found(.married)), ("3", .bdt, .found(.divorced)),
            ("4", .openSID, .found(.widowed)), ("5", .dukcapil, .unknown("5")),
            ("Belum Kawin", .p3ke, .found(.single)), ("BELUM KAWIN", .openSID, .found(.single)), ("Kawin", .p3ke, .found(.married)),
            ("Kawin Tercatat", .dukcapil, .found(.married)), ("KAWIN BELUM TERCATAT", .dukcapil, .found(.married)),
            ("Cerai Hidup", .p3ke, .found(.divorced)), ("CERAI MATI", .dukcapil, .found(.widowed)),
            ("Janda", .p3ke, .found(.widowed)), ("Duda", .p3ke, .found(.widowed)), ("Cerai Hidup Tercatat", .dukcapil, .found(.divorced)),
        ], MaritalStatus.match)
    }
}

@Suite struct EducationVocabularyTests {
    @Test func dukcapil_codes_and_labels() {
        check([
            ("1", .dukcapil, .found(.none)), ("2", .dukcapil, .found(.primaryIncomplete)), ("3", .openSID, .found(.primary)),
            ("8", .dukcapil, .found(.bachelor)), ("10", .dukcapil, .found(.doctorate)), ("11", .dukcapil, .unknown("11")),
            ("Tidak/Belum Sekolah", .dukcapil, .found(.none)), ("TIDAK / BELUM SEKOLAH", .openSID, .found(.none)),
            ("Belum Tamat SD/Sederajat", .dukcapil, .found(.primaryIncomplete)), ("BELUM TAMAT SD/SEDERAJAT", .openSID, .found(.primaryIncomplete)),
            ("Tamat SD/Sederajat", .dukcapil, .found(.primary)), ("TAMAT SD / SEDERAJAT", .openSID, .found(.primary)),
            ("SLTP/Sederajat", .dukcapil, .found(.juniorSecondary)), ("SLTA / SEDERAJAT", .dukcapil, .found(.seniorSecondary)),
            ("Diploma I/II", .dukcapil, .found(.diploma1or2)), ("DIPLOMA I / II", .openSID, .found(.diploma1or2)),
            ("Akademi/Diploma III/Sarjana Muda", .dukcapil, .found(.diploma3)), ("AKADEMI/DIPLOMA III/S.MUDA", .openSID, .found(.diploma3)),
            ("Diploma IV/Strata I", .dukcapil, .found(.bachelor)), ("DIPLOMA IV/STRATA 1", .openSID, .found(.bachelor)),
            ("Strata II", .dukcapil, .found(.master)), ("STRATA 3", .openSID, .found(.doctorate)),
            ("01 - Tamat SD", .dukcapil, .found(.primary)), ("3. TAMAT SD/SEDERAJAT", .openSID, .found(.primary)),
        ], Education.match)
    }

    @Test func regsosek_levels_are_another_list() {
        check([
            ("03", .regsosek, .found(.primary)), ("04", .regsosek, .found(.primary)), ("08", .regsosek, .found(.juniorSecondary)),
            ("13", .regsosek, .found(.seniorSecondary)), ("15", .regsosek, .found(.seniorSecondary)), ("18", .regsosek, .found(.diploma3)),
            ("19", .regsosek, .found(.bachelor)), ("21", .regsosek, .found(.master)), ("22", .regsosek, .found(.doctorate)),
            ("23", .regsosek, .found(.primaryIncomplete)), ("24", .regsosek, .unknown("24")),
            // the same number, another system, another level
            ("8", .regsosek, .found(.juniorSecondary)), ("8", .dukcapil, .found(.bachelor)),
        ], Education.match)
    }

    @Test func p3ke_bkkbn_bands() {
        check([
            ("Tidak/belum sekolah", .p3ke, .found(.none)), ("Tidak tamat SD/sederajat", .p3ke, .found(.primaryIncomplete)),
            ("Masih SD/sederajat", .p3ke, .found(.primaryIncomplete)), ("Tamat SD/sederajat", .p3ke, .found(.primary)),
            ("Masih SLTP", .p3ke, .found(.primary)), ("Tamat SLTP/sederajat", .p3ke, .found(.juniorSecondary)),
            ("Masih SLTA", .p3ke, .found(.juniorSecondary)), ("Tamat SLTA/sederajat", .p3ke, .found(.seniorSecondary)),
            ("Masih PT/Akademi", .p3ke, .found(.seniorSecondary)), ("Tamat Perguruan Tinggi", .p3ke, .found(.bachelor)),
            ("3", .p3ke, .unknown("3")),
        ], Education.match)
    }

    @Test func school_abbreviations() {
        check([
            ("SD", .p3ke, .found(.primary)), ("MI", .p3ke, .found(.primary)), ("SMP", .p3ke, .found(.juniorSecondary)),
            ("MTs", .p3ke, .found(.juniorSecondary)), ("MTS", .p3ke, .found(.juniorSecondary)), ("SMA", .p3ke, .found(.seniorSecondary)),
            ("SMK", .p3ke, .found(.seniorSecondary)), ("MA", .p3ke, .found(.seniorSecondary)), ("Lulus SMA", .p3ke, .found(.seniorSecondary)),
            ("D1", .p3ke, .found(.diploma1or2)), ("D-3", .p3ke, .found(.diploma3)), ("D III", .p3ke, .found(.diploma3)),
            ("D4", .p3ke, .found(.bachelor)), ("S1", .p3ke, .found(.bachelor)), ("S-1", .p3ke, .found(.bachelor)),
            ("S2", .p3ke, .found(.master)), ("S3", .p3ke, .found(.doctorate)),
        ], Education.match)
    }

    @Test func a_degree_with_a_subject_is_unknown_and_belum_tamat_is_not_tamat() {
        #expect(Education.match("S1 Hukum", system: .dukcapil) == .unknown("S1 Hukum"))
        #expect(Education.match("D3 Keperawatan", system: .p3ke) == .unknown("D3 Keperawatan"))
        #expect(Education.match("Belum Tamat SD", system: .p3ke) == .found(.primaryIncomplete))
        #expect(Education.match("Tamat SD", system: .p3ke) == .found(.primary))
        #expect(Education.match("Belum Tamat SD", system: .p3ke) != Education.match("Tamat SD", system: .p3ke))
    }
}

@Suite struct ReligionAndOccupationVocabularyTests {
    @Test func religion() {
        check([
            ("1", .dukcapil, .found(.islam)), ("ISLAM", .openSID, .found(.islam)), ("Kristen", .dukcapil, .found(.protestant)),
            ("KRISTEN PROTESTAN", .dukcapil, .found(.protestant)), ("Katholik", .dukcapil, .found(.catholic)),
            ("KATOLIK", .dukcapil, .found(.catholic)), ("Hindu", .dukcapil, .found(.hindu)), ("Budha", .dukcapil, .found(.buddhist)),
            ("BUDDHA", .dukcapil, .found(.buddhist)), ("Khonghucu", .dukcapil, .found(.confucian)), ("Kong Hu Cu", .dukcapil, .found(.confucian)),
            ("Kepercayaan Terhadap Tuhan YME", .dukcapil, .found(.indigenousBelief)),
            ("KEPERCAYAAN TERHADAP TUHAN YANG MAHA ESA", .dukcapil, .found(.indigenousBelief)),
            ("7", .openSID, .found(.indigenousBelief)), ("8", .dukcapil, .unknown("8")), ("Lainnya", .dukcapil, .unknown("Lainnya")),
        ], Religion.match)
    }

    @Test func occupation_follows_dukcapil() {
        check([
            ("1", .dukcapil, .found(.notWorking)), ("BELUM/TIDAK BEKERJA", .dukcapil, .found(.notWorking)),
            ("Mengurus Rumah Tangga", .dukcapil, .found(Occupation(rawValue: 2)!)), ("PELAJAR/MAHASISWA", .openSID, .found(.student)),
            ("Pensiunan", .dukcapil, .found(.retired)), ("PEGAWAI NEGERI SIPIL (PNS)", .dukcapil, .found(.civilServant)),
            ("PNS", .p3ke, .found(.civilServant)), ("Petani/Pekebun", .dukcapil, .found(.farmer)), ("PETANI/PERKEBUNAN", .openSID, .found(.farmer)),
            ("Nelayan/Perikanan", .dukcapil, .found(.fisher)), ("BURUH HARIAN LEPAS", .dukcapil, .found(.casualLabourer)),
            ("Wiraswasta", .p3ke, .found(.selfEmployed)), ("Lainnya", .dukcapil, .found(.other)), ("89", .openSID, .found(.other)),
            ("90", .dukcapil, .unknown("90")), ("9", .regsosek, .unknown("9")), ("Guru", .p3ke, .found(Occupation(rawValue: 65)!)),
        ], Occupation.match)
    }

    @Test func occupation_codes_carry_dukcapils_labels() {
        #expect(Occupation.allCases.count == 89)
        #expect(Occupation(rawValue: 0) == nil && Occupation(rawValue: 90) == nil)
        #expect(Occupation(rawValue: 9)?.label == "Petani/Pekebun")
        #expect(Occupation(rawValue: 19)?.label == "Buruh Harian Lepas")
        #expect(Occupation(rawValue: 65)?.label == "Guru")
        #expect(Occupation(rawValue: 84)?.label == "Pedagang")
        #expect(Occupation(rawValue: 86)?.label == "Kepala Desa")
        #expect(Occupation(rawValue: 88)?.label == "Wiraswasta")
    }

    @Test func occupation_is_stored_as_its_code() throws {
        let json = try JSONEncoder().encode([Occupation.farmer])
        #expect(String(decoding: json, as: UTF8.self) == "[9]")
        #expect(try JSONDecoder().decode([Occupation].self, from: Data("[88]".utf8)) == [.selfEmployed])
        #expect(throws: (any Error).self) { try JSONDecoder().decode([Occupation].self, from: Data("[90]".utf8)) }
    }
}

@Suite struct DisabilityVocabularyTests {
    @Test func legacy_cacat_codes() {
        check([
            ("1", .openSID, .found(.disabled(.physical))), ("2", .openSID, .found(.disabled(.sensory))),
            ("3", .dukcapil, .found(.disabled(.sensory))), ("4", .dukcapil, .found(.disabled(.mental))),
            ("5", .dukcapil, .found(.disabled(.multiple))), ("6", .openSID, .found(.disabled(.unspecified))),
            ("7", .openSID, .found(Disability.notDisabled)), ("8", .openSID, .unknown("8")),
        ], Disability.match)
    }

    @Test func seven_is_no_disability_not_unknown() {
        let seven = Disability.match("7", system: .dukcapil)
        #expect(seven == .found(Disability.notDisabled))
        #expect(seven.value?.hasDisability == false)
    }

    @Test func explicit_none_is_distinct_from_blank() {
        check([
            ("Tidak Cacat", .dukcapil, .found(Disability.notDisabled)), ("TIDAK ADA", .p3ke, .found(Disability.notDisabled)),
            ("Bukan Penyandang Disabilitas", .p3ke, .found(Disability.notDisabled)), ("-", .p3ke, .found(Disability.notDisabled)),
            ("0", .openSID, .found(Disability.notDisabled)), ("0", .regsosek, .found(Disability.notDisabled)), ("", .p3ke, .blank),
            ("   ", .dukcapil, .blank),
        ], Disability.match)
    }

    @Test func kinds_by_label() {
        check([
            ("Tuna Netra", .p3ke, .found(.disabled(.sensory))), ("Tunarungu", .p3ke, .found(.disabled(.sensory))),
            ("Tuna Wicara", .p3ke, .found(.disabled(.sensory))), ("Tuna Daksa", .p3ke, .found(.disabled(.physical))),
            ("Cacat Fisik", .dukcapil, .found(.disabled(.physical))), ("Cacat Mental", .dukcapil, .found(.disabled(.mental))),
            ("Disabilitas Fisik", .p3ke, .found(.disabled(.physical))), ("Netra/Buta", .dukcapil, .found(.disabled(.sensory))),
            ("Rungu/Wicara", .dukcapil, .found(.disabled(.sensory))), ("Mental/Jiwa", .dukcapil, .found(.disabled(.mental))),
            ("Fisik dan Mental", .dukcapil, .found(.disabled(.multiple))), ("CACAT FISIK DAN MENTAL", .openSID, .found(.disabled(.multiple))),
            ("Lainnya", .dukcapil, .found(.disabled(.unspecified))), ("Tuna Grahita", .p3ke, .found(.disabled(.intellectual))),
            ("Intelektual", .p3ke, .found(.disabled(.intellectual))), ("Ganda", .p3ke, .found(.disabled(.multiple))),
            ("Kaki Pincang Sebelah", .p3ke, .unknown("Kaki Pincang Sebelah")),
        ], Disability.match)
    }

    @Test func lumbung_and_bdt_codes() {
        check([
            ("2", .lumbung, .found(.disabled(.intellectual))), ("4", .lumbung, .found(.disabled(.sensory))),
            ("6", .lumbung, .found(.disabled(.unspecified))), ("7", .lumbung, .unknown("7")), ("1", .regsosek, .unknown("1")),
            ("00", .bdt, .found(Disability.notDisabled)), ("01", .bdt, .found(.disabled(.physical))), ("05", .bdt, .found(.disabled(.sensory))),
            ("06", .bdt, .found(.disabled(.multiple))), ("10", .bdt, .found(.disabled(.intellectual))), ("11", .bdt, .found(.disabled(.mental))),
            ("13", .bdt, .unknown("13")),
        ], Disability.match)
    }

    @Test func washington_group_answers() {
        typealias D = WashingtonGroup.Domain
        let noDifficulty = Dictionary(uniqueKeysWithValues: D.allCases.map { ($0, 4) })
        #expect(WashingtonGroup.disability(noDifficulty) == Disability.notDisabled)
        #expect(WashingtonGroup.disability([.seeing: 3, .walking: 3]) == Disability.notDisabled)
        #expect(WashingtonGroup.disability([.seeing: 2]) == .disabled(.sensory))
        #expect(WashingtonGroup.disability([.hearing: 1, .speaking: 2]) == .disabled(.sensory))
        #expect(WashingtonGroup.disability([.walking: 1, .handsAndFingers: 4]) == .disabled(.physical))
        #expect(WashingtonGroup.disability([.learning: 2, .remembering: 1]) == .disabled(.intellectual))
        #expect(WashingtonGroup.disability([.behaviour: 2]) == .disabled(.mental))
        #expect(WashingtonGroup.disability([.seeing: 1, .walking: 2]) == .disabled(.multiple))
        #expect(WashingtonGroup.disability([.selfCare: 1]) == .disabled(.unspecified))
        #expect(WashingtonGroup.disability([.remembering: 2, .seeing: 3]) == .disabled(.unspecified))
        #expect(WashingtonGroup.disability([:]) == nil)
        #expect(WashingtonGroup.disability([.seeing: 9, .hearing: 0]) == nil)
        #expect(WashingtonGroup.disability([.seeing: 9, .hearing: 4]) == Disability.notDisabled)
        #expect(WashingtonGroup.Domain.seeing.rawValue == "428a" && WashingtonGroup.Domain.remembering.rawValue == "428i")
    }
}

@Suite struct ResidentStatusVocabularyTests {
    @Test func siak_labels_village_codes_and_regsosek_codes() {
        check([
            ("Hidup", .dukcapil, .found(.alive)), ("MATI", .dukcapil, .found(.dead)),
            ("Pindah Dalam Negeri", .dukcapil, .found(.movedOut)), ("PINDAH LUAR NEGERI", .dukcapil, .found(.movedAbroad)),
            ("Tidak Valid", .dukcapil, .found(.invalid)), ("Hilang", .openSID, .found(.missing)), ("Pergi", .openSID, .found(.away)),
            ("1", .openSID, .found(.alive)), ("2", .openSID, .found(.dead)), ("3", .openSID, .found(.movedOut)),
            ("4", .openSID, .found(.missing)), ("6", .openSID, .found(.away)), ("9", .openSID, .found(.invalid)),
            ("5", .openSID, .unknown("5")),
            ("1", .regsosek, .found(.alive)), ("2", .regsosek, .found(.dead)), ("3", .regsosek, .found(.movedOut)),
            ("4", .regsosek, .found(.movedAbroad)), ("5", .regsosek, .found(.newMember)), ("6", .regsosek, .found(.missing)),
            ("Meninggal", .regsosek, .found(.dead)), ("ART Baru", .regsosek, .found(.newMember)),
        ], ResidentStatus.match)
    }

    @Test func only_the_living_and_new_members_count() {
        #expect(ResidentStatus.alive.countsAsResident)
        #expect(ResidentStatus.newMember.countsAsResident)
        for status in [ResidentStatus.dead, .movedOut, .movedAbroad, .missing, .away, .invalid] {
            #expect(!status.countsAsResident, "\(status.label)")
        }
    }
}

@Suite struct HousingVocabularyTests {
    @Test func labels_of_p3ke_bdt_and_dtsen_files() {
        check([("Kayu/papan", .p3ke, .found(.wood)), ("Kayu/Papan Kualitas Rendah", .bdt, .found(.wood)),
               ("Tanah", .p3ke, .found(.earth)), ("Bambu", .p3ke, .found(.bamboo)), ("Semen/Bata Merah", .p3ke, .found(.cement)),
               ("KERAMIK", .p3ke, .found(.ceramic)), ("Marmer/Granit", .p3ke, .found(.marble))], FloorMaterial.match)
        check([("Tembok", .p3ke, .found(.masonry)), ("Plesteran anyaman bambu/kawat", .p3ke, .found(.plasteredBamboo)),
               ("Kayu/papan", .p3ke, .found(.woodBoard)), ("Bambu", .p3ke, .found(.bamboo)), ("Anyaman Bambu", .p3ke, .found(.wovenBamboo))],
              WallMaterial.match)
        check([("Seng", .p3ke, .found(.zinc)), ("Genteng", .p3ke, .found(.clayTile)), ("Beton", .p3ke, .found(.concrete)),
               ("Jerami/Ijuk/Daun-daunan/Rumbia", .p3ke, .found(.thatch)), ("Asbes", .p3ke, .found(.asbestos))], RoofMaterial.match)
        check([("Milik Sendiri", .p3ke, .found(.own)), ("Kontrak/Sewa", .p3ke, .found(.rented)), ("Bebas Sewa", .p3ke, .found(.rentFree)),
               ("Dinas", .p3ke, .found(.official)), ("Lainnya", .p3ke, .found(.other))], BuildingOwnership.match)
        check([("Listrik PLN", .p3ke, .found(.plnMetered)), ("PLN dengan meteran", .p3ke, .found(.plnMetered)),
               ("PLN tanpa meteran", .p3ke, .found(.plnUnmetered)), ("Listrik Non PLN", .p3ke, .found(.nonPLN)),
               ("Bukan Listrik", .p3ke, .found(.notElectric))], LightingSource.match)
        check([("Kayu Bakar", .p3ke, .found(.firewood)), ("Gas 3 kg", .p3ke, .found(.lpg3kg)), ("Elpiji 3 kg", .p3ke, .found(.lpg3kg)),
               ("ELPIJI 3KG", .p3ke, .found(.lpg3kg)), ("Minyak Tanah", .p3ke, .found(.kerosene)), ("Gas > 3 kg", .bdt, .found(.lpg12kg)),
               ("Arang", .p3ke, .found(.charcoal)), ("Listrik", .p3ke, .found(.electricity))], CookingFuel.match)
        check([("Air Kemasan Bermerk", .p3ke, .found(.bottled)), ("Air Isi Ulang", .p3ke, .found(.refill)), ("Leding", .p3ke, .found(.piped)),
               ("Sumur Bor/Pompa", .p3ke, .found(.borehole)), ("Sumur Terlindung", .p3ke, .found(.protectedWell)),
               ("Sumur Tak Terlindung", .p3ke, .found(.unprotectedWell)), ("Mata Air Tak Terlindung", .p3ke, .found(.unprotectedSpring)),
               ("Mata Air Terlindung", .p3ke, .found(.protectedSpring)), ("Air Sungai/Danau/Waduk", .bdt, .found(.surfaceWater)),
               ("Air Hujan", .p3ke, .found(.rainwater))], DrinkingWaterSource.match)
        check([("Sendiri", .p3ke, .found(.own)), ("Bersama", .p3ke, .found(.sharedWithSpecificHouseholds)),
               ("Umum", .p3ke, .found(.publicToilet)), ("Tidak Ada", .p3ke, .found(DefecationFacility.none))], DefecationFacility.match)
        check([("Leher Angsa", .p3ke, .found(.gooseneck)), ("Cemplung/Cubluk", .p3ke, .found(.pit))], ToiletType.match)
        check([("Tangki Septik", .p3ke, .found(.septicTank)), ("Lubang Tanah", .p3ke, .found(.pitInGround))], SewageDisposal.match)
    }

    @Test func bdt_codes_where_they_differ_from_regsosek() {
        check([("8", .bdt, .found(.wood)), ("9", .bdt, .found(.earth)), ("10", .bdt, .found(.other)), ("11", .bdt, .unknown("11")),
               ("8", .regsosek, .found(.earth)), ("9", .regsosek, .found(.other)), ("10", .regsosek, .unknown("10"))], FloorMaterial.match)
        check([("6", .bdt, .found(.zinc)), ("6", .regsosek, .found(.bamboo)), ("9", .bdt, .found(.thatch)), ("1", .bdt, .found(.concrete))],
              RoofMaterial.match)
        check([("4", .bdt, .found(.piped)), ("4", .regsosek, .found(.borehole)), ("12", .bdt, .found(.other)), ("12", .regsosek, .unknown("12"))],
              DrinkingWaterSource.match)
        check([("8", .bdt, .found(.firewood)), ("8", .regsosek, .found(.briquette)), ("3", .bdt, .found(.lpg3kg)),
               ("10", .regsosek, .found(.firewood)), ("10", .bdt, .unknown("10"))], CookingFuel.match)
        check([("2", .bdt, .found(.nonPLN)), ("2", .regsosek, .found(.plnUnmetered)), ("3", .bdt, .found(.notElectric))], LightingSource.match)
        check([("3", .bdt, .found(.publicToilet)), ("4", .bdt, .found(DefecationFacility.none)), ("4", .regsosek, .found(.publicToilet))],
              DefecationFacility.match)
        check([("2", .bdt, .found(.treatmentPlant)), ("3", .bdt, .found(.pitInGround)), ("3", .regsosek, .found(.pondFieldRiverSea))],
              SewageDisposal.match)
        #expect(ToiletType.matchOrNoToilet("4", system: .bdt) == .blank)
        #expect(ToiletType.matchOrNoToilet("Tidak Pakai", system: .p3ke) == .blank)
        #expect(ToiletType.matchOrNoToilet("4", system: .regsosek) == .found(.pit))
        #expect(FloorMaterial.match("5", system: .p3ke) == .unknown("5"))
    }

    @Test func twelve_kilograms_is_not_code_twelve() {
        #expect(CookingFuel.match("12 kg", system: .regsosek) == .found(.lpg12kg))
        #expect(CookingFuel.match("5 - Elpiji 3 kg", system: .regsosek) == .found(.lpg3kg))
        #expect(CookingFuel.match("12 Kompor", system: .regsosek) == .unknown("12 Kompor"))
        #expect(CookingFuel.match("12. Tidak ada keterangan", system: .regsosek) == .found(.noCooking))
    }
}

@Suite struct SchoolParticipationVocabularyTests {
    @Test func codes_and_labels() {
        check([
            ("1", .regsosek, .found(.never)), ("2", .regsosek, .found(.enrolled)), ("3", .lumbung, .found(.noLonger)),
            ("2", .dukcapil, .unknown("2")), ("Tidak/Belum Pernah Sekolah", .p3ke, .found(.never)),
            ("Masih Sekolah", .p3ke, .found(.enrolled)), ("Tidak Sekolah Lagi", .p3ke, .found(.noLonger)),
            ("Putus Sekolah", .p3ke, .found(.noLonger)),
        ], SchoolParticipation.match)
    }
}

@Suite struct HealthInsuranceVocabularyTests {
    @Test func labels_sums_and_the_village_list() {
        check([
            ("PBI", .p3ke, .found(.pbi)), ("BPJS PBI", .p3ke, .found(.pbi)), ("KIS", .p3ke, .found(.pbi)), ("JKN PBI", .p3ke, .found(.pbi)),
            ("JKN Mandiri", .p3ke, .found(.selfPaid)), ("BPJS Mandiri", .p3ke, .found(.selfPaid)),
            ("Pekerja Penerima Upah", .p3ke, .found(.employer)), ("Tidak Punya", .p3ke, .found([])), ("Tidak Ada", .p3ke, .found([])),
            ("5", .regsosek, .found([.pbi, .employer])), ("2", .regsosek, .found(.selfPaid)), ("0", .regsosek, .found([])),
            ("99", .regsosek, .blank), ("16", .regsosek, .unknown("16")),
            ("1", .openSID, .found([])), ("2", .openSID, .found(.pbi)), ("3", .openSID, .found(.selfPaid)), ("99", .openSID, .found(.other)),
            ("BPJS PENERIMA BANTUAN IURAN", .openSID, .found(.pbi)), ("TIDAK/BELUM PUNYA", .openSID, .found([])),
            ("", .p3ke, .blank),
        ], HealthInsurance.match)
    }
}

@Suite struct WelfareVocabularyTests {
    @Test func desil_and_status_words() {
        check([
            ("Desil 1", .p3ke, .found(1)), ("1", .p3ke, .found(1)), ("Desil 1 (Sangat Miskin)", .p3ke, .found(1)),
            ("Sangat Miskin", .p3ke, .found(1)), ("Miskin", .p3ke, .found(2)), ("Hampir Miskin", .p3ke, .found(3)),
            ("Rentan Miskin", .p3ke, .found(4)), ("DESIL 10", .p3ke, .found(10)), ("desil-4", .p3ke, .found(4)),
            ("11", .p3ke, .unknown("11")), ("0", .p3ke, .unknown("0")), ("Kaya", .p3ke, .unknown("Kaya")), ("", .p3ke, .blank),
        ], WelfareDesil.match)
    }

    @Test func percentile_to_desil() {
        #expect(WelfareDesil.fromPercentile(1) == 1)
        #expect(WelfareDesil.fromPercentile(10) == 1)
        #expect(WelfareDesil.fromPercentile(10.5) == 2)
        #expect(WelfareDesil.fromPercentile(40) == 4)
        #expect(WelfareDesil.fromPercentile(41) == 5)
        #expect(WelfareDesil.fromPercentile(95) == 10)
        #expect(WelfareDesil.fromPercentile(100) == 10)
        #expect(WelfareDesil.fromPercentile(0) == 1)
        #expect(WelfareDesil.fromPercentile(101) == nil)
        #expect(WelfareDesil.fromPercentile(-1) == nil)
        #expect(WelfareDesil.fromPercentile(.nan) == nil)
        #expect(WelfareDesil.fromPercentile(.infinity) == nil)
    }
}

@Suite struct YesNoVocabularyTests {
    @Test func yes_and_no_in_every_spelling() {
        check([
            ("YA", .p3ke, .found(true)), ("TIDAK", .p3ke, .found(false)), ("Y", .p3ke, .found(true)), ("T", .p3ke, .found(false)),
            ("1", .p3ke, .found(true)), ("0", .p3ke, .found(false)), ("✓", .p3ke, .found(true)), ("✔", .p3ke, .found(true)),
            ("x", .p3ke, .found(true)), ("v", .p3ke, .found(true)), ("Ada", .p3ke, .found(true)), ("Tidak Ada", .p3ke, .found(false)),
            ("Benar", .p3ke, .found(true)), ("Salah", .p3ke, .found(false)), ("TRUE", .p3ke, .found(true)), ("FALSE", .p3ke, .found(false)),
            ("Penerima", .p3ke, .found(true)), ("Bukan Penerima", .p3ke, .found(false)), ("", .p3ke, .blank), ("-", .p3ke, .blank),
            ("Mungkin", .p3ke, .unknown("Mungkin")),
        ], YesNo.match)
    }

    @Test func two_is_no_only_in_regsosek_and_bdt() {
        #expect(YesNo.match("2", system: .regsosek) == .found(false))
        #expect(YesNo.match("2", system: .bdt) == .found(false))
        #expect(YesNo.match("1", system: .regsosek) == .found(true))
        #expect(YesNo.match("2", system: .p3ke) == .unknown("2"))
        #expect(YesNo.match("2", system: .dukcapil) == .unknown("2"))
    }
}
