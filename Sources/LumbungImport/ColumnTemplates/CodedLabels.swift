import Foundation
import LumbungDomain
import LumbungSheets

extension ImportField {
    /// The official values of a coded field — its code list's labels with Lumbung's codes — that a file's unknown
    /// labels can be mapped to (the mapping page, a mapping's `labels`); `nil` for a field that is no code list.
    public var officialValues: [(code: Int, label: String)]? {
        func list<L: CodeList>(_: L.Type) -> [(code: Int, label: String)] { L.allCases.map { ($0.rawValue, $0.label) } }
        switch self {
        case .sex: return list(Sex.self)
        case .relationship, .relationshipRegsosek: return list(FamilyRelationship.self)
        case .maritalStatus: return list(MaritalStatus.self)
        case .education: return list(Education.self)
        case .religion: return list(Religion.self)
        case .schoolParticipation: return list(SchoolParticipation.self)
        case .residentStatus: return list(ResidentStatus.self)
        // "Tidak ada" is the word every disability column reads as none.
        case .disability, .disabilityLegacy: return [(0, "Tidak ada")] + list(DisabilityType.self)
        case .buildingOwnership: return list(BuildingOwnership.self)
        case .floor: return list(FloorMaterial.self)
        case .wall: return list(WallMaterial.self)
        case .roof: return list(RoofMaterial.self)
        case .drinkingWater: return list(DrinkingWaterSource.self)
        case .lighting: return list(LightingSource.self)
        case .cookingFuel: return list(CookingFuel.self)
        case .defecationFacility: return list(DefecationFacility.self)
        case .toiletType: return list(ToiletType.self)
        case .sewageDisposal: return list(SewageDisposal.self)
        default: return nil
        }
    }

    /// The official label `text` names for this field: an official label in any spelling (`LabelKey`), or Lumbung's
    /// code of one (`8` for Diploma IV/Strata I); `nil` when it names none or the field is no code list.
    public func officialLabel(_ text: String) -> String? {
        guard let values = officialValues else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let code = Int(trimmed) { return values.first { $0.code == code }?.label }
        let key = LabelKey.normalize(trimmed)
        return values.first { LabelKey.normalize($0.label) == key }?.label
    }
}

/// A file's own labels of coded columns, each read as an official value (field → the file's text → official label),
/// matched ignoring case, spacing and punctuation (`LabelKey`). The label a person mapped wins over the vocabulary.
public struct CodedLabels: Sendable, Equatable {
    /// Field → the file's label as written → the official label.
    public private(set) var labels: [ImportField: [String: String]]
    private var keyed: [ImportField: [String: String]]

    public init(_ labels: [ImportField: [String: String]] = [:]) {
        self.labels = labels
        keyed = labels.mapValues { map in Dictionary(map.map { (LabelKey.normalize($0.key), $0.value) }, uniquingKeysWith: { a, _ in a }) }
    }

    public var isEmpty: Bool { labels.values.allSatisfy(\.isEmpty) }

    /// `cell` read through the map: the official label when the cell's text is a mapped label, else the cell itself.
    func apply(_ field: ImportField, to cell: SheetValue) -> SheetValue {
        guard let map = keyed[field], let text = CodeValue.text(cell), let official = map[LabelKey.normalize(text)] else { return cell }
        return .text(official)
    }

    public static func == (a: CodedLabels, b: CodedLabels) -> Bool { a.labels == b.labels }
}
