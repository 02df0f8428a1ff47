import LumbungDomain
import LumbungReference
import LumbungSheets

/// How the field shapes spell values: the labels of real files in their mixed casing, Dukcapil's and
/// Regsosek's codes, the BPS codes of a village.
enum FieldSpelling {
    /// The label as real files mix it: as printed ("Kayu/Papan"), in capitals ("KAYU/PAPAN") or in
    /// sentence case ("Kayu/papan").
    static func vary(_ label: String, random: inout SynthRandom) -> String {
        switch random.int(0...2) {
        case 0: label
        case 1: label.uppercased()
        default: label.prefix(1).uppercased() + label.dropFirst().lowercased()
        }
    }

    /// A code-list value as its code (a number cell) or, as often, its label in a varied casing.
    static func codeOrLabel<T: CodeList>(_ value: T?, codeShare: Double = 0.35, random: inout SynthRandom) -> Cell {
        guard let value else { return .empty }
        return random.chance(codeShare) ? .number(value.code) : .text(vary(value.label, random: &random))
    }

    /// Sex as Dukcapil extracts print it: `LAKI-LAKI`, `Perempuan`, `L`, `P`, 1, 2.
    static func sex(_ sex: Sex?, random: inout SynthRandom) -> Cell {
        guard let sex else { return .empty }
        switch random.int(0...3) {
        case 0: return .number(sex.code)
        case 1: return .text(sex == .male ? "L" : "P")
        default: return .text(vary(sex.label, random: &random))
        }
    }

    /// A disability as DTSEN-era extracts write it: a UU 8/2016 kind in one of its usual spellings, or "none" as
    /// blank, `-`, `Tidak Ada` or `TIDAK`.
    static func disability(_ kind: DisabilityType?, random: inout SynthRandom) -> String {
        guard let kind else { return random.pick(["", "-", "Tidak Ada", "TIDAK"]) }
        return random.pick(disabilitySpellings[kind] ?? [kind.label])
    }

    /// The spellings `disability(_:random:)` writes for each kind (a correct import maps each back to it).
    static let disabilitySpellings: [DisabilityType: [String]] = [
        .physical: ["Fisik", "DISABILITAS FISIK", "Tuna Daksa"],
        .intellectual: ["Intelektual", "DISABILITAS INTELEKTUAL", "Tuna Grahita"],
        .mental: ["Mental", "Disabilitas Mental", "Psikososial"],
        .sensory: ["Sensorik", "DISABILITAS SENSORIK", "Tuna Netra", "Tuna Rungu/Wicara"],
        .multiple: ["Ganda", "DISABILITAS GANDA", "Ganda/Multi"],
        .unspecified: ["Lainnya", "Ya", "Penyandang Disabilitas"],
    ]

    /// Dukcapil's legacy "cacat" code (1 fisik, 2 netra, 3 rungu/wicara, 4 mental/jiwa, 5 fisik dan mental, 7 tidak
    /// cacat, 6 lainnya) for a UU 8/2016 kind; an intellectual disability has no code of its own and is written 4.
    static func legacyCacat(_ kind: DisabilityType?, random: inout SynthRandom) -> Int {
        switch kind {
        case nil: 7
        case .physical: 1
        case .sensory: random.chance(0.5) ? 2 : 3
        case .intellectual, .mental: 4
        case .multiple: 5
        case .unspecified: 6
        }
    }

    /// The kind a legacy "cacat" code stands for.
    static func kind(legacyCacat code: Int) -> DisabilityType? {
        switch code {
        case 1: .physical
        case 2, 3: .sensory
        case 4: .mental
        case 5: .multiple
        case 6: .unspecified
        default: nil
        }
    }

    /// Regsosek 409 (`kd_hubungan_dg_kk`, 8 codes) for an SHDK relationship.
    static func regsosekRelationship(_ relationship: FamilyRelationship?) -> Int? {
        switch relationship {
        case nil: nil
        case .head: 1
        case .wife, .husband: 2
        case .child: 3
        case .childInLaw: 4
        case .grandchild: 5
        case .parent, .parentInLaw: 6
        case .helper: 7
        case .otherRelative, .other: 8
        }
    }

    /// The relationship a correct import reads from a Regsosek 409 code (2 is the spouse: wife or husband by sex).
    static func relationship(regsosek code: Int?, sex: Sex?) -> FamilyRelationship? {
        switch code {
        case 1: .head
        case 2: sex == .male ? .husband : .wife
        case 3: .child
        case 4: .childInLaw
        case 5: .grandchild
        case 6: .parent
        case 7: .helper
        case 8: .other
        default: nil
        }
    }

    /// Dukcapil's occupation code (`pekerjaan_id`) for the generator's occupation labels; 89 Lainnya otherwise.
    static func occupationCode(_ occupation: String?) -> Int {
        switch occupation {
        case "Belum/Tidak Bekerja", "Tidak Bekerja": 1
        case "Mengurus Rumah Tangga": 2
        case "Pelajar/Mahasiswa": 3
        case "Pensiunan": 4
        case "Pegawai Negeri Sipil": 5
        case "Pedagang": 8
        case "Petani/Pekebun": 9
        case "Peternak": 10
        case "Nelayan/Perikanan": 11
        case "Karyawan Swasta": 15
        case "Karyawan BUMN": 16
        case "Buruh Harian Lepas": 19
        case "Buruh Tani/Perkebunan": 20
        case "Wiraswasta": 88
        default: 89
        }
    }

    /// The 10-digit BPS code of each desa/kelurahan the shipped crosswalk knows (by Kemendagri code).
    static func bpsVillageCodes() throws -> [RegionCode: String] {
        var codes: [RegionCode: String] = [:]
        for entry in try ReferenceData.bpsCrosswalk() where entry.level == .desa || entry.level == .kelurahan {
            if codes[entry.regionCode] == nil { codes[entry.regionCode] = entry.bpsCode }
        }
        return codes
    }
}

/// People listed with a family who no longer live in it (dead, moved, missing): the rows a population export
/// keeps with a status, which a correct import leaves out of every count.
struct NonResidents {
    enum Status {
        case dead, movedDomestic, movedAbroad, missing
    }

    private var counters: [String: Int] = [:]

    /// Draws, for about one family in twenty, a former member: a parent who died, a grown child who moved away
    /// or one who went missing. NIKs use serials from 9001, which no resident's NIK of the village uses.
    mutating func draw(for family: SynthFamily, village: VillageContext, asOf: CalendarDate, random: inout SynthRandom)
        -> (person: Person, status: Status)? {
        guard random.chance(0.05) else { return nil }
        let roll = random.unit()
        let status: Status = roll < 0.5 ? .dead : roll < 0.8 ? .movedDomestic : roll < 0.9 ? .movedAbroad : .missing
        let age = status == .dead ? random.int(65...95) : random.int(19...35)
        let sex: Sex = random.chance(0.5) ? .male : .female
        let birthDate = asOf.adding(days: -(age * 365 + age / 4 + random.int(1...364)))
        let district = village.plan.kecamatan.code.compact
        let key = district + birthDate.description
        let counter = (counters[key] ?? 0) + 1
        counters[key] = counter
        guard counter <= 999 else { return nil }
        let nik = NIK.compose(district: district, birthDate: birthDate, sex: sex, serial: 9000 + counter)
        let sumbawa = PopulationPlan.sumbawaIsland.contains(village.regency.code.dotted)
        let names = sex == .male ? (sumbawa ? Vocabulary.sumbawaMale : Vocabulary.lombokMale)
                                 : (sumbawa ? Vocabulary.sumbawaFemale : Vocabulary.lombokFemale)
        let person = Person(nik: nik, name: random.pick(names), sex: sex, birthDate: birthDate,
                            birthPlace: village.plan.kecamatan.name, relationship: status == .dead ? .parent : .child,
                            maritalStatus: status == .dead ? .widowed : .single, education: .primary,
                            occupation: status == .dead ? "Tidak Bekerja" : "Wiraswasta")
        return (person, status)
    }
}
