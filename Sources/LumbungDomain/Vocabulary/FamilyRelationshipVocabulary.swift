/// SHDK as files write it (`shared/docs/domain.md` §1.4–1.8, §1.11, §4.4).
///
/// - Codes: Dukcapil 1–11 (§1.8; the village system's `kk_level` too); Regsosek 409 and BDT `Hub_KRT`/
///   `Hubkel` 1–8 (§1.4, §1.5), read by ``fromRegsosek(_:sex:)``; P3KE writes labels only.
/// - Labels: Dukcapil's (`Kepala Keluarga`, `Suami`, `Istri`, `Anak`, `Menantu`, `Cucu`, `Orangtua`/`Orang
///   Tua`, `Mertua`, `Famili Lain`, `Pembantu`, `Lainnya`), Regsosek's (`Istri/Suami`, `Orang Tua/Mertua`,
///   `Pembantu/Sopir`), P3KE's four (`Kepala Keluarga`, `Istri`, `Anak`, `Lainnya`) and common spellings
///   (`KK`, `KRT`, `Kepala Rumah Tangga`, `Isteri`, `Anak Kandung`, `Saudara`).
///
/// Choices: *kepala rumah tangga* (`KRT`, BDT `Hub_KRT` 1) is read as the head: in files that give only
/// the household relationship it is the only head there is (§4.4 keeps KK and ruta distinct; prefer a
/// family column when a file has both). Regsosek's *orang tua/mertua* (6) is read as *orang tua*, its
/// *pembantu/sopir* (7) as *pembantu*. *Istri/Suami* (Regsosek 2) needs the person's sex: use
/// ``match(_:system:sex:)``; without a sex it is unknown.
extension FamilyRelationship: LabelledCodeList {
    public static let labels = index([
        ("KK", .head), ("Kepala", .head), ("Kepala KK", .head), ("Kepala Rumah Tangga", .head), ("KRT", .head),
        ("Kepala Rumahtangga", .head), ("Kepala Ruta", .head), ("Kep. Keluarga", .head), ("Kepala Kel", .head),
        ("Suami", .husband),
        ("Istri", .wife), ("Isteri", .wife),
        ("Anak", .child), ("Anak Kandung", .child), ("Anak Tiri", .child), ("Anak Angkat", .child),
        ("Menantu", .childInLaw),
        ("Cucu", .grandchild),
        ("Orangtua", .parent), ("Orang Tua", .parent), ("Ortu", .parent), ("Ayah", .parent), ("Ibu", .parent),
        ("Orang Tua/Mertua", .parent), ("Orangtua/Mertua", .parent),
        ("Mertua", .parentInLaw),
        ("Famili Lain", .otherRelative), ("Famili Lainnya", .otherRelative), ("Famili", .otherRelative),
        ("Keluarga Lain", .otherRelative), ("Keluarga Lainnya", .otherRelative), ("Saudara", .otherRelative),
        ("Pembantu", .helper), ("Pembantu Rumah Tangga", .helper), ("PRT", .helper), ("Pembantu/Sopir", .helper),
        ("Pembantu Ruta", .helper), ("Sopir", .helper),
        ("Lainnya", .other), ("Lain-lain", .other), ("Lain Lain", .other), ("Lain", .other),
    ])

    /// Labels that name a spouse without saying which (Regsosek's *istri/suami*).
    static let spouseLabels = LabelIndex<Bool>([
        ("Istri/Suami", true), ("Suami/Istri", true), ("Suami Istri", true), ("Pasangan", true), ("Suami/Isteri", true),
    ])

    /// A code in `system`. Regsosek and BDT code 2 (*istri/suami*) cannot be read without the sex
    /// (`nil`); ``match(_:system:sex:)`` reads it. P3KE has no codes.
    public static func value(code: Int, system: CodeSystem) -> FamilyRelationship? {
        switch system {
        case .lumbung, .dukcapil, .openSID: raw(code)
        case .regsosek, .bdt: code == 2 ? nil : fromRegsosek(code, sex: nil)
        case .p3ke: nil
        }
    }

    /// Regsosek 409 (`kd_hubungan_dg_kk`) and BDT `Hub_KRT`/`Hubkel`: 1 kepala, 2 istri/suami, 3 anak,
    /// 4 menantu, 5 cucu, 6 orang tua/mertua, 7 pembantu/sopir, 8 lainnya. Code 2 is the wife when the
    /// person is female, the husband when male, and `nil` when the sex is not known.
    public static func fromRegsosek(_ code: Int, sex: Sex?) -> FamilyRelationship? {
        switch code {
        case 1: .head
        case 2: sex.map { $0 == .female ? .wife : .husband }
        case 3: .child
        case 4: .childInLaw
        case 5: .grandchild
        case 6: .parent
        case 7: .helper
        case 8: .other
        default: nil
        }
    }

    /// Reads `text` like ``match(_:system:)``, and resolves a spouse that the source does not name as
    /// wife or husband (Regsosek/BDT code 2, label `Istri/Suami`) by `sex`: female → wife, male → husband.
    public static func match(_ text: String, system: CodeSystem, sex: Sex?) -> CodeMatch<FamilyRelationship> {
        let trimmed = CodeText.trimmed(text)
        let spouse: FamilyRelationship? = sex.map { $0 == .female ? .wife : .husband }
        if spouseLabels.value(forLabel: trimmed) != nil {
            return spouse.map(CodeMatch.found) ?? .unknown(trimmed)
        }
        if let (_, label, _) = CodeText.codeAndLabel(trimmed), spouseLabels.value(forLabel: label) != nil {
            return spouse.map(CodeMatch.found) ?? .unknown(trimmed)
        }
        return CodeText.match(trimmed, labels: labels, system: nil) { code in
            switch system {
            case .regsosek, .bdt: fromRegsosek(code, sex: sex)
            default: value(code: code, system: system)
            }
        }
    }
}
