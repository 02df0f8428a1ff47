import Foundation

/// What a column means, whatever its header says. Each field lists the header spellings it is known
/// by, compared after `HeaderName.normalize` (case, spaces, underscores, punctuation and anything in
/// brackets ignored: "TANGGAL LAHIR (31/01/2000)" is `tanggallahir`).
///
/// The spellings come from the layouts in the domain brief: DTKS/DTSEN, P3KE, SIKS-NG usulan, BDT 2015,
/// Regsosek 2022 (question codes), village-system and SIAK population exports.
public enum ImportField: String, Sendable, CaseIterable, Codable {
    // Family
    case kkNumber = "no_kk", sourceFamilyID = "id_keluarga", villageCode = "kode_desa"
    case provinceName = "provinsi", regencyName = "kabupaten", districtName = "kecamatan", villageName = "desa"
    /// BPS (Wilkerstat) region codes split over four columns: province 2 digits, kabupaten 2, kecamatan 3, desa 3.
    case bpsProvince = "kode_provinsi", bpsRegency = "kode_kabupaten", bpsDistrict = "kode_kecamatan", bpsVillage = "kode_desa_bps"
    case dusun, address = "alamat", rt, rw, headName = "kepala_keluarga", memberCount = "jumlah_anggota", desil
    /// BDT's welfare percentile (1–100); desil = ⌈percentile / 10⌉.
    case percentile = "persentil"
    case buildingOwnership = "status_kepemilikan_rumah", floorArea = "luas_lantai", floor = "jenis_lantai", wall = "jenis_dinding"
    case roof = "jenis_atap", drinkingWater = "sumber_air_minum", lighting = "sumber_penerangan", cookingFuel = "bahan_bakar_memasak"
    case defecationFacility = "fasilitas_bab", toiletType = "jenis_kloset", sewageDisposal = "pembuangan_akhir_tinja"
    // Person
    case nik, name = "nama", sex = "jenis_kelamin", birthPlace = "tempat_lahir", birthDate = "tanggal_lahir", statedAge = "umur"
    case relationship = "shdk", maritalStatus = "status_kawin", education = "pendidikan", occupation = "pekerjaan", religion = "agama"
    case disability = "disabilitas", pregnant = "status_hamil", chronicIllness = "penyakit_kronis"
    /// The pre-UU 8/2016 "cacat" list (1 fisik … 6 lainnya, 7 tidak cacat).
    case disabilityLegacy = "cacat"
    case schoolParticipation = "partisipasi_sekolah", healthInsurance = "jaminan_kesehatan", motherName = "ibu_kandung"
    case personSourceID = "id_individu", program = "program_bansos"
    /// Hidup / Mati / Pindah …: village systems' `status_dasar`, SIAK's `Status`, Regsosek 404.
    case residentStatus = "status_dasar"
    /// Relationship to the head in Regsosek's 8 codes (409, `kd_hubungan_dg_kk`; BDT's `Hub_KRT`), not SHDK's 11.
    case relationshipRegsosek = "kd_hubungan_dg_kk"
    /// Regsosek 428a–i: difficulty seeing, hearing, walking, using hands, learning, controlling behaviour, speaking,
    /// caring for oneself, remembering (1 cannot at all, 2 a lot, 3 some, 4 none) — the Washington Group questions.
    case difficultySeeing = "kesulitan_melihat", difficultyHearing = "kesulitan_mendengar", difficultyWalking = "kesulitan_berjalan"
    case difficultyHands = "kesulitan_tangan", difficultyLearning = "kesulitan_belajar", difficultyBehaviour = "kesulitan_perilaku"
    case difficultySpeaking = "kesulitan_berbicara", difficultySelfCare = "kesulitan_mengurus_diri", difficultyRemembering = "kesulitan_mengingat"

    /// The Washington-Group difficulty fields, in Regsosek's order (428a–i).
    public static let difficulties: [ImportField] = [
        .difficultySeeing, .difficultyHearing, .difficultyWalking, .difficultyHands, .difficultyLearning, .difficultyBehaviour,
        .difficultySpeaking, .difficultySelfCare, .difficultyRemembering,
    ]

    /// Regsosek 2022 question numbers (REGSOSEK2022.K) as headers often begin with them: `409. Hubungan dengan kepala
    /// keluarga` is read by its number, so its codes are read in Regsosek's list, not Dukcapil's. Region codes 101–104 are BPS's.
    public static let regsosekQuestions: [String: ImportField] = [
        "101": .bpsProvince, "102": .bpsRegency, "103": .bpsDistrict, "104": .bpsVillage,
        "301a": .buildingOwnership, "302": .floorArea, "303": .floor, "304": .wall, "305": .roof, "306a": .drinkingWater, "307a": .lighting,
        "308": .cookingFuel, "309a": .defecationFacility, "309b": .toiletType, "310": .sewageDisposal,
        "402": .name, "403": .nik, "404": .residentStatus, "405": .sex, "406": .birthDate, "407": .statedAge, "408": .maritalStatus,
        "409": .relationshipRegsosek, "412": .schoolParticipation,
        "428a": .difficultySeeing, "428b": .difficultyHearing, "428c": .difficultyWalking, "428d": .difficultyHands, "428e": .difficultyLearning,
        "428f": .difficultyBehaviour, "428g": .difficultySpeaking, "428h": .difficultySelfCare, "428i": .difficultyRemembering,
        "430": .chronicIllness, "431a": .healthInsurance,
    ]

    /// Header spellings seen in real files, normalised.
    public var synonyms: [String] {
        switch self {
        case .kkNumber: ["nokk", "nomorkk", "kk", "nokartukeluarga", "nomorkartukeluarga", "nkk", "nomorkartukk", "nokkart"]
        case .sourceFamilyID: ["idkeluargap3ke", "idkeluarga", "idp3ke", "idkeluargap3kenasional"]
        case .villageCode: ["kodedesa", "kodekemdagri", "kodekemendagri", "kodewilayah", "kodedesakelurahan", "kdwilayah", "kodedesakel",
                            "kodewilayahdesa", "kodekelurahan", "kodedeskel"]
        case .provinceName: ["provinsi", "namaprovinsi", "prov", "namaprop", "propinsi"]
        case .regencyName: ["kabupaten", "kabupatenkota", "namakabupaten", "kabkota", "kota", "namakab", "kab", "namakabupatenkota"]
        case .districtName: ["kecamatan", "namakecamatan", "kec", "namakec"]
        case .villageName: ["kelurahan", "desa", "desakelurahan", "namadesa", "kelurahandesa", "namakelurahan", "desakel", "namadesakelurahan"]
        case .bpsProvince: ["kdprop", "kodeprovinsi", "kdprov", "kodeprop", "kodepropinsi"]
        case .bpsRegency: ["kdkab", "kodekabupaten", "kodekabkota", "kodekab", "kodekabupatenkota"]
        case .bpsDistrict: ["kdkec", "kodekecamatan", "kodekec"]
        case .bpsVillage: ["kddesa", "kodedesabps"]
        case .dusun: ["dusun", "namadusun", "lingkungan", "dusunlingkungan"]
        case .address: ["alamat", "alamatlengkap", "alamatrumah"]
        case .rt: ["rt", "nort"]
        case .rw: ["rw", "norw"]
        case .headName: ["kepalakeluarga", "namakepalakeluarga", "namakrt", "namakk"]
        case .memberCount: ["jumlahanggota", "jumlahart", "jumlahanggotakeluarga"]
        case .desil: ["desil", "desilnasional", "desilkesejahteraan", "kategoridesil", "statuskesejahteraan", "desilkeluarga"]
        case .percentile: ["percentile", "persentil"]
        case .buildingOwnership: ["statuskepemilikanrumah", "kepemilikanrumah", "statusbangunan", "stabangunan", "kdstatbangunantinggal",
                                  "statusbangunantinggal", "statuskepemilikanbangunan", "statuskepemilikanbangunantempattinggal"]
        case .floorArea: ["luaslantai"]
        case .floor: ["jenislantai", "lantai", "jenislantaiterluas", "kdjenislantaiterluas", "kondisilantai"]
        case .wall: ["jenisdinding", "dinding", "kdjenisdinding", "kondisidinding", "jenisdindingterluas"]
        case .roof: ["jenisatap", "atap", "kdjenisatap", "kondisiatap", "jenisatapterluas"]
        case .drinkingWater: ["sumberairminum", "sumberair", "kdsumberairminum", "sumberairminumutama"]
        case .lighting: ["sumberpenerangan", "sumberpeneranganutama", "kdsumberpeneranganutama", "sumberlistrik"]
        case .cookingFuel: ["bahanbakarmemasak", "bbmasak", "kdbahanbakarmemasak", "bahanbakarutamamemasak", "bahanbakarmemasakutama", "bahanbakarenergiutamamemasak"]
        case .defecationFacility: ["fasilitasbab", "memilikifasilitasbuangairbesar", "fasbab", "fasilitasbuangairbesar", "kdfasilitastempatbab",
                                   "fasilitastempatbab"]
        case .toiletType: ["jeniskloset", "kloset", "kdjeniskloset"]
        case .sewageDisposal: ["pembuanganakhirtinja", "buangtinja", "kdpembuanganakhirtinja"]
        case .nik: ["nik", "nomorindukkependudukan", "noinduk", "nomornik", "nonik", "nikart"]
        case .name: ["nama", "namalengkap", "namaart", "namaanggota", "namapenduduk", "namaanggotakeluarga", "namaindividu"]
        case .sex: ["jeniskelamin", "jk", "jnskel", "kelamin", "sex", "jenkel", "lp", "kdjeniskelamin"]
        case .birthPlace: ["tempatlahir", "tmplahir", "tmptlahir"]
        case .birthDate: ["tanggallahir", "tgllahir", "tgllhr", "tanggallhr", "tgllahirart"]
        case .statedAge: ["umur", "usia", "umurtahun"]
        case .relationship: ["shdk", "hubungandengankepalakeluarga", "hubungankeluarga", "hubkel", "hubungan", "statushubungan", "kklevel",
                             "statusdalamkeluarga", "hubungandalamkeluarga", "statushubungandalamkeluarga", "hubungandgkepalakeluarga"]
        case .maritalStatus: ["statuskawin", "stakawin", "statusperkawinan", "kdstatuskawin", "statuskawinperkawinan", "kdstatperkawinan", "kdstatuskawinperkawinan"]
        case .education: ["pendidikan", "pendidikanterakhir", "pendidikantertinggi", "pendidikankkid", "pendidikandalamkk", "pendidikankk"]
        case .occupation: ["pekerjaan", "jenispekerjaan", "pekerjaanid"]
        case .religion: ["agama", "agamaid"]
        case .disability: ["disabilitas", "jenisdisabilitas", "ragamdisabilitas", "disabilkode"]
        case .disabilityLegacy: ["cacat", "cacatid", "jeniscacat", "jenispenyandangcacat"]
        case .pregnant: ["statushamil", "hamil", "stahamil"]
        case .chronicIllness: ["penyakitkronis"]
        case .schoolParticipation: ["partisipasisekolah", "kdpartisipasisekolah"]
        case .healthInsurance: ["jaminankesehatan"]
        case .motherName: ["ibukandung", "namaibukandung", "namagadisibukandung", "namaibu", "ibu"]
        case .personSourceID: ["idindividu", "idartbdt", "idindividup3ke"]
        case .program: ["programbansos", "program"]
        case .residentStatus: ["statusdasar", "status", "statuspenduduk", "kdketkeberadaanart", "keberadaanart", "staketkeberadaanart",
                               "statuskeberadaan", "stakeberadaanart", "keterangankeberadaan", "keterangankeberadaanart"]
        case .relationshipRegsosek: ["kdhubungandgkk", "hubkrt", "hubungandengankrt", "hubungandengankepalarumahtangga"]
        case .difficultySeeing: ["kesulitanmelihat", "kdgangguanmelihat", "kdkesulitanmelihat", "kdsulitpenglihatan", "kdsulitmelihat"]
        case .difficultyHearing: ["kesulitanmendengar", "kdkesulitanmendengar", "kdsulitpendengaran", "kdsulitmendengar"]
        case .difficultyWalking: ["kesulitanberjalan", "kesulitanberjalannaiktangga", "kdkesulitanberjalan", "kdsulitberjalannaiktangga", "kdsulitberjalan"]
        case .difficultyHands: ["kesulitantangan", "kesulitanmenggunakantanganjari", "kesulitanmenggunakantangan", "kdkesulitantangan", "kdsulittanganjari", "kdsulittangan"]
        case .difficultyLearning: ["kesulitanbelajar", "kesulitanbelajarintelektual", "kdkesulitanbelajar", "kdsulitbelajarintelektual", "kdsulitbelajar"]
        case .difficultyBehaviour: ["kesulitanperilaku", "kesulitanmengendalikanperilaku", "kdkesulitanperilaku", "kdsulitperilakuemosi", "kdsulitperilaku"]
        case .difficultySpeaking: ["kesulitanberbicara", "kesulitanberbicarakomunikasi", "kdkesulitanberbicara", "kdsulitbicarakomunikasi", "kdsulitbicara"]
        case .difficultySelfCare: ["kesulitanmengurusdiri", "kesulitanmengurusdirisendiri", "kdkesulitanmengurusdiri", "kdsulitmengurusdiri"]
        case .difficultyRemembering: ["kesulitanmengingat", "kesulitanmengingatberkonsentrasi", "kdkesulitanmengingat", "kdsulitmengingatkonsentrasi", "kdsulitmengingat"]
        }
    }

    /// What the field is, in Bahasa Indonesia, for the report's "Kolom yang dipahami".
    public var label: String {
        switch self {
        case .kkNumber: "No. KK"
        case .sourceFamilyID: "ID keluarga sumber (mis. P3KE)"
        case .villageCode: "kode desa/kelurahan"
        case .provinceName: "nama provinsi"
        case .regencyName: "nama kabupaten/kota"
        case .districtName: "nama kecamatan"
        case .villageName: "nama desa/kelurahan"
        case .bpsProvince: "kode provinsi (BPS)"
        case .bpsRegency: "kode kabupaten/kota (BPS)"
        case .bpsDistrict: "kode kecamatan (BPS)"
        case .bpsVillage: "kode desa (BPS)"
        case .dusun: "dusun"
        case .address: "alamat"
        case .rt: "RT"
        case .rw: "RW"
        case .headName: "nama kepala keluarga"
        case .memberCount: "jumlah anggota"
        case .desil: "desil"
        case .percentile: "persentil kesejahteraan"
        case .buildingOwnership: "status kepemilikan rumah"
        case .floorArea: "luas lantai"
        case .floor: "jenis lantai"
        case .wall: "jenis dinding"
        case .roof: "jenis atap"
        case .drinkingWater: "sumber air minum"
        case .lighting: "sumber penerangan"
        case .cookingFuel: "bahan bakar memasak"
        case .defecationFacility: "fasilitas BAB"
        case .toiletType: "jenis kloset"
        case .sewageDisposal: "pembuangan akhir tinja"
        case .nik: "NIK"
        case .name: "nama"
        case .sex: "jenis kelamin"
        case .birthPlace: "tempat lahir"
        case .birthDate: "tanggal lahir"
        case .statedAge: "umur (tahun)"
        case .relationship: "hubungan dalam keluarga (SHDK)"
        case .maritalStatus: "status kawin"
        case .education: "pendidikan"
        case .occupation: "pekerjaan"
        case .religion: "agama"
        case .disability: "disabilitas"
        case .disabilityLegacy: "jenis cacat (daftar lama)"
        case .pregnant: "status hamil"
        case .chronicIllness: "penyakit kronis"
        case .schoolParticipation: "partisipasi sekolah"
        case .healthInsurance: "jaminan kesehatan"
        case .motherName: "nama ibu kandung"
        case .personSourceID: "ID individu sumber"
        case .program: "program bansos"
        case .residentStatus: "status penduduk (hidup/mati/pindah)"
        case .relationshipRegsosek: "hubungan dengan kepala keluarga (kode Regsosek)"
        case .difficultySeeing: "kesulitan melihat (Regsosek 428a)"
        case .difficultyHearing: "kesulitan mendengar (428b)"
        case .difficultyWalking: "kesulitan berjalan (428c)"
        case .difficultyHands: "kesulitan menggunakan tangan (428d)"
        case .difficultyLearning: "kesulitan belajar/intelektual (428e)"
        case .difficultyBehaviour: "kesulitan mengendalikan perilaku (428f)"
        case .difficultySpeaking: "kesulitan berbicara (428g)"
        case .difficultySelfCare: "kesulitan mengurus diri (428h)"
        case .difficultyRemembering: "kesulitan mengingat (428i)"
        }
    }

    /// Fields that describe the family, repeated on every member's row in per-person files.
    public var isFamilyField: Bool {
        switch self {
        case .address, .rt, .rw, .dusun, .headName, .desil, .percentile, .buildingOwnership, .floorArea, .floor, .wall, .roof,
             .drinkingWater, .lighting, .cookingFuel, .defecationFacility, .toiletType, .sewageDisposal: true
        default: false
        }
    }

    /// Fields that place a row in its desa.
    public var isRegionField: Bool {
        switch self {
        case .villageCode, .provinceName, .regencyName, .districtName, .villageName, .bpsProvince, .bpsRegency, .bpsDistrict, .bpsVillage: true
        default: false
        }
    }

    static let bySynonym: [String: ImportField] = {
        var map: [String: ImportField] = [:]
        for field in ImportField.allCases {
            for synonym in field.synonyms where map[synonym] == nil { map[synonym] = field }
        }
        return map
    }()
}

/// Header text reduced for matching.
public enum HeaderName {
    /// A questionnaire number a header begins with (`409. Hubungan`, `301a) Status`, `R402 Nama`) and the rest of the header.
    public static func questionCode(_ text: String) -> (code: String, rest: Substring)? {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces).lowercased())
        if rest.first == "r", rest.dropFirst().first?.isNumber == true { rest = rest.dropFirst() }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard (3...3).contains(digits.count) else { return nil }
        rest = rest.dropFirst(digits.count)
        var code = String(digits)
        if let letter = rest.first, letter.isLetter, letter.isASCII, rest.dropFirst().first.map({ !$0.isLetter }) ?? true {
            code.append(letter)
            rest = rest.dropFirst()
        }
        guard let separator = rest.first, separator == "." || separator == ")" || separator == " " || separator == "-" || separator == ":" else {
            return rest.isEmpty ? (code, rest) : nil
        }
        return (code, rest.dropFirst())
    }

    /// Lower case, letters and digits only, bracketed parts dropped: `"TANGGAL LAHIR (31/01/2000)"` → `tanggallahir`.
    public static func normalize(_ text: String) -> String {
        var out = ""
        var depth = 0
        for character in text.lowercased() {
            if character == "(" || character == "[" { depth += 1; continue }
            if character == ")" || character == "]" { depth = max(0, depth - 1); continue }
            if depth == 0, character.isLetter || character.isNumber { out.append(character) }
        }
        return out
    }

    /// The columns of a small sheet (targets, figures of other sources) its header row names: each cell's header
    /// normalized and looked up in each column's spellings; the first cell of a column wins. Column → (cell index,
    /// the header as written).
    static func locate<Column: CaseIterable & Hashable>(_ headers: [String], spellings: (Column) -> [String]) -> [Column: (index: Int, header: String)] {
        var columns: [Column: (index: Int, header: String)] = [:]
        for (index, text) in headers.enumerated() {
            let key = normalize(text)
            guard let column = Column.allCases.first(where: { spellings($0).contains(key) }), columns[column] == nil else { continue }
            columns[column] = (index, text.trimmingCharacters(in: .whitespaces))
        }
        return columns
    }
}
