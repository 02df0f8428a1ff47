/// A family's dwelling and basic services, in the Regsosek 2022 codes (questions 301–310).
public struct Housing: Sendable, Hashable, Codable {
    public var buildingOwnership: BuildingOwnership?
    /// Floor area in m² (302).
    public var floorArea: Int?
    public var floor: FloorMaterial?
    public var wall: WallMaterial?
    public var roof: RoofMaterial?
    public var drinkingWater: DrinkingWaterSource?
    public var lighting: LightingSource?
    public var cookingFuel: CookingFuel?
    public var defecationFacility: DefecationFacility?
    public var toiletType: ToiletType?
    public var sewageDisposal: SewageDisposal?

    public init(
        buildingOwnership: BuildingOwnership? = nil, floorArea: Int? = nil, floor: FloorMaterial? = nil,
        wall: WallMaterial? = nil, roof: RoofMaterial? = nil, drinkingWater: DrinkingWaterSource? = nil,
        lighting: LightingSource? = nil, cookingFuel: CookingFuel? = nil, defecationFacility: DefecationFacility? = nil,
        toiletType: ToiletType? = nil, sewageDisposal: SewageDisposal? = nil
    ) {
        self.buildingOwnership = buildingOwnership
        self.floorArea = floorArea
        self.floor = floor
        self.wall = wall
        self.roof = roof
        self.drinkingWater = drinkingWater
        self.lighting = lighting
        self.cookingFuel = cookingFuel
        self.defecationFacility = defecationFacility
        self.toiletType = toiletType
        self.sewageDisposal = sewageDisposal
    }

    /// The minimum floor area per person of a livable house (UU 1/2011 as applied in RTLH assessments).
    public static let minimumAreaPerPerson = 9

    /// RTLH — *rumah tidak layak huni*: an earth or bamboo floor, a wall of woven bamboo, logs or bamboo,
    /// a roof of thatch or bamboo, or less than 9 m² of floor per person.
    public func isUnfit(members: Int) -> Bool {
        if let floor, floor == .earth || floor == .bamboo { return true }
        if let wall, wall == .wovenBamboo || wall == .logs || wall == .bamboo { return true }
        if let roof, roof == .thatch || roof == .bamboo { return true }
        if let floorArea, members > 0, floorArea < Self.minimumAreaPerPerson * members { return true }
        return false
    }

    /// Drinking water from an improved source (piped, borehole, protected well or spring, rain,
    /// or packaged water); `nil` when the source is unknown.
    public var hasSafeWater: Bool? {
        drinkingWater.map { ![.unprotectedWell, .unprotectedSpring, .surfaceWater, .other].contains($0) }
    }

    /// Proper sanitation: an own, shared-with-known-households or communal facility with a gooseneck
    /// toilet draining to a septic tank or treatment plant (in a desa also to a pit). `nil` when the
    /// record does not say enough to judge (unknown facility, or an acceptable facility whose toilet
    /// or drain is unknown).
    public func hasProperSanitation(rural: Bool) -> Bool? {
        guard let defecationFacility else { return nil }
        guard [.own, .sharedWithSpecificHouseholds, .communal].contains(defecationFacility) else { return false }
        guard let toiletType, let sewageDisposal else { return nil }
        guard toiletType == .gooseneck else { return false }
        return sewageDisposal == .septicTank || sewageDisposal == .treatmentPlant || (rural && sewageDisposal == .pitInGround)
    }

    /// No electric lighting at all; `nil` when unknown.
    public var lacksElectricity: Bool? { lighting.map { $0 == .notElectric } }

    /// Cooks mainly with firewood; `nil` when unknown.
    public var cooksWithFirewood: Bool? { cookingFuel.map { $0 == .firewood } }
}
