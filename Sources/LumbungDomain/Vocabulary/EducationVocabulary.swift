/// Pendidikan (highest education completed) as files write it, read onto Dukcapil's *pendidikan dalam
/// KK* (`shared/docs/domain.md` §1.8).
///
/// - Dukcapil codes 1–10 and labels (`Tidak/Belum Sekolah`, `Belum Tamat SD/Sederajat`, `Tamat
///   SD/Sederajat`, `SLTP/Sederajat`, `SLTA/Sederajat`, `Diploma I/II`, `Akademi/Diploma III/Sarjana Muda`,
///   `Diploma IV/Strata I`, `Strata II`, `Strata III`); the village system's `pendidikan_kk_id` is the same list.
/// - Regsosek 2022 jenjang codes 1–23 (413/415, §1.5), read by ``fromRegsosekLevel(_:)``.
/// - The BKKBN bands of P3KE (§1.6): `Tidak/belum sekolah`, `Tidak tamat SD/sederajat`, `Masih SD/sederajat`,
///   `Tamat SD/sederajat`, `Masih SLTP`, `Tamat SLTP/sederajat`, `Masih SLTA`, `Tamat SLTA/sederajat`,
///   `Masih PT/Akademi`, `Tamat Perguruan Tinggi`. *Masih X* (still at level X) is the level below X
///   completed; *Masih SD* is *belum tamat SD*.
/// - School names and abbreviations: SD, MI, SDLB, Paket A; SMP, MTs, SLTP, Paket B; SMA, SMU, SMK, STM,
///   MA, MAK, SLTA, Paket C; D1–D4, S1–S3, Sarjana, Magister, Doktor. A bare level (`SD`, `Lulus SMA`) is that
///   level completed (see ``LabelKey``).
///
/// Choices: BKKBN's *Tamat Perguruan Tinggi* does not say which degree; Lumbung reads it as *Diploma
/// IV/Strata I*, the most common one, so the person counts as having completed higher education (the
/// D3/S1/S2 distinction is lost). Regsosek's jenjang 18 *D1/D2/D3* is read as *Akademi/Diploma III* (the
/// common one of the three). A level followed by a subject (`S1 Hukum`, `D3 Keperawatan`) is unknown:
/// the report lists it and the user maps it.
extension Education: LabelledCodeList {
    public static let labels = index([
        // 1 tidak/belum sekolah
        ("Tidak Sekolah", .none), ("Belum Sekolah", .none), ("Belum/Tidak Sekolah", .none),
        ("Tidak Pernah Sekolah", .none), ("Tidak/Belum Pernah Sekolah", .none), ("Belum Pernah Sekolah", .none),
        ("Tidak Bersekolah", .none), ("Tidak/Belum Sekolah", .none),
        // 2 belum tamat SD
        ("Belum Tamat SD", .primaryIncomplete), ("Tidak Tamat SD", .primaryIncomplete),
        ("Tidak Tamat SD/Sederajat", .primaryIncomplete), ("Masih SD", .primaryIncomplete),
        ("Masih SD/Sederajat", .primaryIncomplete), ("SD Tidak Tamat", .primaryIncomplete),
        ("Belum Tamat SD/MI", .primaryIncomplete), ("Tidak Tamat SD/MI", .primaryIncomplete),
        ("Tidak/Belum Tamat SD", .primaryIncomplete),
        // 3 tamat SD
        ("SD", .primary), ("SD/MI", .primary), ("MI", .primary), ("SDLB", .primary), ("Paket A", .primary),
        ("Sekolah Dasar", .primary), ("Madrasah Ibtidaiyah", .primary), ("Masih SLTP", .primary), ("Masih SMP", .primary),
        ("Masih SMP/MTs", .primary),
        // 4 SLTP
        ("SLTP", .juniorSecondary), ("SMP", .juniorSecondary), ("MTs", .juniorSecondary), ("SMP/MTs", .juniorSecondary),
        ("SMPLB", .juniorSecondary), ("Paket B", .juniorSecondary), ("Madrasah Tsanawiyah", .juniorSecondary),
        ("Masih SLTA", .juniorSecondary), ("Masih SMA", .juniorSecondary), ("Masih SMA/SMK", .juniorSecondary),
        ("Masih SMA/SMK/MA", .juniorSecondary),
        // 5 SLTA
        ("SLTA", .seniorSecondary), ("SMA", .seniorSecondary), ("SMU", .seniorSecondary), ("SMK", .seniorSecondary),
        ("STM", .seniorSecondary), ("SMEA", .seniorSecondary), ("MA", .seniorSecondary), ("MAK", .seniorSecondary),
        ("SMA/SMK", .seniorSecondary), ("SMA/MA", .seniorSecondary), ("SMA/SMK/MA", .seniorSecondary),
        ("SMA/MA/SMK", .seniorSecondary), ("SMLB", .seniorSecondary), ("Paket C", .seniorSecondary),
        ("Masih PT/Akademi", .seniorSecondary), ("Masih Perguruan Tinggi", .seniorSecondary), ("Masih Kuliah", .seniorSecondary),
        ("Masih PT", .seniorSecondary), ("Masih Akademi/PT", .seniorSecondary),
        // 6 D-I/II
        ("D1", .diploma1or2), ("D2", .diploma1or2), ("D1/D2", .diploma1or2), ("D I/II", .diploma1or2),
        ("Diploma I", .diploma1or2), ("Diploma II", .diploma1or2), ("Diploma 1", .diploma1or2), ("Diploma 2", .diploma1or2),
        ("Diploma I/II", .diploma1or2),
        // 7 akademi/D-III
        ("D3", .diploma3), ("Diploma III", .diploma3), ("Akademi", .diploma3), ("Akademi/D3", .diploma3),
        ("Sarjana Muda", .diploma3), ("Akademi/Diploma III/S.Muda", .diploma3), ("Akademi/Diploma III/Sarmud", .diploma3),
        ("D1/D2/D3", .diploma3),
        // 8 D-IV/S1
        ("D4", .bachelor), ("S1", .bachelor), ("D4/S1", .bachelor), ("S1/D4", .bachelor), ("Diploma IV", .bachelor),
        ("Strata I", .bachelor), ("Sarjana", .bachelor), ("Diploma IV/Strata 1", .bachelor), ("Perguruan Tinggi", .bachelor),
        ("Tamat PT", .bachelor), ("Tamat Akademi/Perguruan Tinggi", .bachelor), ("Profesi", .bachelor),
        // 9 S2
        ("S2", .master), ("Strata II", .master), ("Magister", .master), ("Pasca Sarjana", .master), ("Pascasarjana", .master),
        ("Master", .master),
        // 10 S3
        ("S3", .doctorate), ("Strata III", .doctorate), ("Doktor", .doctorate), ("Doktoral", .doctorate),
    ])

    /// Dukcapil's 1–10 in Lumbung, Dukcapil and the village system; Regsosek's jenjang 1–23 in Regsosek
    /// (see ``fromRegsosekLevel(_:)``); no codes in BDT (whose `Pendidikan_tertinggi` list is not documented)
    /// or P3KE (labels).
    public static func value(code: Int, system: CodeSystem) -> Education? {
        switch system {
        case .lumbung, .dukcapil, .openSID: raw(code)
        case .regsosek: fromRegsosekLevel(code)
        case .bdt, .p3ke: nil
        }
    }

    /// Regsosek 2022 question 415 (*ijazah/STTB tertinggi*) jenjang code onto the highest level completed:
    /// 01 Paket A, 02 SDLB, 03 SD, 04 MI, 05 SPM/PDF Ula → tamat SD; 06 Paket B, 07 SMPLB, 08 SMP, 09 MTs,
    /// 10 SPM/PDF Wustha → SLTP; 11 Paket C, 12 SMLB, 13 SMA, 14 MA, 15 SMK, 16 MAK, 17 SPM/PDF Ulya → SLTA;
    /// 18 D1/D2/D3 → Akademi/Diploma III; 19 D4/S1 and 20 profesi → Diploma IV/Strata I; 21 S2; 22 S3;
    /// 23 no SD certificate → belum tamat SD. For question 413 (the level attended) the caller must know the
    /// person finished it (412 = 3 and 414 = 8): a level still attended is not completed.
    public static func fromRegsosekLevel(_ code: Int) -> Education? {
        switch code {
        case 1...5: .primary
        case 6...10: .juniorSecondary
        case 11...17: .seniorSecondary
        case 18: .diploma3
        case 19, 20: .bachelor
        case 21: .master
        case 22: .doctorate
        case 23: .primaryIncomplete
        default: nil
        }
    }
}
