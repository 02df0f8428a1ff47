import Foundation
import LumbungDomain
import LumbungSheets

/// Reads code-list cells given as the official code or as a label, in each source's own words.
enum CodeValue {
    /// The value of `cell` in list `L`: its number, its label, or one of `extra` labels (normalised).
    static func parse<L: CodeList>(_ cell: SheetValue, as _: L.Type, extra: [String: L] = [:]) -> Lookup<L> {
        guard let text = CellText.text(cell) else { return .blank }
        if let code = CellText.integer(cell) { return L(rawValue: code).map(Lookup.found) ?? .unknown(text) }
        let key = LabelWords.key(text)
        if let value = extra[key] ?? labels(L.self)[key] { return .found(value) }
        // "1. Kepala Keluarga", "01 - Tamat SD": a code written before its label.
        let leading = text.prefix { $0.isASCIIDigit }
        if !leading.isEmpty, leading.count <= 2, let code = Int(leading), let value = L(rawValue: code) {
            let rest = LabelWords.key(String(text.dropFirst(leading.count)))
            if rest.isEmpty || extra[rest] == value || labels(L.self)[rest] == value { return .found(value) }
        }
        return .unknown(text)
    }

    enum Lookup<L> {
        case blank
        case found(L)
        case unknown(String)
    }

    private static func labels<L: CodeList>(_: L.Type) -> [String: L] {
        Dictionary(L.allCases.map { (LabelWords.key($0.label), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The label variants real files use for list `L` (beyond its official labels).
    static func words<L: CodeList>(_: L.Type) -> [String: L] {
        LabelWords.variants(L.self)
    }

    /// Desil 1–10 as a number, `Desil 3`, or a welfare-status word.
    static func desil(_ cell: SheetValue) -> Lookup<Int> {
        guard let text = CellText.text(cell) else { return .blank }
        if let number = CellText.integer(cell) { return (1...10).contains(number) ? .found(number) : .unknown(text) }
        let key = LabelWords.key(text)
        if key.hasPrefix("desil"), let number = Int(key.dropFirst(5).prefix { $0.isASCIIDigit }), (1...10).contains(number) { return .found(number) }
        if let value = LabelWords.welfareStatus[key] { return .found(value) }
        return .unknown(text)
    }

    /// Disability: `.found(nil)` for an explicit "none" (Lumbung's 0, the legacy list's 7 "tidak cacat", "Tidak Ada").
    static func disability(_ cell: SheetValue, legacy: Bool) -> Lookup<DisabilityType?> {
        guard let text = CellText.text(cell) else { return .blank }
        if let number = CellText.integer(cell) {
            if legacy {
                switch number {
                case 1: return .found(.physical)
                case 2, 3: return .found(.sensory)
                case 4: return .found(.mental)
                case 5: return .found(.multiple)
                case 0, 7: return .found(nil)
                default: return .unknown(text)
                }
            }
            if number == 0 { return .found(nil) }
            return DisabilityType(rawValue: number).map { .found($0) } ?? .unknown(text)
        }
        let key = LabelWords.key(text)
        if LabelWords.noDisability.contains(key) { return .found(nil) }
        if let value = disabilityWord(key) { return .found(value) }
        // "Tuna Netra/Buta", "Cacat Rungu/Wicara", "Fisik dan Mental": each part read; parts of two kinds are multiple.
        let parts = text.lowercased().replacingOccurrences(of: " dan ", with: "/").split(whereSeparator: { $0 == "/" || $0 == "," || $0 == "&" || $0 == "+" })
        let kinds = parts.map { disabilityWord(LabelWords.key(String($0))) }
        if parts.count > 1, kinds.allSatisfy({ $0 != nil }) {
            let distinct = Set(kinds.compactMap { $0 })
            return .found(distinct.count == 1 ? distinct.first : .multiple)
        }
        return .unknown(text)
    }

    /// A disability word, with "cacat", "penyandang", "disabilitas" and "tuna" read as the fillers they are.
    private static func disabilityWord(_ key: String) -> DisabilityType? {
        if let value = LabelWords.disability[key] ?? labels(DisabilityType.self)[key] { return value }
        for filler in ["penyandang", "disabilitas", "cacat", "ragam"] where key.hasPrefix(filler) && key.count > filler.count {
            if let value = disabilityWord(String(key.dropFirst(filler.count))) { return value }
        }
        return nil
    }

    /// Alive, dead, moved: village systems' `status_dasar` codes, Regsosek 404 codes, or words.
    static func residentStatus(_ cell: SheetValue, regsosek: Bool) -> Lookup<ResidentStatus> {
        guard let text = CellText.text(cell) else { return .blank }
        if let number = CellText.integer(cell) {
            if regsosek {
                switch number {
                case 1, 5: return .found(.alive)
                case 2: return .found(.dead)
                case 3, 4: return .found(.movedOut)
                case 6: return .found(.missing)
                default: return .unknown(text)
                }
            }
            return ResidentStatus(rawValue: number).map { .found($0) } ?? .unknown(text)
        }
        let key = LabelWords.key(text)
        if let value = LabelWords.residentStatus[key] ?? labels(ResidentStatus.self)[key] { return .found(value) }
        if key.hasPrefix("pindah") { return .found(.movedOut) }
        return .unknown(text)
    }

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
}
