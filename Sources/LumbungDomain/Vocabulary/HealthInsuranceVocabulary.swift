/// JKN membership as files write it (`shared/docs/domain.md` §1.5 question 431a, §1.11 `id_asuransi`,
/// §3 PBI-JK).
///
/// - Regsosek 431a and Lumbung: a **sum of codes** 0–15 (1 PBI, 2 JKN mandiri, 4 JKN pemberi kerja,
///   8 other); 0 is none; 99 (not known) is blank.
/// - The village system's `id_asuransi`: 1 tidak/belum punya, 2 BPJS penerima bantuan iuran, 3 BPJS non
///   penerima bantuan iuran, 4 BPJS bantuan daerah (PBI paid by the pemda), 99 asuransi lainnya.
/// - Labels: `PBI`, `BPJS PBI`, `KIS`, `JKN PBI`, `PBI APBN`, `PBI APBD`, `PBI-JK`; `JKN Mandiri`, `BPJS
///   Mandiri`, `PBPU`; `Pekerja Penerima Upah`, `PPU`; `Asuransi Lainnya`; `Tidak Punya`/`Tidak Ada`/`Tidak` →
///   none (the empty set, an answer distinct from blank).
///
/// Choice: `BPJS Non PBI` / `Non Penerima Bantuan Iuran` says only that the state does not pay; it is read
/// as *mandiri* (self-paid or paid by an employer alike have JKN, which is what the indicators count).
extension HealthInsurance {
    public static func match(_ text: String, system: CodeSystem) -> CodeMatch<HealthInsurance> {
        CodeText.match(text, labels: labels, system: system) { code in
            switch system {
            case .lumbung, .regsosek:
                if code == 99 { return nil }
                return (0...15).contains(code) ? HealthInsurance(rawValue: code) : nil
            case .openSID:
                switch code {
                case 1: return []
                case 2, 4: return .pbi
                case 3: return .selfPaid
                case 99: return .other
                default: return nil
                }
            case .dukcapil, .bdt, .p3ke:
                return code == 0 ? [] : nil
            }
        }
        .blankingNotKnown(text, system: system)
    }

    static let labels = LabelIndex<HealthInsurance>([
        ("Tidak Punya", []), ("Tidak Ada", []), ("Tidak", []), ("Tidak/Belum Punya", []), ("Belum Punya", []),
        ("Tidak Memiliki", []), ("Tidak Memiliki JKN", []), ("Tidak Punya BPJS", []), ("Tidak Ada Jaminan", []),
        ("PBI", .pbi), ("BPJS PBI", .pbi), ("KIS", .pbi), ("JKN PBI", .pbi), ("PBI APBN", .pbi), ("PBI APBD", .pbi),
        ("PBI-JK", .pbi), ("PBI JKN", .pbi), ("KIS PBI", .pbi), ("BPJS Penerima Bantuan Iuran", .pbi), ("Penerima Bantuan Iuran", .pbi),
        ("BPJS Bantuan Daerah", .pbi), ("Jamkesda", .pbi), ("JKN-KIS PBI", .pbi), ("BPJS Kesehatan PBI", .pbi), ("PBI Daerah", .pbi),
        ("JKN Mandiri", .selfPaid), ("BPJS Mandiri", .selfPaid), ("Mandiri", .selfPaid), ("PBPU", .selfPaid),
        ("BPJS Non PBI", .selfPaid), ("Non PBI", .selfPaid), ("BPJS Non Penerima Bantuan Iuran", .selfPaid),
        ("Peserta Bukan Penerima Upah", .selfPaid), ("BPJS Kesehatan Mandiri", .selfPaid), ("JKN Non PBI", .selfPaid),
        ("Pekerja Penerima Upah", .employer), ("PPU", .employer), ("BPJS PPU", .employer), ("JKN Pemberi Kerja", .employer),
        ("Pemberi Kerja", .employer), ("BPJS Pemberi Kerja", .employer), ("JKN PPU", .employer), ("BPJS Perusahaan", .employer),
        ("Asuransi Lainnya", .other), ("Asuransi Swasta", .other), ("Lainnya", .other), ("Asuransi Lain", .other),
    ])
}

extension CodeMatch where Value == HealthInsurance {
    /// Regsosek's and Lumbung's 99 ("not known") is no answer: blank, not unknown.
    fileprivate func blankingNotKnown(_ text: String, system: CodeSystem) -> CodeMatch<HealthInsurance> {
        if case .unknown = self, system == .regsosek || system == .lumbung, CodeText.integer(CodeText.trimmed(text)) == 99 { return .blank }
        return self
    }
}
