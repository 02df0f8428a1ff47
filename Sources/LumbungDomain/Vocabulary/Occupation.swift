/// Pekerjaan — Dukcapil's occupation list as SIAK and the village systems use it (the village system's
/// `pekerjaan_id`, SIAK's `Pekerjaan`, SIKS-NG's `JENIS PEKERJAAN`; `shared/docs/domain.md` §1.3, §1.11):
/// codes 1–89, from 1 *Belum/Tidak Bekerja* to 88 *Wiraswasta* and 89 *Lainnya*. The list follows
/// Dukcapil's, in its order; the labels are Dukcapil's, in title case. Raw values are Dukcapil's codes.
///
/// A struct rather than an enum of 89 cases: the common occupations have names (``notWorking``,
/// ``farmer``, ``casualLabourer`` …), the rest are read by code or label.
///
/// Variants: `Petani`, `Pekebun`, `Petani/Perkebunan`, `Nelayan`, `Buruh`, `Buruh Harian`, `Buruh Tani`,
/// `PNS`, `ASN`, `TNI`, `Polri`, `IRT`, `Ibu Rumah Tangga`, `Pelajar`, `Mahasiswa`, `Siswa`, `Belum Bekerja`,
/// `Tidak Bekerja`, `Pedagang`, `Swasta`, `Karyawan`, `Honorer`, `Supir`, `Wirausaha`, `Lain-lain`.
/// Choices: `Buruh` alone is read as *Buruh Harian Lepas*; `Swasta` and `Karyawan` alone as *Karyawan
/// Swasta*; `Pelajar` and `Mahasiswa` as *Pelajar/Mahasiswa*. Regsosek and BDT describe work with other
/// questions (lapangan usaha 417, status 418), not this list: their numbers are not read as occupations.
public struct Occupation: CodeList {
    public let rawValue: Int

    /// The occupation with Dukcapil code `rawValue` (1–89).
    public init?(rawValue: Int) {
        guard Self.dukcapilLabels.indices.contains(rawValue - 1) else { return nil }
        self.rawValue = rawValue
    }

    private init(code: Int) { rawValue = code }

    public static let allCases: [Occupation] = (1...89).map(Occupation.init(code:))

    public var label: String { Self.dukcapilLabels[rawValue - 1] }

    public static let notWorking = Occupation(code: 1)
    public static let housekeeping = Occupation(code: 2)
    public static let student = Occupation(code: 3)
    public static let retired = Occupation(code: 4)
    public static let civilServant = Occupation(code: 5)
    public static let military = Occupation(code: 6)
    public static let police = Occupation(code: 7)
    public static let trade = Occupation(code: 8)
    public static let farmer = Occupation(code: 9)
    public static let livestockFarmer = Occupation(code: 10)
    public static let fisher = Occupation(code: 11)
    public static let privateEmployee = Occupation(code: 15)
    public static let honoraryEmployee = Occupation(code: 18)
    public static let casualLabourer = Occupation(code: 19)
    public static let farmLabourer = Occupation(code: 20)
    public static let fisheryLabourer = Occupation(code: 21)
    public static let domesticWorker = Occupation(code: 23)
    public static let teacher = Occupation(code: 65)
    public static let driver = Occupation(code: 81)
    public static let trader = Occupation(code: 84)
    public static let villageOfficial = Occupation(code: 85)
    public static let selfEmployed = Occupation(code: 88)
    public static let other = Occupation(code: 89)

    /// Dukcapil's labels, code 1 first.
    static let dukcapilLabels: [String] = [
        "Belum/Tidak Bekerja",
        "Mengurus Rumah Tangga",
        "Pelajar/Mahasiswa",
        "Pensiunan",
        "Pegawai Negeri Sipil (PNS)",
        "Tentara Nasional Indonesia (TNI)",
        "Kepolisian RI (POLRI)",
        "Perdagangan",
        "Petani/Pekebun",
        "Peternak",
        "Nelayan/Perikanan",
        "Industri",
        "Konstruksi",
        "Transportasi",
        "Karyawan Swasta",
        "Karyawan BUMN",
        "Karyawan BUMD",
        "Karyawan Honorer",
        "Buruh Harian Lepas",
        "Buruh Tani/Perkebunan",
        "Buruh Nelayan/Perikanan",
        "Buruh Peternakan",
        "Pembantu Rumah Tangga",
        "Tukang Cukur",
        "Tukang Listrik",
        "Tukang Batu",
        "Tukang Kayu",
        "Tukang Sol Sepatu",
        "Tukang Las/Pandai Besi",
        "Tukang Jahit",
        "Tukang Gigi",
        "Penata Rias",
        "Penata Busana",
        "Penata Rambut",
        "Mekanik",
        "Seniman",
        "Tabib",
        "Paraji",
        "Perancang Busana",
        "Penterjemah",
        "Imam Masjid",
        "Pendeta",
        "Pastor",
        "Wartawan",
        "Ustadz/Mubaligh",
        "Juru Masak",
        "Promotor Acara",
        "Anggota DPR-RI",
        "Anggota DPD",
        "Anggota BPK",
        "Presiden",
        "Wakil Presiden",
        "Anggota Mahkamah Konstitusi",
        "Anggota Kabinet/Kementerian",
        "Duta Besar",
        "Gubernur",
        "Wakil Gubernur",
        "Bupati",
        "Wakil Bupati",
        "Walikota",
        "Wakil Walikota",
        "Anggota DPRD Provinsi",
        "Anggota DPRD Kabupaten/Kota",
        "Dosen",
        "Guru",
        "Pilot",
        "Pengacara",
        "Notaris",
        "Arsitek",
        "Akuntan",
        "Konsultan",
        "Dokter",
        "Bidan",
        "Perawat",
        "Apoteker",
        "Psikiater/Psikolog",
        "Penyiar Televisi",
        "Penyiar Radio",
        "Pelaut",
        "Peneliti",
        "Sopir",
        "Pialang",
        "Paranormal",
        "Pedagang",
        "Perangkat Desa",
        "Kepala Desa",
        "Biarawati",
        "Wiraswasta",
        "Lainnya",
    ]
}

extension Occupation: LabelledCodeList {
    public static let labels = index([
        ("Belum Bekerja", .notWorking), ("Tidak Bekerja", .notWorking), ("Belum/Tidak Bekerja", .notWorking),
        ("Tidak/Belum Bekerja", .notWorking), ("Tidak Bekerja/Belum Bekerja", .notWorking), ("Pengangguran", .notWorking),
        ("IRT", .housekeeping), ("Ibu Rumah Tangga", .housekeeping), ("Mengurus RT", .housekeeping),
        ("Pelajar", .student), ("Mahasiswa", .student), ("Siswa", .student), ("Pelajar/Siswa", .student),
        ("Pensiun", .retired), ("Purnawirawan", .retired),
        ("PNS", .civilServant), ("Pegawai Negeri Sipil", .civilServant), ("ASN", .civilServant), ("Pegawai Negeri", .civilServant),
        ("TNI", .military), ("Tentara Nasional Indonesia", .military), ("Tentara", .military),
        ("Polri", .police), ("Kepolisian RI", .police), ("Polisi", .police),
        ("Petani", .farmer), ("Pekebun", .farmer), ("Petani/Perkebunan", .farmer), ("Pertanian", .farmer), ("Tani", .farmer),
        ("Nelayan", .fisher), ("Perikanan", .fisher),
        ("Swasta", .privateEmployee), ("Karyawan", .privateEmployee), ("Pegawai Swasta", .privateEmployee),
        ("Honorer", .honoraryEmployee), ("Pegawai Honorer", .honoraryEmployee), ("Tenaga Honorer", .honoraryEmployee),
        ("Buruh", .casualLabourer), ("Buruh Harian", .casualLabourer), ("Buruh Lepas", .casualLabourer), ("BHL", .casualLabourer),
        ("Buruh Tani", .farmLabourer), ("Buruh Perkebunan", .farmLabourer),
        ("Buruh Nelayan", .fisheryLabourer),
        ("PRT", .domesticWorker), ("Pembantu", .domesticWorker),
        ("Supir", .driver), ("Sopir/Driver", .driver),
        ("Dagang", .trader), ("Berdagang", .trader),
        ("Aparat Desa", .villageOfficial), ("Perangkat Desa/Kelurahan", .villageOfficial),
        ("Wirausaha", .selfEmployed), ("Wiraswasta/Usaha Sendiri", .selfEmployed), ("Usaha Sendiri", .selfEmployed),
        ("Lain-lain", .other), ("Lain Lain", .other),
    ])

    /// Dukcapil's 1–89 in Lumbung, Dukcapil and the village system; no codes elsewhere.
    public static func value(code: Int, system: CodeSystem) -> Occupation? {
        switch system {
        case .lumbung, .dukcapil, .openSID: Occupation(rawValue: code)
        case .regsosek, .bdt, .p3ke: nil
        }
    }
}
