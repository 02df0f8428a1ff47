import Foundation

/// A figure published by someone else — a partner, Dinas Kesehatan, BPS — for regions of NTB: stunting prevalence per
/// desa, sanitation access per kecamatan, BPS poverty per kabupaten (issue 16 item 3). Lumbung does not compute it; it
/// keeps each published value with its region and date, so pages show it beside Lumbung's own indicators, Pemantauan
/// measures targets against its latest value, and the priority ranking may weigh it.
public struct ExternalIndicator: Sendable, Equatable, Codable {
    /// What the values are.
    public enum Unit: String, Sendable, Codable, CaseIterable {
        case percent, perMille = "per_mille", people, families, count

        /// Words people write for each unit on the command line or in a sheet's header block.
        static let words: [String: Unit] = [
            "percent": .percent, "persen": .percent, "%": .percent, "pct": .percent,
            "per_mille": .perMille, "permil": .perMille, "per mil": .perMille, "per mille": .perMille, "‰": .perMille, "per1000": .perMille,
            "per 1000": .perMille, "per_1000": .perMille,
            "people": .people, "jiwa": .people, "orang": .people, "individu": .people,
            "families": .families, "keluarga": .families, "kk": .families,
            "count": .count, "jumlah": .count, "unit": .count, "angka": .count,
        ]

        /// `persen`, `permil`, `jiwa` … (any case); `nil` when unknown.
        public static func parse(_ text: String) -> Unit? { words[text.trimmingCharacters(in: .whitespaces).lowercased()] }

        /// A rate (percent or per mille) can be ranked; a count would favour big areas.
        public var isRate: Bool { self == .percent || self == .perMille }

        /// The unit as pages write it after a value.
        public var label: String {
            switch self {
            case .percent: "%"
            case .perMille: "‰"
            case .people: "jiwa"
            case .families: "keluarga"
            case .count: ""
            }
        }

        /// A value in this unit as a percentage (rates only).
        public func percent(_ value: Double) -> Double? {
            switch self {
            case .percent: value
            case .perMille: value / 10
            default: nil
            }
        }
    }

    public let id: String
    public let name: String
    public let unit: Unit
    public let direction: Indicator.Direction
    public let source: String

    public init(id: String, name: String, unit: Unit, direction: Indicator.Direction, source: String) {
        self.id = id
        self.name = name
        self.unit = unit
        self.direction = direction
        self.source = source
    }

    /// The longest id, name and source accepted.
    public static let maximumIDLength = 40, maximumTextLength = 200

    /// Checks an id: 1–40 lowercase letters, digits, `_` or `-`, starting with a letter, and no id of Lumbung's own
    /// indicators (nor programme coverage), so a target or ranking weight always names one thing.
    public static func checkID(_ text: String) throws(ExternalIndicatorProblem) -> String {
        guard !text.isEmpty, text.count <= maximumIDLength, text.first.map({ $0.isASCII && $0.isLowercase }) == true,
              text.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw .idInvalid(String(text.prefix(60)))
        }
        guard IndicatorCatalogue.indicator(text) == nil, text != CoverageIndicator.id else { throw .idTaken(text) }
        return text
    }

    /// Reads a direction: `higher_is_better`, `naik`, `tinggi-baik` … or `higher_is_worse`, `lower_is_better`, `turun` ….
    public static func direction(_ text: String) -> Indicator.Direction? {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        switch key {
        case "higher_is_better", "higher_better", "naik", "tinggi_baik", "makin_tinggi_makin_baik", "lebih_tinggi_lebih_baik": return .higherIsBetter
        case "higher_is_worse", "lower_is_better", "lower_better", "turun", "rendah_baik", "makin_rendah_makin_baik",
             "lebih_rendah_lebih_baik": return .higherIsWorse
        default: return nil
        }
    }

    /// "makin rendah makin baik" / "makin tinggi makin baik".
    public var directionText: String { direction == .higherIsWorse ? "makin rendah makin baik" : "makin tinggi makin baik" }

    /// A value with its unit as pages show it: `27,5%`, `12,3‰`, `1.234 jiwa`.
    public func show(_ value: Double) -> String {
        let number = IndonesianNumber.decimal(value)
        switch unit {
        case .percent, .perMille: return number + unit.label
        case .count: return number
        case .people, .families: return number + " " + unit.label
        }
    }

    /// The indicator as the priority ranking weighs it (its values are given to the ranking, never computed from a tally).
    public var rankingIndicator: Indicator {
        Indicator(id: id, nameID: name, nameEN: name, definition: "sumber lain: \(source)", unit: unit.isRate ? .percent : .count,
                  direction: direction, subject: .families, numerator: { _ in FamilyCounts() }, denominator: { _ in FamilyCounts() },
                  meaninglessSplits: Set(FamilyCounts.dimensions.map(\.name)))
    }
}

/// When a published value holds: a year (`2024`) or a day (`2024-06-30`). A year sorts as its last day, so a value of
/// 2024-06-30 comes before one of the year 2024 and after one of 2023.
public struct ExternalPeriod: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    /// The day, when the source gives one.
    public let date: CalendarDate?

    public init(year: Int) {
        self.year = year
        self.date = nil
    }

    public init(date: CalendarDate) {
        self.year = date.year
        self.date = date
    }

    /// `2024` or `2024-06-30` (years 2000–2100); `nil` otherwise.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 4, let year = Int(trimmed), TargetYear.range.contains(year) {
            self.init(year: year)
        } else if let date = CalendarDate(iso: trimmed), TargetYear.range.contains(date.year) {
            self.init(date: date)
        } else {
            return nil
        }
    }

    /// The last day the value can stand for.
    public var end: CalendarDate { date ?? CalendarDate(year: year, month: 12, day: 31) ?? CalendarDate(daysSince1970: 0) }

    public var description: String { date?.description ?? String(year) }

    public static func < (lhs: ExternalPeriod, rhs: ExternalPeriod) -> Bool {
        lhs.end != rhs.end ? lhs.end < rhs.end : (lhs.date != nil && rhs.date == nil)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let period = ExternalPeriod(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a year or date"))
        }
        self = period
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// One published value: a region, when, and the figure in the indicator's unit.
public struct ExternalValue: Sendable, Equatable {
    public let region: RegionCode
    public let period: ExternalPeriod
    public let value: Double

    public init(region: RegionCode, period: ExternalPeriod, value: Double) {
        self.region = region
        self.period = period
        self.value = value
    }
}

/// Why an external indicator cannot be imported or read, in Bahasa Indonesia.
public enum ExternalIndicatorProblem: Error, Sendable, Hashable, CustomStringConvertible {
    case idInvalid(String)
    case idTaken(String)
    case nameMissing
    case textTooLong(String)
    case unitUnknown(String)
    case directionUnknown(String)
    case sourceMissing
    case periodUnreadable(String)
    case unknown(String)
    case definitionDiffers(id: String, stored: String, given: String)
    /// A row's region lies outside the importing user's scope.
    case outsideScope(region: String, scope: String)
    /// A user below the province asked to change the name or source of an indicator other regions share.
    case definitionOwned(id: String, name: String, source: String)

    public var description: String {
        switch self {
        case .idInvalid(let text):
            "Id indikator '\(text)' tidak sah: pakai 1–\(ExternalIndicator.maximumIDLength) huruf kecil, angka, '_' atau '-', diawali huruf (mis. stunting_dinkes)."
        case .idTaken(let id):
            "Id '\(id)' sudah dipakai indikator Lumbung sendiri: pilih id lain (mis. \(id)_luar)."
        case .nameMissing: "Nama indikator kosong: isi --name (atau baris 'nama' di kepala lembar)."
        case .textTooLong(let what): "\(what) lebih dari \(ExternalIndicator.maximumTextLength) huruf."
        case .unitUnknown(let text):
            "Satuan '\(text)' tidak dikenal: pakai persen, permil, jiwa, keluarga atau jumlah."
        case .directionUnknown(let text):
            "Arah '\(text)' tidak dikenal: pakai higher_is_better (makin tinggi makin baik) atau lower_is_better (makin rendah makin baik)."
        case .sourceMissing: "Sumber data kosong: isi --source (mis. 'Dinas Kesehatan NTB, e-PPGBM')."
        case .periodUnreadable(let text):
            "Tanggal data '\(text)' tidak terbaca: tulis tahun (2024) atau tanggal tttt-bb-hh (2024-06-30), tahun \(TargetYear.range.lowerBound)–\(TargetYear.range.upperBound)."
        case .unknown(let id): "Indikator sumber lain '\(id)' tidak ditemukan: lihat daftar dengan `lumbung external list`."
        case .definitionDiffers(let id, let stored, let given):
            "Indikator '\(id)' sudah tersimpan dengan \(stored), berkas ini menyebut \(given): satu id satu satuan dan arah. Pakai id lain atau perbaiki berkasnya."
        case .definitionOwned(let id, let name, let source):
            "Indikator '\(id)' sudah tersimpan dengan nama '\(name)' dan sumber '\(source)', yang juga dipakai wilayah lain: hanya pengguna tingkat provinsi yang boleh mengubahnya. Impor dengan nama dan sumber yang sama, atau minta admin provinsi mengubahnya."
        case .outsideScope(let region, let scope):
            "wilayah \(region) di luar cakupan Anda (\(scope)): hanya nilai wilayah dalam cakupan Anda yang boleh diimpor."
        }
    }
}

extension ExternalIndicator {
    /// Whether an importer of this scope may change a stored indicator's name and source: they are shared by every
    /// region that reports it, so only the province (or the command line, no scope) may.
    public static func mayRedefine(importerScope scope: RegionCode?) -> Bool {
        scope.map { $0.depth <= 1 } ?? true
    }

    /// Whether a published value is withheld from roles that may not see small counts (partners, viewers): a count of
    /// people, families or things of 1–4 (`CellSuppression`'s rule for Lumbung's own counts), because a desa's "3 balita
    /// stunting" names children as surely as a registry count does. Rates stay: the source gives no numerator to check.
    /// Each value is judged alone: sources publish one level at a time, so no sum ties a desa to its kecamatan.
    public func withholds(_ value: Double) -> Bool {
        !unit.isRate && value > 0 && value < Double(CellSuppression.threshold)
    }

    /// A value as a page shows it to a user: `<5 jiwa` when ``withholds(_:)`` and the user is `restricted`, else ``show(_:)``.
    public func show(_ value: Double, restricted: Bool) -> String {
        guard restricted && withholds(value) else { return show(value) }
        return unit.label.isEmpty ? CellSuppression.Reason.small.text : CellSuppression.Reason.small.text + " " + unit.label
    }

    /// The indicator as Pemantauan shows it: percent values as percent, every other unit as a plain number.
    public var monitoringIndicator: Indicator {
        Indicator(id: id, nameID: name, nameEN: name, definition: "data dari sumber lain — \(source)", unit: unit == .percent ? .percent : .count,
                  direction: direction, subject: .families, numerator: { _ in FamilyCounts() }, denominator: nil,
                  meaninglessSplits: Set(FamilyCounts.dimensions.map(\.name)))
    }
}

extension IndicatorValue {
    /// A placeholder for a component whose rate is given rather than counted (an external indicator in the ranking):
    /// no count, no denominator, no percent.
    public static func given(_ id: String) -> IndicatorValue {
        IndicatorValue(indicator: id, count: 0, denominator: nil, splits: [])
    }
}
