/// The administrative level of a region in the Kemendagri hierarchy.
///
/// Raw values are the official Indonesian terms used in the reference data (`tingkat`):
/// a *provinsi* holds *kabupaten* (regencies) and *kota* (cities); those hold *kecamatan*
/// (districts); a kecamatan holds *desa* (villages) and *kelurahan* (urban wards).
public enum RegionLevel: String, Sendable, Codable, CaseIterable, Hashable {
    case provinsi
    case kabupaten
    case kota
    case kecamatan
    case desa
    case kelurahan

    /// Depth in the tree: 1 for the province down to 4 for a desa or kelurahan.
    public var depth: Int {
        switch self {
        case .provinsi: 1
        case .kabupaten, .kota: 2
        case .kecamatan: 3
        case .desa, .kelurahan: 4
        }
    }

    /// The capitalised Indonesian label shown to users ("Kabupaten", "Kelurahan", …).
    public var label: String {
        switch self {
        case .provinsi: "Provinsi"
        case .kabupaten: "Kabupaten"
        case .kota: "Kota"
        case .kecamatan: "Kecamatan"
        case .desa: "Desa"
        case .kelurahan: "Kelurahan"
        }
    }

    /// The Indonesian label of the levels directly below this one, for headings such as "Kecamatan".
    public var childrenLabel: String? {
        switch self {
        case .provinsi: "Kabupaten/Kota"
        case .kabupaten, .kota: "Kecamatan"
        case .kecamatan: "Desa/Kelurahan"
        case .desa, .kelurahan: nil
        }
    }
}
