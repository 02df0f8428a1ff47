/// Partisipasi sekolah as files write it (`shared/docs/domain.md` §1.5 question 412, BDT
/// `Partisipasi_sekolah` §1.4): Regsosek codes 1 never, 2 still, 3 no longer (Lumbung's raw values), and the
/// labels `Tidak/Belum Pernah Sekolah`, `Masih Sekolah`, `Tidak Sekolah Lagi`, `Putus Sekolah`. BDT's codes
/// are not documented and are not read.
extension SchoolParticipation: LabelledCodeList {
    public static let labels = index([
        ("Tidak Pernah Sekolah", .never), ("Belum Pernah Sekolah", .never), ("Belum Sekolah", .never),
        ("Tidak/Belum Sekolah", .never), ("Tidak/Belum Pernah Bersekolah", .never), ("Belum/Tidak Pernah Sekolah", .never),
        ("Tidak Pernah Bersekolah", .never),
        ("Sekolah", .enrolled), ("Masih Bersekolah", .enrolled), ("Sedang Sekolah", .enrolled), ("Aktif Sekolah", .enrolled),
        ("Tidak Bersekolah Lagi", .noLonger), ("Putus Sekolah", .noLonger), ("Sudah Tidak Sekolah", .noLonger),
        ("Tidak Sekolah", .noLonger), ("Berhenti Sekolah", .noLonger), ("Drop Out", .noLonger),
    ])

    public static func value(code: Int, system: CodeSystem) -> SchoolParticipation? {
        switch system {
        case .lumbung, .regsosek: raw(code)
        case .dukcapil, .openSID, .bdt, .p3ke: nil
        }
    }
}
