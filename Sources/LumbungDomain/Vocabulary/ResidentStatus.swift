/// Whether a person listed in a file still lives in the family and the desa — the status population
/// exports carry per person (`shared/docs/domain.md` §1.5 question 404, §1.10, §1.11). Lumbung's own codes.
///
/// - SIAK `Status`: `Hidup`, `Mati`, `Pindah Dalam Negeri`, `Pindah Luar Negeri`, `Tidak Valid` (labels).
/// - The village system's `status_dasar`: 1 hidup, 2 mati, 3 pindah, 4 hilang, 6 pergi, 9 tidak valid —
///   the codes of that system's own enumeration (its published source, `StatusDasarEnum`). An earlier
///   note listed 5 pergi, 6 tidak valid; 5 is therefore not read (unknown) and 6 is *pergi*.
/// - Regsosek 404 `kd_ket_keberadaan_art`: 1 tinggal, 2 meninggal, 3 pindah dalam negeri, 4 pindah luar
///   negeri, 5 ART baru, 6 tidak ditemukan.
///
/// Only ``alive`` and ``newMember`` count as residents (``countsAsResident``): the dead, the moved, the
/// missing, those gone and invalid records leave the counts of their desa but stay in the registry.
public enum ResidentStatus: Int, CodeList {
    case alive = 1, dead, movedOut, missing, away, invalid, movedAbroad, newMember

    public var label: String {
        switch self {
        case .alive: "Hidup"
        case .dead: "Mati"
        case .movedOut: "Pindah"
        case .missing: "Hilang"
        case .away: "Pergi"
        case .invalid: "Tidak Valid"
        case .movedAbroad: "Pindah Luar Negeri"
        case .newMember: "Anggota Baru"
        }
    }

    /// Whether the person counts among the residents of their family and desa.
    public var countsAsResident: Bool { self == .alive || self == .newMember }
}

extension ResidentStatus: LabelledCodeList {
    public static let labels = index([
        ("Aktif", .alive), ("Masih Hidup", .alive), ("Tinggal", .alive), ("Tinggal Bersama Keluarga", .alive),
        ("Tinggal di Ruta", .alive),
        ("Meninggal", .dead), ("Meninggal Dunia", .dead), ("Wafat", .dead), ("Almarhum", .dead), ("Alm", .dead),
        ("Pindah Dalam Negeri", .movedOut), ("Pindah Keluar", .movedOut), ("Pindah Domisili", .movedOut),
        ("Tidak Tinggal di Ruta/Pindah", .movedOut), ("Pindah Datang", .alive),
        ("Tidak Ditemukan", .missing), ("Hilang/Tidak Ditemukan", .missing),
        ("Pindah LN", .movedAbroad), ("Pindah ke Luar Negeri", .movedAbroad),
        ("ART Baru", .newMember), ("Anggota Keluarga Baru", .newMember), ("Anggota Rumah Tangga Baru", .newMember),
        ("Invalid", .invalid),
    ])

    /// A code in `system`: the village system's `status_dasar` (1, 2, 3, 4, 6, 9) in Dukcapil and the
    /// village system, Regsosek 404 in Regsosek, Lumbung's raw values in Lumbung; none elsewhere.
    public static func value(code: Int, system: CodeSystem) -> ResidentStatus? {
        switch system {
        case .lumbung: raw(code)
        case .dukcapil, .openSID:
            switch code {
            case 1: .alive
            case 2: .dead
            case 3: .movedOut
            case 4: .missing
            case 6: .away
            case 9: .invalid
            default: nil
            }
        case .regsosek:
            switch code {
            case 1: .alive
            case 2: .dead
            case 3: .movedOut
            case 4: .movedAbroad
            case 5: .newMember
            case 6: .missing
            default: nil
            }
        case .bdt, .p3ke: nil
        }
    }
}
