import Foundation
import LumbungSheets
import LumbungTestSupport
import Testing

/// The malformed corpus as the fuzzers' seeds (bench/fuzz/seeds.sh runs this with LUMBUNG_FUZZ_SEEDS=FOLDER), and a
/// check that the corpus is what the tests say it is: deterministic, every kind present.
@Suite struct MalformedCorpusSeedTests {
    @Test func the_corpus_is_the_same_from_the_same_seed_and_has_every_kind() throws {
        let target = ProcessInfo.processInfo.environment["LUMBUNG_FUZZ_SEEDS"].map { URL(fileURLWithPath: $0) }
        let first = target ?? FileManager.default.temporaryDirectory.appendingPathComponent("corpus-a-\(UUID())")
        let second = FileManager.default.temporaryDirectory.appendingPathComponent("corpus-b-\(UUID())")
        defer {
            if target == nil { try? FileManager.default.removeItem(at: first) }
            try? FileManager.default.removeItem(at: second)
        }
        let a = try MalformedCorpus.write(to: first, variants: 3)
        let b = try MalformedCorpus.write(to: second, variants: 3)
        #expect(a.map(\.url.lastPathComponent) == b.map(\.url.lastPathComponent))
        for (x, y) in zip(a, b) {
            #expect(try Data(contentsOf: x.url) == Data(contentsOf: y.url), "\(x.url.lastPathComponent) differs between two runs")
        }
        let kinds = Set(a.map(\.kind))
        for kind in ["csv-unbalanced-quote", "csv-nul", "csv-invalid-utf8", "csv-bom", "csv-huge-cell", "csv-many-columns", "csv-cr-only",
                     "xlsx-truncated", "xlsx-bomb-shared-string", "xlsx-billion-laughs", "xlsx-deep-nesting", "xlsx-shared-string-index",
                     "xlsx-cell-reference", "ods-repeated-columns", "xls-record-length", "html-deep-tables"] {
            #expect(kinds.contains(kind), "no \(kind) in the corpus")
        }
        #expect(Set(a.map(\.url.lastPathComponent)).count == a.count, "two files of one name")
    }
}
