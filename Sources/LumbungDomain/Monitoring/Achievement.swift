import Foundation

/// Capaian: how far a realisation (realisasi) reached its target, in percent, the way Indonesian government
/// performance reports compute it (`shared/docs/domain.md` §5.4):
///
/// - higher is better: realisasi ÷ target × 100;
/// - lower is better (poverty, unfit housing …): (2 × target − realisasi) ÷ target × 100, i.e. the target met
///   exactly is 100 %, each point above the target costs as much as a point below it would have earned.
///
/// `nil` when the target is 0 (the quotient means nothing); the result may exceed 100 or fall below 0.
public enum Achievement {
    public static func percent(realisation: Double, target: Double, direction: Indicator.Direction) -> Double? {
        guard target != 0, realisation.isFinite, target.isFinite else { return nil }
        switch direction {
        case .higherIsBetter: return realisation / target * 100
        case .higherIsWorse: return (2 * target - realisation) / target * 100
        }
    }
}

/// The score bands a pemda grades capaian with (LKjIP practice; bands vary by pemda, so they are configurable).
/// Each band holds the capaian from its `minimum` (inclusive) up to the next band's; the lowest band takes
/// everything below.
public struct ScoreBands: Sendable, Equatable {
    /// One band: its lower bound, its name and the traffic-light class pages draw it with.
    public struct Band: Sendable, Equatable, Encodable {
        public let minimum: Double
        public let name: String
        public let light: Light

        public init(minimum: Double, name: String, light: Light) {
            self.minimum = minimum
            self.name = name
            self.light = light
        }

        enum CodingKeys: String, CodingKey { case minimum, name, light }

        /// `{"name": …, "light": …, "minimum": …}`, without `minimum` for the lowest band (it has none).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(light, forKey: .light)
            if minimum.isFinite { try container.encode(minimum, forKey: .minimum) }
        }
    }

    /// Traffic-light classes, best first.
    public enum Light: String, Sendable, Encodable, CaseIterable {
        case green = "hijau", lightGreen = "hijau-muda", yellow = "kuning", orange = "jingga", red = "merah"
    }

    /// Highest minimum first.
    public let bands: [Band]

    /// Sorts `bands` by their minimum, highest first; `nil` when empty or two share a minimum.
    public init?(_ bands: [Band]) {
        let sorted = bands.sorted { $0.minimum > $1.minimum }
        guard !sorted.isEmpty, Set(sorted.map(\.minimum)).count == sorted.count else { return nil }
        self.bands = sorted
    }

    /// The common five (`domain.md` §5.4): ≥ 91 sangat tinggi, 76–90 tinggi, 66–75 sedang, 51–65 rendah,
    /// ≤ 50 sangat rendah (whole-percent bounds read as "above 90" and so on for fractions between them).
    public static let standard = ScoreBands(uncheckedSorted: [
        Band(minimum: 90, name: "Sangat tinggi", light: .green),
        Band(minimum: 75, name: "Tinggi", light: .lightGreen),
        Band(minimum: 65, name: "Sedang", light: .yellow),
        Band(minimum: 50, name: "Rendah", light: .orange),
        Band(minimum: -Double.infinity, name: "Sangat rendah", light: .red),
    ])

    private init(uncheckedSorted bands: [Band]) { self.bands = bands }

    /// The band of a capaian: the first whose minimum it exceeds (`standard`: 90.5 → sangat tinggi, 90 → tinggi).
    /// The standard bands' minimums are exclusive so that 91–100 is "sangat tinggi" and exactly 90 is "tinggi".
    public func band(of percent: Double) -> Band {
        bands.first { percent > $0.minimum } ?? bands[bands.count - 1]
    }

    /// Reads bands written as `90:Sangat tinggi,75:Tinggi,65:Sedang,50:Rendah,0:Sangat rendah` (a capaian above
    /// the number falls in the band; the lowest band takes everything at or below its number too). Lights are given
    /// best first in the order written. `nil` for any unreadable part.
    public static func parse(_ text: String) -> ScoreBands? {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !parts.isEmpty, parts.count <= Light.allCases.count else { return nil }
        var bands: [Band] = []
        for (index, part) in parts.enumerated() {
            let pieces = part.split(separator: ":", maxSplits: 1)
            guard pieces.count == 2, let minimum = Double(pieces[0].trimmingCharacters(in: .whitespaces)), minimum.isFinite else { return nil }
            let name = pieces[1].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return nil }
            bands.append(Band(minimum: minimum, name: name, light: Light.allCases[index]))
        }
        guard var sorted = ScoreBands(bands)?.bands, sorted.map(\.name) == bands.map(\.name) else { return nil }
        let last = sorted.removeLast()
        sorted.append(Band(minimum: -Double.infinity, name: last.name, light: last.light))
        return ScoreBands(uncheckedSorted: sorted)
    }
}
