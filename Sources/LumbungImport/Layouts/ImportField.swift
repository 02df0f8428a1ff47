/// What a column means, whatever its header says. Each field lists the header spellings it is known
/// by, compared after `HeaderName.normalize` (case, spaces, underscores, punctuation and anything in
/// brackets ignored: "TANGGAL LAHIR (31/01/2000)" is `tanggallahir`).
public enum ImportField: String, Sendable, CaseIterable, Codable {
    // Family
    case kkNumber = "no_kk", sourceFamilyID = "id_keluarga", villageCode = "kode_desa"
    case provinceName = "provinsi", regencyName = "kabupaten", districtName = "kecamatan", villageName = "desa"
    case address = "alamat", rt, rw, headName = "kepala_keluarga", memberCount = "jumlah_anggota", desil
    case buildingOwnership = "status_kepemilikan_rumah", floorArea = "luas_lantai", floor = "jenis_lantai", wall = "jenis_dinding"
    case roof = "jenis_atap", drinkingWater = "sumber_air_minum", lighting = "sumber_penerangan", cookingFuel = "bahan_bakar_memasak"
    case defecationFacility = "fasilitas_bab", toiletType = "jenis_kloset", sewageDisposal = "pembuangan_akhir_tinja"
    // Person
    case nik, name = "nama", sex = "jenis_kelamin", birthPlace = "tempat_lahir", birthDate = "tanggal_lahir"
    case relationship = "shdk", maritalStatus = "status_kawin", education = "pendidikan", occupation = "pekerjaan"
    case disability = "disabilitas", pregnant = "status_hamil", chronicIllness = "penyakit_kronis"
    case schoolParticipation = "partisipasi_sekolah", healthInsurance = "jaminan_kesehatan", motherName = "ibu_kandung"
    case personSourceID = "id_individu", program = "program_bansos"
    /// Relationship to the head in Regsosek's 8 codes (409, `kd_hubungan_dg_kk`; BDT's `Hub_KRT`), not SHDK's 11.
    case relationshipRegsosek = "kd_hubungan_dg_kk"

    /// Header spellings seen in DTKS/DTSEN, P3KE, SIKS-NG and Regsosek files, normalised.
    public var synonyms: [String] {
        switch self {
        case .kkNumber: ["nokk", "nomorkk", "kk", "nokartukeluarga", "nomorkartukeluarga", "nkk"]
        case .sourceFamilyID: ["idkeluargap3ke", "idkeluarga"]
        case .villageCode: ["kodedesa", "kodekemdagri", "kodekemendagri", "kodewilayah", "kodedesakelurahan", "kdwilayah"]
        case .provinceName: ["provinsi", "namaprovinsi", "prov"]
        case .regencyName: ["kabupaten", "kabupatenkota", "namakabupaten", "kabkota", "kota"]
        case .districtName: ["kecamatan", "namakecamatan", "kec"]
        case .villageName: ["kelurahan", "desa", "desakelurahan", "namadesa", "kelurahandesa", "namakelurahan"]
        case .address: ["alamat", "alamatlengkap"]
        case .rt: ["rt"]
        case .rw: ["rw"]
        case .headName: ["kepalakeluarga", "namakepalakeluarga", "namakrt"]
        case .memberCount: ["jumlahanggota", "jumlahart", "jumlahanggotakeluarga"]
        case .desil: ["desil", "desilnasional", "desilkesejahteraan", "kategoridesil"]
        case .buildingOwnership: ["statuskepemilikanrumah", "kepemilikanrumah", "statusbangunan", "stabangunan"]
        case .floorArea: ["luaslantai"]
        case .floor: ["jenislantai", "lantai", "jenislantaiterluas"]
        case .wall: ["jenisdinding", "dinding"]
        case .roof: ["jenisatap", "atap"]
        case .drinkingWater: ["sumberairminum", "sumberair"]
        case .lighting: ["sumberpenerangan", "sumberpeneranganutama"]
        case .cookingFuel: ["bahanbakarmemasak", "bbmasak"]
        case .defecationFacility: ["fasilitasbab", "memilikifasilitasbuangairbesar", "fasbab", "fasilitasbuangairbesar"]
        case .toiletType: ["jeniskloset", "kloset"]
        case .sewageDisposal: ["pembuanganakhirtinja", "buangtinja"]
        case .nik: ["nik", "nomorindukkependudukan", "noinduk"]
        case .name: ["nama", "namalengkap", "namaart", "namaanggota"]
        case .sex: ["jeniskelamin", "jk", "jnskel", "kelamin"]
        case .birthPlace: ["tempatlahir", "tmplahir"]
        case .birthDate: ["tanggallahir", "tgllahir", "tgllhr"]
        case .relationship: ["shdk", "hubungandengankepalakeluarga", "hubungankeluarga", "hubkel", "hubungan", "statushubungan"]
        case .maritalStatus: ["statuskawin", "stakawin", "statusperkawinan"]
        case .education: ["pendidikan", "pendidikanterakhir", "pendidikantertinggi"]
        case .occupation: ["pekerjaan", "jenispekerjaan"]
        case .disability: ["disabilitas", "jeniscacat", "jenisdisabilitas"]
        case .pregnant: ["statushamil", "hamil", "stahamil"]
        case .chronicIllness: ["penyakitkronis"]
        case .schoolParticipation: ["partisipasisekolah"]
        case .healthInsurance: ["jaminankesehatan"]
        case .motherName: ["ibukandung", "namaibukandung", "namagadisibukandung"]
        case .personSourceID: ["idindividu"]
        case .program: ["programbansos", "program"]
        case .relationshipRegsosek: ["kdhubungandgkk", "hubkrt", "hubungandengankrt"]
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
}
