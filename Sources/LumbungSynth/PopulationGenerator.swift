import Foundation
import LumbungDomain
import LumbungReference

/// Generates a synthetic NTB population as export-style files plus `truth.json`.
///
/// The output appears all at once: files are written into a hidden sibling folder that is renamed
/// to the output folder only when everything, `truth.json` last, is complete. A failure removes it.
public struct PopulationGenerator: Sendable {
    public let options: GeneratorOptions

    public init(options: GeneratorOptions) {
        self.options = options
    }

    /// What a finished run made.
    public struct Summary: Sendable {
        public let folder: URL
        public let families: Int
        public let people: Int
        public let files: [String]
    }

    /// How many people each desa/kelurahan is planned to get; the generator ends each within one family of its plan.
    public func plannedPeople() throws -> [RegionCode: Int] {
        try options.validate()
        let plan = try PopulationPlan(scale: options.scale, regionScales: options.regionScales, seed: options.seed)
        return Dictionary(uniqueKeysWithValues: plan.regencies.flatMap(\.villages).map { ($0.region.code, $0.targetPeople) })
    }

    public func generate(into output: URL, progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Summary {
        try options.validate()
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: output.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw GeneratorError.outputNotWritable(path: output.path, reason: "it is a file, not a folder") }
            guard (try? fileManager.contentsOfDirectory(atPath: output.path))?.isEmpty ?? false else {
                throw GeneratorError.outputNotEmpty(path: output.path)
            }
        }
        let work = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        do {
            try fileManager.createDirectory(at: work, withIntermediateDirectories: true)
        } catch {
            throw GeneratorError.outputNotWritable(path: output.deletingLastPathComponent().path, reason: "the folder cannot be created")
        }
        do {
            let summary = try await generate(in: work, progress: progress)
            if fileManager.fileExists(atPath: output.path) { try fileManager.removeItem(at: output) }
            try fileManager.moveItem(at: work, to: output)
            return Summary(folder: output, families: summary.families, people: summary.people, files: summary.files)
        } catch {
            try? fileManager.removeItem(at: work)
            throw error
        }
    }

    private func generate(in folder: URL, progress: @escaping @Sendable (String) -> Void) async throws -> Summary {
        let plan = try PopulationPlan(scale: options.scale, regionScales: options.regionScales, seed: options.seed)
        let province = plan.tree.roots[0]
        let origins = try ReferenceData.nationalRegions()
            .filter { $0.level == "kecamatan" && !$0.code.hasPrefix("52.") }
            .map { $0.code.replacingOccurrences(of: ".", with: "") }
        let jobs = plan.regencies.map {
            RegencyJob(regency: $0, province: province, tree: plan.tree, options: options, folder: folder, migrantOrigins: origins)
        }
        var results: [RegionCode: RegencyJob.Result] = [:]
        try await withThrowingTaskGroup(of: RegencyJob.Result.self) { group in
            var pending = jobs[...]
            for _ in 0..<max(1, options.parallelism) {
                guard let job = pending.popFirst() else { break }
                group.addTask { try job.run() }
            }
            while let result = try await group.next() {
                results[result.regency] = result
                progress("\(plan.tree[result.regency]?.name ?? result.regency.dotted): \(result.families) keluarga, \(result.people) jiwa")
                if let job = pending.popFirst() { group.addTask { try job.run() } }
            }
        }
        let ordered = plan.regencies.compactMap { results[$0.region.code] }
        let truth = TruthAssembler(tree: plan.tree, options: options).assemble(ordered)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(truth).write(to: folder.appendingPathComponent("truth.json"))
        let files = truth.layouts.values.flatMap { $0.files.map(\.name) }.sorted() + ["truth.json"]
        return Summary(folder: folder, families: truth.generatedFamilies, people: truth.generatedPeople, files: files)
    }
}
