import Hummingbird
import LumbungDomain

/// Errors a request can end in, each with its HTTP status, a stable machine code, an English
/// message for the JSON API and an Indonesian one for the pages. None carries personal data.
enum AppError: Error, Sendable {
    case badRegionCode(RegionCodeError)
    case unknownRegion(RegionCode)
    case pageNotFound
    case databaseUnavailable

    var status: HTTPResponse.Status {
        switch self {
        case .badRegionCode: .badRequest
        case .unknownRegion, .pageNotFound: .notFound
        case .databaseUnavailable: .serviceUnavailable
        }
    }

    var code: String {
        switch self {
        case .badRegionCode: "invalid_region_code"
        case .unknownRegion: "unknown_region"
        case .pageNotFound: "not_found"
        case .databaseUnavailable: "database_unavailable"
        }
    }

    var englishMessage: String {
        switch self {
        case .badRegionCode(let error): error.description
        case .unknownRegion(let code): RegionLookupError.unknown(code).description
        case .pageNotFound: "There is nothing at this address."
        case .databaseUnavailable: "The database does not answer; try again shortly."
        }
    }

    var indonesianMessage: String {
        switch self {
        case .badRegionCode(let error): error.indonesianDescription
        case .unknownRegion(let code): RegionLookupError.unknown(code).indonesianDescription
        case .pageNotFound: "Halaman yang Anda cari tidak ada."
        case .databaseUnavailable: "Basis data tidak menjawab; coba lagi sebentar lagi."
        }
    }

    /// The Indonesian page heading for the status.
    var indonesianTitle: String {
        switch status {
        case .badRequest: "Permintaan tidak valid"
        case .notFound: "Tidak ditemukan"
        case .serviceUnavailable: "Layanan belum siap"
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
