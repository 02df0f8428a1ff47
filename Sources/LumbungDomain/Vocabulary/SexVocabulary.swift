/// Jenis kelamin as files write it (§1.8, §1.11, §4.4 of `shared/docs/domain.md`): the code 1/2 in
/// every system (Dukcapil, Regsosek 405, the village system's `sex`, BDT `JnsKel`), letters (`L`, `LK`,
/// `P`, `PR`), and words (`Laki-Laki`, `Perempuan`, `Pria`, `Wanita`, English `Male`/`Female`).
extension Sex: LabelledCodeList {
    public static let labels = index([
        ("L", .male), ("LK", .male), ("Lk", .male), ("Laki", .male), ("Laki Laki", .male), ("Pria", .male),
        ("Male", .male), ("M", .male), ("Cowok", .male),
        ("P", .female), ("PR", .female), ("Pr", .female), ("Perempuan", .female), ("Wanita", .female),
        ("Female", .female), ("F", .female), ("W", .female), ("Cewek", .female),
    ])

    /// 1 laki-laki, 2 perempuan in every system.
    public static func value(code: Int, system: CodeSystem) -> Sex? { raw(code) }
}
