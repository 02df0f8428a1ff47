import LumbungDomain

/// Puts the kabupaten/kota results together into `truth.json`: village tallies summed up to every
/// kecamatan, kabupaten/kota and the province.
struct TruthAssembler {
    let tree: RegionTree
    let options: GeneratorOptions

    func assemble(_ results: [RegencyJob.Result]) -> Truth {
        var layouts: [String: Truth.Layout] = [:]
        var faults: [Truth.Fault] = []
        var duplicates: [Truth.DuplicatePair] = []
        for layout in options.layouts.sorted() {
            var files: [Truth.File] = []
            var villages: [RegionCode: RegionTally] = [:]
            var flags: [RegionCode: [String: Int]] = [:]
            for result in results {
                guard let (layoutFiles, recorder) = result.layouts[layout] else { continue }
                files += layoutFiles
                villages.merge(recorder.tallies) { first, _ in first }
                flags.merge(recorder.programmeFlags) { first, _ in first }
                faults += recorder.faults
                duplicates += recorder.duplicates
            }
            guard layout != .programs else {
                layouts[layout.rawValue] = Truth.Layout(files: files, regions: [:])
                continue
            }
            var written = Truth.Layout(files: files, regions: rollUp(villages, empty: RegionTally()) { $0.merge($1) })
            if layout == .dtsen {
                written.programmeFlags = rollUp(flags, empty: [:]) { sum, village in sum.merge(village, uniquingKeysWith: +) }
            }
            layouts[layout.rawValue] = written
        }
        var programVillages: [RegionCode: ProgramTally] = [:]
        for result in results { programVillages.merge(result.programs) { first, _ in first } }
        var generator = Truth.Generator(
            seed: options.seed, scale: options.scale, format: options.format, layouts: options.layouts.sorted(),
            asOf: options.dataDate, faultRates: options.faultRates,
            regionScales: options.regionScales.isEmpty ? nil
                : Dictionary(uniqueKeysWithValues: options.regionScales.map { ($0.key.dotted, $0.value) }))
        var releaseDiff: [String: TruthReleaseDiff]?
        if options.release > 1 {
            generator.release = options.release
            generator.previousAsOf = options.dataDate(release: options.release - 1)
            // Families stay in their kabupaten/kota: the province is the sum of its kabupaten/kota.
            var diff: [String: TruthReleaseDiff] = [:]
            var province = TruthReleaseDiff()
            for result in results {
                for (code, change) in result.releaseDiff { diff[code.dotted] = change }
                if let regency = result.releaseDiff[result.regency] { province.merge(regency) }
            }
            if let root = tree.roots.first { diff[root.code.dotted] = province }
            releaseDiff = diff
        }
        return Truth(
            generator: generator,
            generatedFamilies: results.reduce(0) { $0 + $1.families },
            generatedPeople: results.reduce(0) { $0 + $1.people },
            layouts: layouts,
            programs: rollUp(programVillages, empty: ProgramTally()) { $0.merge($1) },
            faults: faults,
            duplicates: duplicates,
            releaseDiff: releaseDiff)
    }

    /// Every region of the tree, by dotted code, with the sum of its villages.
    private func rollUp<T>(_ villages: [RegionCode: T], empty: T, merge: (inout T, T) -> Void) -> [String: T] {
        Dictionary(uniqueKeysWithValues: RegionRollUp.sums(villages, over: tree, empty: empty, merge: merge).map { ($0.key.dotted, $0.value) })
    }
}
