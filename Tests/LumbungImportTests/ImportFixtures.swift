import Foundation
import LumbungDomain
import LumbungImport
import LumbungStore
import LumbungSynth
import LumbungTestSupport
import SQLKit

/// Generated populations for import tests (made once per run) and helpers to import them.
actor Populations {
    static let shared = Populations()
    private var made: [String: (URL, Truth)] = [:]

    func folder(_ format: SynthFormat) async throws -> (URL, Truth) {
        if let done = made[format.rawValue] { return done }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("import-src-\(UUID())")
        let options = GeneratorOptions(scale: 0.0015, seed: 11, format: format, faultRates: FaultRates.standard.scaled(by: 6))
        _ = try await PopulationGenerator(options: options).generate(into: url)
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: url.appendingPathComponent("truth.json")))
        made[format.rawValue] = (url, truth)
        return (url, truth)
    }
}

enum ImportFixtures {
    static let references = try! ImportReferences.load()
    static let asOf = CalendarDate(year: 2025, month: 6, day: 30)!

    static func options(rejects: URL? = nil) -> ImportOptions {
        var options = ImportOptions(asOf: asOf)
        options.rejectsFolder = rejects ?? FileManager.default.temporaryDirectory.appendingPathComponent("rejects-\(UUID())")
        try? FileManager.default.createDirectory(at: options.rejectsFolder!, withIntermediateDirectories: true)
        return options
    }

    /// The issues stored for a batch: row → [(code, severity)].
    static func storedIssues(batch: Int, in database: Database) async throws -> [Int: [(code: String, severity: String)]] {
        let rows = try await database.read { db in
            try await db.raw("SELECT row_number, code, severity FROM import_issue WHERE batch_id = \(bind: batch)").all()
        }
        var result: [Int: [(String, String)]] = [:]
        for row in rows {
            result[try row.decode(column: "row_number", as: Int.self), default: []]
                .append((try row.decode(column: "code", as: String.self), try row.decode(column: "severity", as: String.self)))
        }
        return result
    }

    static func count(_ sql: String, in database: Database) async throws -> Int {
        try await database.read { db in try await db.raw(SQLQueryString(sql)).first()!.decode(column: "n", as: Int.self) }
    }
}
