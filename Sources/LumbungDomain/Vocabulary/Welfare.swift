import Foundation

/// Desil kesejahteraan — a family's welfare decile 1–10 in DTKS/DTSEN/P3KE (1 the poorest tenth), as
/// files write it (`shared/docs/domain.md` §1.4, §1.6, §1.7): `1`, `Desil 1`, `Desil 1 (Sangat Miskin)`,
/// `D1`, and the P3KE/BLT-DD status words — `Sangat Miskin` / `Miskin Ekstrem` 1, `Miskin` 2, `Hampir
/// Miskin` 3, `Rentan Miskin` / `Rentan` 4 (§1.6 marks these words **unverified**; they are read because
/// files use them, and only for desil 1–4). BDT gives a percentile instead: ``fromPercentile(_:)``.
public enum WelfareDesil {
    /// The desil 1–10 `text` gives; the code system does not matter (1–10 everywhere).
    public static func match(_ text: String, system _: CodeSystem = .lumbung) -> CodeMatch<Int> {
        CodeText.match(text, labels: labels, system: .lumbung) { (1...10).contains($0) ? $0 : nil }
    }

    /// BDT's welfare percentile (1–100) as a desil: ceil(percentile / 10), so 1–10 → 1, 11–20 → 2 … 91–100
    /// → 10 (§1.4). 0 is the poorest too (desil 1). `nil` for a value outside 0–100 or not a number.
    public static func fromPercentile(_ percentile: Double) -> Int? {
        guard percentile >= 0, percentile <= 100, let desil = Int(checked: percentile / 10, rounding: .up) else { return nil }
        return max(1, desil)
    }

    static let labels: LabelIndex<Int> = {
        var pairs: [(String, Int)] = []
        for desil in 1...10 {
            pairs += [("Desil \(desil)", desil), ("D\(desil)", desil), ("Desil ke-\(desil)", desil), ("Desil-\(desil)", desil)]
        }
        pairs += [
            ("Sangat Miskin", 1), ("Miskin Ekstrem", 1), ("Miskin Ekstrim", 1), ("Sangat Miskin/Miskin Ekstrem", 1),
            ("Desil 1 (Sangat Miskin)", 1), ("Kemiskinan Ekstrem", 1),
            ("Miskin", 2),
            ("Hampir Miskin", 3),
            ("Rentan Miskin", 4), ("Rentan", 4), ("Rentan Miskin Lainnya", 4),
        ]
        return LabelIndex(pairs)
    }()
}

/// Yes/no cells — programme flags, assets, pregnancy (`shared/docs/domain.md` §1.4–1.6): `YA`/`TIDAK`,
/// `Y`/`T`, `1`/`0`, `✓`/`✔`/`v`/`x` (a ticked box) for yes, `Ada`/`Tidak Ada`, `Punya`/`Tidak Punya`,
/// `Benar`/`Salah`, `TRUE`/`FALSE`, `Yes`/`No`, `Penerima`/`Bukan Penerima`.
///
/// Codes are system-dependent: `1` is yes and `0` no everywhere; `2` is **no** in Regsosek (1 = ya,
/// 2 = tidak, questions 501–506) and BDT (`Ada_kks`, `Ada_pbi` …), and unknown elsewhere.
public enum YesNo {
    public static func match(_ text: String, system: CodeSystem) -> CodeMatch<Bool> {
        CodeText.match(text, labels: labels, system: system) { code in
            switch code {
            case 1: true
            case 0: false
            case 2 where system == .regsosek || system == .bdt: false
            default: nil
            }
        }
    }

    static let labels = LabelIndex<Bool>([
        ("Ya", true), ("Y", true), ("Yes", true), ("Ada", true), ("Punya", true), ("Memiliki", true), ("Benar", true),
        ("True", true), ("Penerima", true), ("Sudah", true), ("Iya", true), ("✓", true), ("✔", true), ("☑", true),
        ("☒", true), ("v", true), ("x", true), ("Hamil", true), ("Sedang Hamil", true), ("Terima", true), ("Menerima", true),
        ("Tidak", false), ("T", false), ("Tdk", false), ("No", false), ("N", false), ("Tidak Ada", false), ("Tidak Punya", false),
        ("Tidak Memiliki", false), ("Salah", false), ("False", false), ("Bukan Penerima", false), ("Belum", false),
        ("Tidak Hamil", false), ("Bukan", false), ("Tidak Menerima", false), ("Tidak Terima", false), ("✗", false), ("✘", false),
        ("☐", false),
    ])
}
