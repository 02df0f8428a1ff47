import Hummingbird
import LumbungDomain
import LumbungStore

/// Errors a request can end in, each with its HTTP status, a stable machine code, an English
/// message for the JSON API and an Indonesian one for the pages. None carries personal data.
enum AppError: Error, Sendable {
    case badRegionCode(RegionCodeError)
    case unknownRegion(RegionCode)
    case pageNotFound
    case databaseUnavailable
    /// Every connection (on SQLite: the one writer) stayed taken for the whole wait, e.g. by an import's final step.
    case busy
    case unknownImport(String)
    case badUpload(MultipartUpload.Failure)
    case unknownLayout(String)
    case badDate(String)
    case badRanking(RankingRequest.Problem)
    case signInRequired
    case badToken
    case wrongCredentials
    case tooManyAttempts
    case forbidden(Role, Permission)
    /// A region outside the user's scope; `scope` (the user's own region) is named in the message when known.
    case outOfScope(RegionCode, scope: RegionCode? = nil)
    case csrfRejected
    case badNIK
    case personNotFound
    /// A JSON body that cannot be read, saying where (`RequestFields`).
    case badJSON(JSONBodyProblem)
    /// A programme or organisation that cannot be saved, with every reason.
    case programmeRefused([ProgrammeProblem])
    case unknownProgramme(String)
    case unknownOrganisation(String)
    case badCoverageLevel(String)
    /// An inclusion threshold (`ambang`) that is no desil 5–10.
    case badInclusionThreshold(String)
    /// A list of unreached families for a `desil` other than 1 or 1-4.
    case badUnreachedSelection(String)
    case unknownIndicator(String)
    case badClassMethod(String)
    case noBoundary(RegionCode)
    case badSort(String)
    /// A beneficiary list refused whole (matches nobody, not the partner's programme, closed programme).
    case listRefused(EnrolmentListError)
    /// A beneficiary list that cannot be read (no header, no programme column …), with the Indonesian reason.
    case listUnreadable(english: String, indonesian: String)
    /// A column mapping (form, `mapping` field or saved template) that cannot be used, with every reason.
    case mappingRefused(english: [String], indonesian: [String])
    case unknownTemplate(String)
    /// A snapshot, diff, baseline or target that cannot be made or read (issue 16).
    case monitoring(MonitoringProblem)
    /// Figures from other sources: an unknown indicator, a definition that differs from the stored one, bad options.
    case external(ExternalIndicatorProblem)
    /// A table of an external indicator refused, with each problem by row and column (Indonesian).
    case externalRefused([String])

    var status: HTTPResponse.Status {
        switch self {
        case .badUpload(let failure) where failure.isQuota: .tooManyRequests
        case .badRegionCode, .badUpload, .unknownLayout, .badDate, .badRanking, .badNIK, .badClassMethod, .badSort: .badRequest
        case .unknownRegion, .pageNotFound, .unknownImport, .personNotFound, .unknownProgramme, .unknownOrganisation, .unknownIndicator, .noBoundary: .notFound
        case .badJSON, .badCoverageLevel, .badInclusionThreshold, .badUnreachedSelection, .listUnreadable, .mappingRefused: .badRequest
        case .listRefused(let error):
            if case .notYourProgramme = error { .forbidden } else if case .programmeUnknown = error { .notFound } else { .unprocessableContent }
        case .unknownTemplate: .notFound
        case .monitoring(let problem):
            switch problem {
            case .snapshotUnknown, .regionUnknown, .indicatorUnknown: .notFound
            case .snapshotNameTaken, .importRunning: .conflict
            case .snapshotFormatDiffers: .unprocessableContent
            default: .badRequest
            }
        case .external(let problem):
            switch problem {
            case .unknown: .notFound
            case .definitionDiffers: .conflict
            default: .badRequest
            }
        case .externalRefused: .unprocessableContent
        case .programmeRefused(let problems):
            problems.contains { if case .codeTaken = $0 { true } else if case .organisationNameTaken = $0 { true } else { false } } ? .conflict
                : problems.contains { if case .programmeUnknown = $0 { true } else { false } } ? .notFound : .badRequest
        case .databaseUnavailable, .busy: .serviceUnavailable
        case .signInRequired, .badToken, .wrongCredentials: .unauthorized
        case .tooManyAttempts: .tooManyRequests
        case .forbidden, .outOfScope, .csrfRejected: .forbidden
        }
    }

    var code: String {
        switch self {
        case .badRegionCode: "invalid_region_code"
        case .unknownRegion: "unknown_region"
        case .pageNotFound: "not_found"
        case .databaseUnavailable: "database_unavailable"
        case .busy: "busy"
        case .unknownImport: "unknown_import"
        case .badUpload: "bad_upload"
        case .unknownLayout: "unknown_layout"
        case .badDate: "invalid_date"
        case .badRanking: "invalid_ranking"
        case .signInRequired: "unauthenticated"
        case .badToken: "invalid_token"
        case .wrongCredentials: "wrong_credentials"
        case .tooManyAttempts: "too_many_attempts"
        case .forbidden: "forbidden"
        case .outOfScope: "out_of_scope"
        case .csrfRejected: "csrf_rejected"
        case .badNIK: "invalid_nik"
        case .personNotFound: "person_not_found"
        case .badJSON: "invalid_json"
        case .programmeRefused: "invalid_programme"
        case .unknownProgramme: "unknown_programme"
        case .unknownOrganisation: "unknown_organisation"
        case .badCoverageLevel: "invalid_level"
        case .badInclusionThreshold: "invalid_threshold"
        case .badUnreachedSelection: "invalid_desil"
        case .unknownIndicator: "unknown_indicator"
        case .badClassMethod: "invalid_class_method"
        case .noBoundary: "no_boundary"
        case .badSort: "invalid_sort"
        case .listRefused: "list_refused"
        case .listUnreadable: "list_unreadable"
        case .mappingRefused: "invalid_mapping"
        case .unknownTemplate: "unknown_template"
        case .external(let problem):
            if case .unknown = problem { "unknown_external_indicator" } else { "invalid_external_indicator" }
        case .externalRefused: "external_table_refused"
        case .monitoring(let problem):
            switch problem {
            case .snapshotUnknown: "unknown_snapshot"
            case .indicatorUnknown: "unknown_indicator"
            case .regionUnknown: "unknown_region"
            case .importRunning: "import_running"
            default: "invalid_monitoring"
            }
        }
    }

    var englishMessage: String {
        switch self {
        case .badRegionCode(let error): error.description
        case .unknownRegion(let code): RegionLookupError.unknown(code).description
        case .pageNotFound: "There is nothing at this address."
        case .databaseUnavailable: "The database does not answer; try again shortly."
        case .busy: "Lumbung is busy (an import is being saved); try again in a few seconds."
        case .unknownImport(let id): "There is no import with id \(id)."
        case .badUpload(let failure):
            switch failure {
            case .notMultipart: "Send the file as multipart/form-data with a field named file."
            case .noFile: "The upload holds no file: send it in a field named file."
            case .tooLarge(let limit): "The file is larger than \(limit)."
            case .malformed: "The multipart body is malformed."
            case .tooManyRunning(let limit): "You already have \(limit) imports running: wait until one ends."
            case .tooManyStored(let limit):
                "You already have \(limit) uploads kept on the server (running, failed or dry runs); they are removed 24 hours after they end."
            }
        case .unknownLayout(let name): "Unknown layout '\(name)': use auto, dtsen, p3ke, siksng or lumbung."
        case .badDate(let text): "'\(text)' is not a date: write yyyy-mm-dd."
        case .badRanking(let problem): "The ranking cannot be made: \(problem.english)."
        case .signInRequired: "Sign in first: send a session cookie or an Authorization: Bearer token."
        case .badToken: "The bearer token is unknown, revoked or expired."
        case .wrongCredentials: "Wrong username or password."
        case .tooManyAttempts: "Too many failed sign-ins; wait 15 minutes."
        case .forbidden(let role, let permission): "The role \(role.rawValue) may not \(permission.activity.english)."
        case .outOfScope(let code, let scope): "Region \(code.dotted) is outside your region scope" + (scope.map { " (\($0.dotted))." } ?? ".")
        case .csrfRejected: "The form's security token is missing or wrong; reload the page and send it again."
        case .badNIK: "Send the NIK as 16 digits in the form field nik."
        case .personNotFound: "No person with this NIK within your region scope."
        case .badJSON(let problem): problem.english
        case .programmeRefused(let problems): problems.map(\.description).joined(separator: " ")
        case .unknownProgramme(let code): "There is no programme \(code)."
        case .unknownOrganisation(let name): "There is no organisation '\(name)'."
        case .badCoverageLevel(let text): "'\(text)' is no level below the region: use kabupaten, kecamatan or desa."
        case .badUnreachedSelection(let text): "desil '\(text)' is no list of unreached families: use 1 (desil 1) or 1-4 (desil 1–4)."
        case .badInclusionThreshold(let text):
            "Threshold '\(text)' is no desil from \(CoverageRules.inclusionThresholds.lowerBound) to \(CoverageRules.inclusionThresholds.upperBound): give a whole number (ambang=7)."
        case .unknownIndicator(let id): "Unknown indicator '\(id)': a map shows one of " + MapRequest.indicators.map(\.id).joined(separator: ", ") + "."
        case .badClassMethod(let name): "Unknown class method '\(name)': use kuantil or jenks."
        case .noBoundary(let code): "The reference data has no boundaries to draw a map of \(code.dotted)."
        case .badSort(let name): "Unknown sort '\(name)': use kode, nama, keluarga, jiwa or nilai."
        case .listRefused(let error): error.description
        case .listUnreadable(let english, _): english
        case .mappingRefused(let reasons, _): reasons.joined(separator: " ")
        case .unknownTemplate(let name): "There is no saved column template called '\(name.prefix(80))' (GET /api/v1/column-templates lists them)."
        case .monitoring(let problem): problem.description
        case .external(let problem): problem.description
        case .externalRefused(let problems): "The table was refused, nothing was saved: " + problems.joined(separator: " ")
        }
    }

    var indonesianMessage: String {
        switch self {
        case .badRegionCode(let error): error.indonesianDescription
        case .unknownRegion(let code): RegionLookupError.unknown(code).indonesianDescription
        case .pageNotFound: "Halaman yang Anda cari tidak ada."
        case .databaseUnavailable: "Basis data tidak menjawab; coba lagi sebentar lagi."
        case .busy: "Lumbung sedang sibuk (sebuah impor sedang disimpan). Coba lagi beberapa detik lagi; data Anda tidak hilang."
        case .unknownImport: "Impor ini tidak ditemukan (mungkin server dimulai ulang). Lihat daftar impor."
        case .badUpload(let failure):
            switch failure {
            case .notMultipart, .malformed: "Unggahan tidak terbaca. Pilih berkas lalu tekan Impor lagi."
            case .noFile: "Belum ada berkas yang dipilih."
            case .tooLarge(let limit): "Berkas lebih besar dari \(limit)."
            case .tooManyRunning(let limit): "Anda sudah menjalankan \(limit) impor sekaligus. Tunggu sampai salah satunya selesai."
            case .tooManyStored(let limit):
                "Anda sudah menyimpan \(limit) unggahan di server (sedang berjalan, gagal, atau periksa saja). "
                    + "Unggahan yang gagal dan yang hanya diperiksa dihapus 24 jam setelah selesai; coba lagi nanti."
            }
        case .unknownLayout(let name): "Format '\(name)' tidak dikenal."
        case .badDate(let text): "'\(text)' bukan tanggal (tulis yyyy-mm-dd)."
        case .badRanking(let problem): "Peringkat tidak dapat dibuat: \(problem.indonesian)."
        case .signInRequired: "Silakan masuk terlebih dahulu."
        case .badToken: "Token API tidak dikenal, sudah dicabut, atau kedaluwarsa."
        case .wrongCredentials: "Nama pengguna atau kata sandi salah."
        case .tooManyAttempts: "Terlalu banyak percobaan masuk yang gagal. Tunggu 15 menit lalu coba lagi."
        case .forbidden(let role, let permission): "Peran Anda (\(role.label)) tidak diizinkan \(permission.activity.indonesian)."
        case .outOfScope(let code, let scope): "Wilayah \(code.dotted) berada di luar wilayah kerja Anda" + (scope.map { " (\($0.dotted))." } ?? ".")
        case .csrfRejected: "Token keamanan formulir hilang atau salah. Muat ulang halaman lalu kirim lagi."
        case .badNIK: "NIK harus 16 digit angka."
        case .personNotFound: "Tidak ada orang dengan NIK ini di wilayah kerja Anda."
        case .badJSON(let problem): problem.indonesian
        case .programmeRefused(let problems): problems.map(\.indonesianDescription).joined(separator: " ")
        case .unknownProgramme(let code): "Program \(code.prefix(40)) tidak ditemukan."
        case .unknownOrganisation(let name): "Organisasi '\(name.prefix(60))' tidak ditemukan."
        case .listRefused(let error): error.indonesianDescription
        case .listUnreadable(_, let indonesian): indonesian
        case .badCoverageLevel(let text): "Tingkat '\(text)' tidak dikenal atau tidak di bawah wilayahnya: pilih kabupaten, kecamatan atau desa."
        case .badUnreachedSelection(let text): "Desil '\(text)' tidak dapat dipilih untuk daftar keluarga yang belum terjangkau: pilih 1 (desil 1) atau 1-4 (desil 1–4)."
        case .badInclusionThreshold(let text):
            "Ambang desil '\(text)' tidak berlaku: isi bilangan bulat \(CoverageRules.inclusionThresholds.lowerBound) sampai \(CoverageRules.inclusionThresholds.upperBound) (misalnya ambang=7)."
        case .unknownIndicator(let id):
            "Indikator '\(id)' tidak dikenal. Peta dapat menampilkan: " + MapRequest.indicators.map(\.nameID).joined(separator: ", ") + "."
        case .badClassMethod(let name): "Cara pembagian kelas '\(name)' tidak dikenal: pilih kuantil atau jenks."
        case .noBoundary(let code): "Batas wilayah untuk peta \(code.dotted) belum tersedia di data referensi."
        case .badSort(let name): "Urutan '\(name)' tidak dikenal: pilih kode, nama, keluarga, jiwa atau nilai."
        case .mappingRefused(_, let reasons): reasons.joined(separator: " ")
        case .unknownTemplate(let name): "Templat kolom '\(name.prefix(80))' tidak ditemukan."
        case .monitoring(let problem): problem.description
        case .external(let problem): problem.description
        case .externalRefused(let problems): "Tabel ditolak, tidak ada yang disimpan: " + problems.joined(separator: " ")
        }
    }

    /// The Indonesian page heading for the status.
    var indonesianTitle: String {
        if case .busy = self { return "Sedang sibuk" }
        return switch status {
        case .badRequest: "Permintaan tidak valid"
        case .notFound: "Tidak ditemukan"
        case .serviceUnavailable: "Layanan belum siap"
        case .unauthorized: "Perlu masuk"
        case .forbidden: "Akses ditolak"
        case .tooManyRequests: "Terlalu banyak percobaan"
        default: "Terjadi kesalahan"
        }
    }
}

extension AppError {
    /// The region with this code, or a 400/404 error that says what is wrong.
    static func region(_ text: String, in tree: RegionTree) throws(AppError) -> Region {
        let code: RegionCode
        do { code = try RegionCode(text) } catch { throw .badRegionCode(error) }
        guard let region = tree[code] else { throw .unknownRegion(code) }
        return region
    }
}
