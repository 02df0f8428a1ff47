/// One family (*keluarga*), the holder of a KK, living in a desa/kelurahan.
public struct Household: Sendable, Hashable, Codable {
    /// The No. KK as text; `nil` where the source carries none (P3KE families have their own id).
    public var kkNumber: String?
    /// The source's own family id where there is one (`id_keluarga_P3KE`).
    public var sourceFamilyID: String?
    public var villageCode: RegionCode
    public var headName: String?
    public var address: String?
    public var rt: String?
    public var rw: String?
    /// Welfare decile 1–10 (DTKS/DTSEN); 1 is the poorest tenth nationally.
    public var desil: Int?
    public var housing: Housing

    public init(kkNumber: String?, sourceFamilyID: String? = nil, villageCode: RegionCode, headName: String? = nil,
                address: String? = nil, rt: String? = nil, rw: String? = nil, desil: Int?, housing: Housing) {
        self.kkNumber = kkNumber
        self.sourceFamilyID = sourceFamilyID
        self.villageCode = villageCode
        self.headName = headName
        self.address = address
        self.rt = rt
        self.rw = rw
        self.desil = desil
        self.housing = housing
    }
}
