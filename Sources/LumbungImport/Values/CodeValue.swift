import LumbungDomain
import LumbungSheets

/// Reads code-list cells given as the official code or as a label, in each source's own words.
enum CodeValue {
    /// The value of `cell` in list `L`: its number, its label, or one of `extra` labels (normalised).
    static func parse<L: CodeList>(_ cell: SheetValue, as _: L.Type, extra: [String: L] = [:]) -> Lookup<L> {
        guard let text = CellText.text(cell) else { return .blank }
        if let code = CellText.integer(cell) { return L(rawValue: code).map(Lookup.found) ?? .unknown(text) }
        let key = HeaderName.normalize(text)
        if let value = extra[key] { return .found(value) }
        if let value = labels(L.self)[key] { return .found(value) }
        return .unknown(text)
    }

    enum Lookup<L> {
        case blank
        case found(L)
        case unknown(String)
    }

    private static func labels<L: CodeList>(_: L.Type) -> [String: L] {
        Dictionary(L.allCases.map { (HeaderName.normalize($0.label), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Sex as codes (1/2), letters (L/P, LK/PR) or words (Laki-laki/Perempuan, Pria/Wanita).
    static let sexWords: [String: Sex] = [
        "l": .male, "lk": .male, "lakilaki": .male, "pria": .male, "m": .male, "male": .male,
        "p": .female, "pr": .female, "perempuan": .female, "wanita": .female, "w": .female, "f": .female, "female": .female,
    ]

    /// P3KE's four relationship values and other common spellings, onto Dukcapil's SHDK.
    static let relationshipWords: [String: FamilyRelationship] = [
        "kepalakeluarga": .head, "kk": .head, "kepalarumahtangga": .head, "istri": .wife, "isteri": .wife, "suami": .husband,
        "anak": .child, "menantu": .childInLaw, "cucu": .grandchild, "orangtua": .parent, "mertua": .parentInLaw,
        "famililain": .otherRelative, "pembantu": .helper, "lainnya": .other, "famililainnya": .otherRelative,
    ]

    /// Regsosek 409 / BDT `Hub_KRT` codes onto SHDK: 1 kepala, 2 istri/suami, 3 anak, 4 menantu, 5 cucu,
    /// 6 orang tua/mertua, 7 pembantu/sopir, 8 lainnya. Code 2 becomes wife or husband by the person's sex.
    static func regsosekRelationship(_ code: Int, sex: Sex?) -> FamilyRelationship? {
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

    static let maritalWords: [String: MaritalStatus] = [
        "belumkawin": .single, "kawin": .married, "ceraihidup": .divorced, "ceraimati": .widowed, "kawintercatat": .married,
        "kawinbelumtercatat": .married, "janda": .widowed, "duda": .widowed,
    ]
}
