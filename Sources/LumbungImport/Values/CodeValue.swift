import Foundation
import LumbungDomain
import LumbungSheets

/// Reads coded cells with the domain's vocabularies (`LabelledCodeList`): a code in the system of the file's
/// source, or a label in any spelling. Which system a table writes its codes in is read from its headers.
enum CodeValue {
    /// The text a vocabulary reads: a number cell's digits, a date as written, or the text.
    static func text(_ cell: SheetValue) -> String? {
        switch cell {
        case .empty: nil
        case .bool(let flag): flag ? "1" : "0"
        default: CellText.text(cell)
        }
    }

    static func read<L: LabelledCodeList>(_ cell: SheetValue, as _: L.Type, system: CodeSystem) -> CodeMatch<L> {
        guard let text = text(cell) else { return .blank }
        return L.match(text, system: system)
    }

    /// The code system a table's numbers are in, from its headers: the village system's `…_id`/`kk_level`
    /// columns, Regsosek question numbers or `kd_…` columns, BDT's `KDPROP`/`Hub_KRT`, P3KE's family id, SIAK's
    /// and SIKS-NG's headers; otherwise Lumbung's own codes (what `lumbung generate` writes).
    static func system(of columns: ColumnMap) -> CodeSystem {
        let keys = Set(columns.header.map(HeaderName.normalize))
        if !keys.isDisjoint(with: ["kklevel", "pendidikankkid", "agamaid", "cacatid", "pekerjaanid", "statusdasar", "warganegaraid"]) {
            return .openSID
        }
        if columns.header.contains(where: { cell in HeaderName.questionCode(cell).map { ImportField.regsosekQuestions[$0.code] != nil } ?? false })
            || keys.contains(where: { $0.hasPrefix("kd") && !Self.notRegsosekEvidence.contains($0) && NationalProgrammeFlags.columns[$0] == nil }) {
            return .regsosek
        }
        if !keys.isDisjoint(with: ["kdprop", "kdkab", "kdkec", "kddesa", "hubkrt", "idartbdt", "idbdt", "stakawin", "jnskel", "percentile"]) {
            return .bdt
        }
        if columns.fields.contains(.sourceFamilyID) { return .p3ke }
        if !keys.isDisjoint(with: ["namapenduduk", "programbansos", "nomorkk", "desakel", "kelamin"]) { return .dukcapil }
        return .lumbung
    }

    /// `kd…` headers that do not make a file Regsosek-coded: BDT's region columns, and (through
    /// `NationalProgrammeFlags.columns`) the programme flags `kd_pkh`, `kd_bss_bnpt`, `kd_blt_dana_desa`, `kd_pbi`, which plain
    /// DTSEN exports carry beside Dukcapil-coded people (a flag is read the same in every system).
    static let notRegsosekEvidence: Set<String> = ["kdprop", "kdkab", "kdkec", "kddesa"]

    /// Desil 1–10 as a number, `Desil 3`, or a welfare-status word.
    static func desil(_ cell: SheetValue, system: CodeSystem) -> CodeMatch<Int> {
        guard let text = text(cell) else { return .blank }
        if case .found(let value) = WelfareDesil.match(text, system: system) { return (1...10).contains(value) ? .found(value) : .unknown(text) }
        return .unknown(text)
    }
}
