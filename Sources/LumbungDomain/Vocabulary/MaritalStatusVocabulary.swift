/// Status kawin as files write it (`shared/docs/domain.md` §1.5 question 408, §1.8, §1.11): codes 1–4
/// (1 belum kawin, 2 kawin, 3 cerai hidup, 4 cerai mati) in Dukcapil, the village system, Regsosek and
/// BDT `Sta_kawin` alike; SIAK's newer labels that say whether the marriage or divorce is registered
/// (`Kawin Tercatat`, `Kawin Belum Tercatat`, `Cerai Hidup Tercatat` …), all read as the status itself.
///
/// Choice: a bare `Janda` (widow or divorced woman) or `Duda` (widower or divorced man) does not say how
/// the marriage ended; Lumbung reads it as *cerai mati* (as the importer did before) — `Janda Cerai Hidup`
/// and `Duda Cerai Hidup` are read as *cerai hidup*.
extension MaritalStatus: LabelledCodeList {
    public static let labels = index([
        ("Belum Menikah", .single), ("Lajang", .single), ("Tidak Kawin", .single), ("Bujang", .single),
        ("Belum Nikah", .single),
        ("Kawin Tercatat", .married), ("Kawin Belum Tercatat", .married), ("Kawin Tidak Tercatat", .married),
        ("Menikah", .married), ("Nikah", .married), ("Kawin Siri", .married), ("Nikah Siri", .married),
        ("Kawin/Nikah", .married), ("Sudah Kawin", .married),
        ("Cerai", .divorced), ("Cerai Hidup Tercatat", .divorced), ("Cerai Hidup Belum Tercatat", .divorced),
        ("Cerai Hidup Tidak Tercatat", .divorced), ("Janda Cerai Hidup", .divorced), ("Duda Cerai Hidup", .divorced),
        ("Cerai Mati Tercatat", .widowed), ("Cerai Mati Belum Tercatat", .widowed), ("Janda", .widowed), ("Duda", .widowed),
        ("Janda Cerai Mati", .widowed), ("Duda Cerai Mati", .widowed), ("Janda/Duda", .widowed),
    ])

    /// 1–4 in every system.
    public static func value(code: Int, system: CodeSystem) -> MaritalStatus? { raw(code) }
}
