/// The age bands indicators are split by: balita 0–4, anak 5–17, dewasa 18–59, lansia 60+.
///
/// Anak (child) is under 18 (UU 23/2002 jo 35/2014); lansia (elderly) is 60 and over (UU 13/1998).
public enum AgeBand: String, Sendable, Codable, CaseIterable, Hashable {
    case under5 = "0-4"
    case child5to17 = "5-17"
    case adult18to59 = "18-59"
    case elderly60plus = "60+"

    public init(age: Int) {
        switch age {
        case ..<5: self = .under5
        case ..<18: self = .child5to17
        case ..<60: self = .adult18to59
        default: self = .elderly60plus
        }
    }

    public var label: String {
        switch self {
        case .under5: "Balita (0–4)"
        case .child5to17: "Anak (5–17)"
        case .adult18to59: "Dewasa (18–59)"
        case .elderly60plus: "Lansia (60+)"
        }
    }
}
