import LumbungDomain
import LumbungStore

/// A family found by NIK, as one user may see it: NIK, No. KK and birth dates in full only for roles allowed
/// to (admins and operators); otherwise the first 4 digits of NIK and No. KK and the birth year only
/// (`IdentityMask`), so no combination of shown fields rebuilds a NIK.
struct FamilyView: Encodable {
    struct Source: Encodable {
        let batchID: Int
        let fileName: String
        let layout: String
        let asOf: String?
        /// `asOf` as the page writes a date ("30 Juni 2025").
        let asOfText: String?
        let gave: String
    }

    struct Member: Encodable {
        let nik: String?
        let name: String
        let sex: String?
        /// The full date (yyyy-mm-dd), only for roles that see identities in full.
        let birthDate: String?
        /// The same date as Indonesians write it on the page ("5 Agustus 1992").
        let birthDateText: String?
        let birthYear: Int?
        let relationship: String?
        let disability: String?
        let needsVerification: Bool
        let isSubject: Bool
    }

    let village: String
    let villageCode: String
    let kkNumber: String?
    let headName: String?
    let address: String?
    let desil: Int?
    let members: [Member]
    /// Each import that gave some of the family's data, oldest first, and what it gave.
    let sources: [Source]
    let hasSources: Bool
    /// Every programme that reaches the family or a member, with its period and amount.
    let programmes: [Programme]
    let hasProgrammes: Bool
    /// NIK, No. KK and birth dates are masked.
    let masked: Bool
    /// Why, for roles that see masked identities.
    let maskNote: String?

    struct Programme: Encodable {
        let code: String
        let name: String
        let organisation: String
        let sectors: String
        let period: String
        let receivedOn: String?
        let amount: String?
        let person: String?
        let match: String
        /// The programme's participant number (`No. Peserta`), when a list gave one.
        let participantNumber: String?
    }

    /// `texts`: the language of the page (the JSON API keeps the Indonesian default).
    init(_ card: FamilyCard, tree: RegionTree, fullIdentity: Bool, programmes: [FamilyProgramme] = [], texts: Catalogue = .of(.id)) {
        self.programmes = programmes.map {
            Programme(code: $0.code, name: $0.name, organisation: $0.organisation, sectors: $0.sectors.map(texts.name).joined(separator: ", "),
                      period: $0.period, receivedOn: $0.receivedOn?.description, amount: $0.amount.map { "Rp " + texts.number($0) },
                      person: $0.personName, match: texts.name($0.match), participantNumber: $0.participantNumber)
        }
        hasProgrammes = !programmes.isEmpty
        func shown(_ digits: String?) -> String? { digits.map { fullIdentity ? $0 : IdentityMask.masked($0) } }
        village = tree.path(to: card.villageCode).map(\.title).joined(separator: " › ")
        villageCode = card.villageCode.dotted
        kkNumber = shown(card.kkNumber)
        headName = card.headName
        address = card.address
        desil = card.desil
        masked = !fullIdentity
        maskNote = fullIdentity ? nil
            : "NIK dan No. KK disamarkan (hanya 4 digit pertama) dan tanggal lahir ditampilkan sebagai tahun, karena peran Anda tidak melihat identitas lengkap."
        members = card.members.map {
            Member(nik: shown($0.nik), name: $0.name, sex: $0.sex?.label, birthDate: fullIdentity ? $0.birthDate?.description : nil,
                   birthDateText: fullIdentity ? $0.birthDate.map(texts.date) : nil,
                   birthYear: IdentityMask.birthYear($0.birthDate),
                   relationship: $0.relationship?.label, disability: $0.disability?.label, needsVerification: $0.needsVerification,
                   isSubject: $0.isSubject)
        }
        sources = card.sources.map {
            Source(batchID: $0.batchID, fileName: $0.fileName, layout: $0.layout, asOf: $0.asOf,
                   asOfText: $0.asOf.map { iso in CalendarDate(iso: String(iso.prefix(10))).map(texts.date) ?? iso }, gave: $0.gave.joined(separator: ", "))
        }
        hasSources = !sources.isEmpty
    }
}

/// The model of `/orang`: the NIK form and, after a lookup, the family or why there is none.
struct FamilyPage {
    let title: String
    let query = ""
    let csrf: String
    let family: FamilyView?
    let message: String?
    /// "Keluarga di …".
    let familyHeading: String?

    init(csrf: String, family: FamilyView?, message: String?, texts: Catalogue) {
        title = texts["person_title"] + " — Lumbung"
        self.csrf = csrf
        self.family = family
        self.message = message
        familyHeading = family.map { texts("person_family_in", ["village": $0.village]) }
    }
}
