import Foundation

/// The programme flags national files carry on their family (or person) rows — P3KE's `Penerima PKH`, `Penerima BPNT`,
/// `Penerima Sembako` (`YA`/`TIDAK`), Regsosek/DTSEN's `kd_pkh`, `kd_bss_bnpt`, `kd_blt_dana_desa` (1 ya, 2 tidak), a
/// person's `Penerima PBI` — and the national programmes they record enrolments in (registered on demand).
public enum NationalProgrammeFlags {
    /// A national programme a flag names, as it is registered when first met.
    public struct Programme: Sendable, Hashable {
        public let code: String
        public let name: String
        public let organisation: String
        public let kind: OrganisationKind
        public let sector: Sector
        public let unit: ProgrammeUnit
    }

    public static let pkh = Programme(code: "PKH", name: "Program Keluarga Harapan", organisation: "Kementerian Sosial", kind: .ministry,
                                      sector: .cash, unit: .family)
    public static let bpnt = Programme(code: "BPNT", name: "Program Sembako/BPNT", organisation: "Kementerian Sosial", kind: .ministry,
                                       sector: .food, unit: .family)
    public static let pbi = Programme(code: "PBI-JK", name: "Penerima Bantuan Iuran Jaminan Kesehatan", organisation: "Kementerian Sosial",
                                      kind: .ministry, sector: .health, unit: .person)
    public static let bltDesa = Programme(code: "BLT-DD", name: "BLT Dana Desa", organisation: "Pemerintah Desa", kind: .village,
                                          sector: .cash, unit: .family)

    /// Flag columns by their header, lower case with letters and digits only (`Penerima PKH` → `penerimapkh`).
    public static let columns: [String: Programme] = [
        "penerimapkh": pkh, "kdpkh": pkh, "statuspkh": pkh, "pesertapkh": pkh,
        "penerimabpnt": bpnt, "penerimasembako": bpnt, "kdbssbnpt": bpnt, "kdbpnt": bpnt, "statusbpnt": bpnt,
        "penerimapbi": pbi, "penerimapbijk": pbi, "statuspbi": pbi, "pbijk": pbi, "kdpbi": pbi,
        "kdbltdanadesa": bltDesa, "penerimabltdd": bltDesa, "penerimabltdanadesa": bltDesa, "bltdanadesa": bltDesa,
    ]

    /// A flag's value: `YA`/`Y`/`1`/`TRUE` → true, `TIDAK`/`T`/`2`/`0`/`FALSE` → false, anything else (blank, unknown) `nil`.
    public static func flag(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "ya", "y", "1", "true", "iya", "penerima": true
        case "tidak", "t", "2", "0", "false", "bukan", "tdk": false
        default: nil
        }
    }
}
