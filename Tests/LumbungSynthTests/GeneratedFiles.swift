import Foundation
import LumbungDomain
import LumbungSynth

/// Generated folders shared by the tests of one run (generating is the slow part), and a reader for their CSV files.
actor GeneratedFolders {
    static let shared = GeneratedFolders()
    private var made: [String: (URL, Truth)] = [:]

    /// A population at `scale` with five times the usual faults, so every kind shows up.
    func folder(scale: Double = 0.002, seed: UInt64 = 7, format: SynthFormat = .csv) async throws -> (URL, Truth) {
        let key = "\(scale)-\(seed)-\(format)"
        if let done = made[key] { return done }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("synth-\(UUID())")
        let options = GeneratorOptions(scale: scale, seed: seed, format: format, faultRates: FaultRates.standard.scaled(by: 5))
        _ = try await PopulationGenerator(options: options).generate(into: url)
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: url.appendingPathComponent("truth.json")))
        made[key] = (url, truth)
        return (url, truth)
    }
}

/// A CSV file as rows of fields (RFC 4180 quotes; the generator writes no line breaks inside fields).
struct CSVFile {
    let rows: [[String]]

    init(_ url: URL, delimiter: Character = ",") throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        rows = text.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast().map { Self.split($0, delimiter) }
    }

    /// Row `number` as a spreadsheet counts (1 = first line).
    func row(_ number: Int) -> [String] { rows[number - 1] }

    static func split(_ line: Substring, _ delimiter: Character) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var previousQuote = false
        for character in line {
            if quoted {
                if character == "\"" { quoted = false; previousQuote = true; continue }
                field.append(character)
            } else if character == "\"" {
                if previousQuote { field.append("\"") }
                quoted = true
            } else if character == delimiter {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
            previousQuote = false
        }
        fields.append(field)
        return fields
    }
}

/// A row read by its header names.
struct Record {
    let header: [String: Int]
    let fields: [String]
    subscript(_ column: String) -> String { fields[header[column]!] }
}

extension CSVFile {
    /// The data rows below the header at `headerRow`, each with its row number.
    func records(headerRow: Int) -> [(row: Int, record: Record)] {
        let names = rows[headerRow - 1]
        let header = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        return rows.enumerated().dropFirst(headerRow).map { ($0 + 1, Record(header: header, fields: $1)) }
    }
}

/// Day-first dates as DTSEN (`-`), SIKS-NG (`/`) and P3KE (`27/06/1980 0:00:00`) print them; `nil` for an impossible date.
func parseDayFirst(_ text: String) -> CalendarDate? {
    let parts = text.split(separator: " ").first.map { $0.split(whereSeparator: { $0 == "-" || $0 == "/" }).compactMap { Int($0) } } ?? []
    guard parts.count == 3 else { return nil }
    return CalendarDate(year: parts[2], month: parts[1], day: parts[0])
}

/// P3KE's month-first dates with a time, `8/5/1992 0:00`.
func parseMonthFirst(_ text: String) -> CalendarDate? {
    let parts = text.split(separator: " ")[0].split(separator: "/").compactMap { Int($0) }
    guard parts.count == 3 else { return nil }
    return CalendarDate(year: parts[2], month: parts[0], day: parts[1])
}
