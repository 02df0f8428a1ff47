import Foundation
import LumbungDomain
import LumbungReference
import LumbungSynth
import Testing

/// `lumbung demo`'s province (`GeneratorOptions.demo`) has desa of realistic size in Lombok Timur, and a region scale
/// changes only its own kabupaten/kota. (The demo itself, imported, is measured by `bench/demo.sh`, which also checks
/// the median family count in the database.)
@Suite struct DemoProvinceTests {
    /// The median (the lower of the two middle ones) of some numbers, by sorting.
    static func median(_ values: [Int]) -> Int {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[(sorted.count - 1) / 2]
    }

    @Test func the_demos_lombok_timur_has_a_median_desa_of_at_least_300_families() async throws {
        // The demo's Lombok Timur as generated (the rest of the province smaller than the demo's, to keep the test short),
        // families counted per desa from the written family file itself.
        var options = GeneratorOptions.demo
        options.scale = 0.0005
        options.faultRates = .none
        #expect(options.regionScales.keys.map(\.dotted) == ["52.03"])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("demo-lotim-\(UUID())")
        defer { try? FileManager.default.removeItem(at: url) }
        _ = try await PopulationGenerator(options: options).generate(into: url)
        var familiesOf: [String: Int] = [:]
        for row in try Self.rows(url, prefix: "dtsen-keluarga") {
            let desa = row["kode_desa"] ?? ""
            if desa.hasPrefix("52.03.") || desa.hasPrefix("5203") { familiesOf[desa, default: 0] += 1 }
        }
        #expect(familiesOf.count == 254, "every desa/kelurahan of Lombok Timur")
        let median = Self.median(Array(familiesOf.values))
        #expect(median >= 300, "Lombok Timur's median desa holds \(median) families")
    }

    @Test func a_small_run_with_a_region_scale_ends_every_desa_within_one_family_of_its_plan() async throws {
        var options = GeneratorOptions(scale: 0.0005, layouts: [.dtsen], faultRates: .none)
        options.regionScales = [try RegionCode("52.08"): 0.02]
        let planned = try PopulationGenerator(options: options).plannedPeople()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("demo-province-\(UUID())")
        defer { try? FileManager.default.removeItem(at: url) }
        _ = try await PopulationGenerator(options: options).generate(into: url)
        // People and families per desa counted from the files themselves: the family file's desa column, and each
        // person row's No. KK looked up in the family file.
        let families = try Self.rows(url, prefix: "dtsen-keluarga")
        let people = try Self.rows(url, prefix: "dtsen-individu")
        var familiesOf: [String: Int] = [:], peopleOf: [String: Int] = [:], desaOfKK: [String: String] = [:]
        for row in families {
            familiesOf[row["kode_desa"] ?? "", default: 0] += 1
            desaOfKK[row["no_kk"] ?? ""] = row["kode_desa"]
        }
        for row in people { peopleOf[desaOfKK[row["no_kk"] ?? ""] ?? "?", default: 0] += 1 }
        var checked = 0
        for (code, plan) in planned {
            let key = code.dotted
            let persons = peopleOf[key] ?? peopleOf[code.compact] ?? 0
            let count = familiesOf[key] ?? familiesOf[code.compact] ?? 0
            #expect(abs(persons - plan) <= 8, "\(key): \(persons) people, planned \(plan)")
            #expect(count >= 1 && count * 8 >= persons, "\(key): \(count) families of \(persons) people")
            checked += 1
        }
        #expect(checked == 1_166)
        // Lombok Utara at 2 % of its 269,989 people, the others at 0,05 %.
        let utara = planned.filter { $0.key.dotted.hasPrefix("52.08.") }.map(\.value).reduce(0, +)
        let mataram = planned.filter { $0.key.dotted.hasPrefix("52.71.") }.map(\.value).reduce(0, +)
        #expect(utara == 5_400 && mataram == 231, "\(utara), \(mataram)")
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: url.appendingPathComponent("truth.json")))
        #expect(truth.generator.regionScales == ["52.08": 0.02])
    }

    /// The rows of every CSV file whose name starts with `prefix`, as header → value.
    static func rows(_ folder: URL, prefix: String) throws -> [[String: String]] {
        var rows: [[String: String]] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasPrefix(prefix) {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            guard let header = lines.first else { continue }
            for line in lines.dropFirst() where line.count == header.count {
                rows.append(Dictionary(zip(header, line), uniquingKeysWith: { a, _ in a }))
            }
        }
        return rows
    }
}
