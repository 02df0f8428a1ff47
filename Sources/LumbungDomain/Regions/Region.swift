/// One administrative unit: a province, kabupaten/kota, kecamatan, desa or kelurahan.
public struct Region: Sendable, Hashable, Codable, Identifiable {
    public let code: RegionCode
    /// Official name as in the Kemendagri list; kabupaten/kota names carry their prefix ("Kabupaten Lombok Timur").
    public let name: String
    public let level: RegionLevel

    public var id: RegionCode { code }
    public var parentCode: RegionCode? { code.parent }

    public init(code: RegionCode, name: String, level: RegionLevel) {
        self.code = code
        self.name = name
        self.level = level
    }

    /// The name with its level for headings: "Kecamatan Gerung", "Desa Kebon Ayu", "Kabupaten Lombok Barat".
    public var title: String {
        switch level {
        case .kabupaten, .kota:
            name.hasPrefix(level.label + " ") ? name : "\(level.label) \(name)"
        default:
            "\(level.label) \(name)"
        }
    }
}
