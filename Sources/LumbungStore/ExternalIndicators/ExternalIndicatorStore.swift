import Foundation
import LumbungDomain
import SQLKit

/// Indicators published by other bodies and their values per region and period (issue 16 item 3).
public struct ExternalIndicatorStore: Sendable {
    private let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// What an import did: values new to Lumbung (a new region or a newer date), values already stored as given, and
    /// values of a stored region and period that the file corrects.
    public struct Outcome: Sendable, Equatable, Encodable {
        public let indicator: String
        public let added: Int
        public let unchanged: Int
        public let corrected: Int

        public init(indicator: String, added: Int, unchanged: Int, corrected: Int) {
            self.indicator = indicator
            self.added = added
            self.unchanged = unchanged
            self.corrected = corrected
        }
    }

    /// A stored indicator with how many values it has and its newest period.
    public struct Summary: Sendable, Equatable, Encodable {
        public let id: String
        public let name: String
        public let unit: String
        public let direction: String
        public let source: String
        public let values: Int
        public let regions: Int
        public let latestPeriod: String?
    }

    /// One stored value.
    public struct StoredValue: Sendable, Equatable, Encodable {
        public let indicator: String
        public let region: String
        public let period: String
        public let value: Double
        public let source: String

        public init(indicator: String, region: String, period: String, value: Double, source: String) {
            self.indicator = indicator
            self.region = region
            self.period = period
            self.value = value
            self.source = source
        }
    }

    /// Saves `values` of `indicator` in one transaction: the indicator is created, or its name and source brought up to
    /// date (its unit and direction must stay as stored); a value for a region and period already stored with the same
    /// figure changes nothing, so importing the same table again is a no-op; a newer period adds a value.
    ///
    /// `mayRename`: whether the importer may change the stored name and source (the province and the command line; a
    /// kabupaten's user shares the indicator with other regions). `audit`: the person to record the import for, in the
    /// same transaction (`external.imported`, with what was added, corrected and left).
    ///
    /// - Throws: `ExternalIndicatorProblem.definitionDiffers` when the stored unit or direction differ;
    ///   `ExternalIndicatorProblem.definitionOwned` for a new name or source without `mayRename`;
    ///   `MonitoringProblem.regionUnknown` for a region not in the database.
    @discardableResult
    public func save(_ indicator: ExternalIndicator, values: [ExternalValue], source: String, by author: String, mayRename: Bool = true,
                     audit: (actor: AuditActor, region: String?)? = nil) async throws -> Outcome {
        let id = try ExternalIndicator.checkID(indicator.id)
        let engine = database.engine
        return try await database.transaction { db in
            if let stored = try await Self.indicator(db, id) {
                if stored.unit != indicator.unit || stored.direction != indicator.direction {
                    throw ExternalIndicatorProblem.definitionDiffers(id: id, stored: Self.definition(stored), given: Self.definition(indicator))
                }
                if !mayRename && (stored.name != indicator.name || stored.source != indicator.source) {
                    throw ExternalIndicatorProblem.definitionOwned(id: id, name: stored.name, source: stored.source)
                }
                try await db.raw("""
                    UPDATE external_indicator SET name = \(bind: indicator.name), source = \(bind: indicator.source), updated_by = \(bind: author)
                    WHERE id = \(bind: id)
                    """).run()
            } else {
                try await db.raw("""
                    INSERT INTO external_indicator (id, name, unit, direction, source, updated_by)
                    VALUES (\(bind: id), \(bind: indicator.name), \(bind: indicator.unit.rawValue), \(bind: indicator.direction.rawValue),
                            \(bind: indicator.source), \(bind: author))
                    """).run()
            }
            let known = Set(try await db.raw("SELECT code FROM region").all().map { try $0.decode(column: "code", as: String.self) })
            var stored: [String: Double] = [:]
            for row in try await db.raw("SELECT region_code, period, value FROM external_value WHERE indicator_id = \(bind: id)").all() {
                stored[try row.decode(column: "region_code", as: String.self) + " " + row.decode(column: "period", as: String.self)] =
                    try row.decode(column: "value", as: Double.self)
            }
            var added = 0, unchanged = 0, corrected = 0
            for value in values {
                guard known.contains(value.region.dotted) else { throw MonitoringProblem.regionUnknown(value.region.dotted) }
                let key = value.region.dotted + " " + value.period.description
                if let old = stored[key] {
                    if old == value.value { unchanged += 1; continue }
                    try await db.raw("""
                        UPDATE external_value SET value = \(bind: value.value), source = \(bind: source), imported_by = \(bind: author)
                        WHERE indicator_id = \(bind: id) AND region_code = \(bind: value.region.dotted) AND period = \(bind: value.period.description)
                        """).run()
                    corrected += 1
                } else {
                    try await db.raw("""
                        INSERT INTO external_value (indicator_id, region_code, period, period_end, value, source, imported_by)
                        VALUES (\(bind: id), \(bind: value.region.dotted), \(bind: value.period.description), \(bind: value.period.end.description),
                                \(bind: value.value), \(bind: source), \(bind: author))
                        """).run()
                    added += 1
                }
                stored[key] = value.value
            }
            if let audit {
                try await AuditLog.append(db, engine: engine, actor: audit.actor, action: .externalImported, region: audit.region,
                                          target: "\(id): \(added) baru, \(corrected) dikoreksi, \(unchanged) tetap", recordCount: added + corrected)
            }
            return Outcome(indicator: id, added: added, unchanged: unchanged, corrected: corrected)
        }
    }

    private static func definition(_ indicator: ExternalIndicator) -> String {
        "satuan \(indicator.unit.rawValue), arah \(indicator.direction.rawValue)"
    }

    /// Every stored indicator, by id.
    public func indicators() async throws -> [ExternalIndicator] {
        try await database.read { db in
            try await db.raw("SELECT id, name, unit, direction, source FROM external_indicator ORDER BY id").all().map(Self.indicator(row:))
        }
    }

    /// One stored indicator, `nil` when there is none of that id.
    public func indicator(_ id: String) async throws -> ExternalIndicator? {
        try await database.read { db in try await Self.indicator(db, id) }
    }

    /// Every indicator with its count of values and regions and its newest period.
    public func summaries() async throws -> [Summary] {
        try await database.read { db in
            var summaries: [Summary] = []
            for row in try await db.raw("""
                SELECT i.id, i.name, i.unit, i.direction, i.source, COUNT(v.region_code) AS n, COUNT(DISTINCT v.region_code) AS r, MAX(v.period_end) AS latest
                FROM external_indicator i LEFT JOIN external_value v ON v.indicator_id = i.id
                GROUP BY i.id, i.name, i.unit, i.direction, i.source ORDER BY i.id
                """).all() {
                let latestEnd = try row.decode(column: "latest", as: String?.self)
                let id = try row.decode(column: "id", as: String.self)
                var latest: String?
                if let latestEnd {
                    latest = try await db.raw("""
                        SELECT period FROM external_value WHERE indicator_id = \(bind: id) AND period_end = \(bind: latestEnd) ORDER BY LENGTH(period) LIMIT 1
                        """).first()?.decode(column: "period", as: String.self)
                }
                summaries.append(Summary(id: id, name: try row.decode(column: "name", as: String.self), unit: try row.decode(column: "unit", as: String.self),
                                         direction: try row.decode(column: "direction", as: String.self), source: try row.decode(column: "source", as: String.self),
                                         values: try row.decode(column: "n", as: Int.self), regions: try row.decode(column: "r", as: Int.self), latestPeriod: latest))
            }
            return summaries
        }
    }

    /// The values of `indicator` (or of every indicator) at or below `region`, by indicator, region, then period oldest first.
    public func values(indicator: String? = nil, within region: RegionCode? = nil) async throws -> [StoredValue] {
        try await database.read { db in
            var query: SQLQueryString = "SELECT indicator_id, region_code, period, period_end, value, source FROM external_value WHERE 1 = 1"
            if let indicator {
                query.appendInterpolation(unsafeRaw: " AND indicator_id = ")
                query.appendInterpolation(bind: indicator)
            }
            if let region {
                query.appendInterpolation(unsafeRaw: " AND ")
                query.appendInterpolation(RegionSQL.atOrBelow("region_code", region))
            }
            query.appendInterpolation(unsafeRaw: " ORDER BY indicator_id, region_code, period_end, LENGTH(period) DESC")
            return try await db.raw(query).all().map { row in
                StoredValue(indicator: try row.decode(column: "indicator_id", as: String.self), region: try row.decode(column: "region_code", as: String.self),
                            period: try row.decode(column: "period", as: String.self), value: try row.decode(column: "value", as: Double.self),
                            source: try row.decode(column: "source", as: String.self))
            }
        }
    }

    /// The newest value of `indicator` in each region that has one (at or below `region`), keyed by region code.
    public func latest(indicator: String, within region: RegionCode? = nil) async throws -> [RegionCode: StoredValue] {
        var latest: [RegionCode: StoredValue] = [:]
        // `values` is ordered oldest first within a region, so the last one seen wins.
        for value in try await values(indicator: indicator, within: region) {
            guard let code = try? RegionCode(value.region) else { continue }
            latest[code] = value
        }
        return latest
    }

    /// The newest value of every indicator in exactly `region`, by indicator id.
    public func latest(in region: RegionCode) async throws -> [(indicator: ExternalIndicator, value: StoredValue)] {
        let indicators = try await self.indicators()
        var newest: [String: StoredValue] = [:]
        for value in try await values(within: region) where value.region == region.dotted { newest[value.indicator] = value }
        return indicators.compactMap { indicator in newest[indicator.id].map { (indicator, $0) } }
    }

    /// A fingerprint of every stored value (count, sum, newest period), so what is computed from them can be cached
    /// until an import adds or corrects one.
    public func version() async throws -> String {
        try await database.read { db in
            guard let row = try await db.raw("SELECT COUNT(*) AS n, SUM(value) AS s, MAX(period_end) AS p FROM external_value").first() else { return "" }
            return "\(try row.decode(column: "n", as: Int.self)) \(try row.decode(column: "s", as: Double?.self) ?? 0) \(try row.decode(column: "p", as: String?.self) ?? "")"
        }
    }

    private static func indicator(_ db: any SQLDatabase, _ id: String) async throws -> ExternalIndicator? {
        try await db.raw("SELECT id, name, unit, direction, source FROM external_indicator WHERE id = \(bind: id)").first().map(indicator(row:))
    }

    private static func indicator(row: any SQLRow) throws -> ExternalIndicator {
        let unitText = try row.decode(column: "unit", as: String.self), directionText = try row.decode(column: "direction", as: String.self)
        guard let unit = ExternalIndicator.Unit(rawValue: unitText), let direction = Indicator.Direction(rawValue: directionText) else {
            throw StoreError.queryFailed(reason: "external_indicator: unit \(unitText), direction \(directionText)")
        }
        return ExternalIndicator(id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self),
                                 unit: unit, direction: direction, source: try row.decode(column: "source", as: String.self))
    }
}
