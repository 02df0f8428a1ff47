import Foundation
import LumbungSynth
import Testing

@Suite struct DeterminismTests {
    private func generate(seed: UInt64, format: SynthFormat, parallelism: Int) async throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("det-\(UUID())")
        let options = GeneratorOptions(scale: 0.0005, seed: seed, format: format, parallelism: parallelism)
        _ = try await PopulationGenerator(options: options).generate(into: url)
        return url
    }

    private func contents(_ folder: URL) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) })
    }

    @Test(arguments: [SynthFormat.csv, .xlsx])
    func the_same_seed_gives_byte_identical_files_whatever_the_parallelism(format: SynthFormat) async throws {
        let first = try await generate(seed: 42, format: format, parallelism: 1)
        let second = try await generate(seed: 42, format: format, parallelism: 3)
        defer { for url in [first, second] { try? FileManager.default.removeItem(at: url) } }
        let a = try contents(first), b = try contents(second)
        #expect(a.count == 61)
        #expect(a.keys.sorted() == b.keys.sorted())
        for name in a.keys { #expect(a[name] == b[name], "\(name)") }
    }

    @Test func another_seed_gives_other_people() async throws {
        let first = try await generate(seed: 1, format: .csv, parallelism: 2)
        let second = try await generate(seed: 2, format: .csv, parallelism: 2)
        defer { for url in [first, second] { try? FileManager.default.removeItem(at: url) } }
        #expect(try contents(first)["dtsen-individu-5203.csv"] != contents(second)["dtsen-individu-5203.csv"])
    }
}
