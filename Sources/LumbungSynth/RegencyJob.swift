import Foundation
import LumbungDomain

/// Generates one kabupaten/kota: its families, village by village, into its own files.
///
/// Release 1 streams village by village (memory bounded by one village). A later release first makes release 1 of the
/// whole kabupaten/kota in memory, lets it live the years up to the release (`ReleaseChain`), then writes it: memory is
/// bounded by one kabupaten/kota (families move only between the desa of their kabupaten/kota).
struct RegencyJob: Sendable {
    let regency: PopulationPlan.Regency
    let province: Region
    let tree: RegionTree
    let options: GeneratorOptions
    let folder: URL
    let migrantOrigins: [String]

    struct Result: Sendable {
        let regency: RegionCode
        var families = 0
        var people = 0
        var layouts: [SynthLayout: (files: [Truth.File], recorder: LayoutRecorder)] = [:]
        var programs: [RegionCode: ProgramTally] = [:]
        /// Per region of the kabupaten/kota (desa, kecamatan, itself), for release N ≥ 2.
        var releaseDiff: [RegionCode: TruthReleaseDiff] = [:]
    }

    /// Release 1 of one village: its families (enrolled), its dusun names and whether it takes part in Desa Berdaya.
    struct FirstRelease {
        var families: [SynthFamily]
        let dusuns: [String]
        let desaBerdaya: Bool
    }

    func run() throws -> Result {
        let compact = regency.region.code.compact
        // The writers see the release's own data date (ages, programme year).
        var written = options
        written.asOf = options.dataDate
        var writers: [(SynthLayout, any LayoutWriter)] = []
        for layout in options.layouts.sorted() {
            let writer: any LayoutWriter = switch layout {
            case .dtsen: try DTSENLayout(folder: folder, regency: compact, format: options.format, options: written)
            case .p3ke: try P3KELayout(folder: folder, regency: regency.region, format: options.format, options: written)
            case .siksng: try SIKSNGLayout(folder: folder, regency: compact, format: options.format, options: written, tree: tree)
            case .programs: try ProgramLayout(folder: folder, regency: compact, format: options.format, options: written)
            case .dtsenART: try DTSENARTLayout(folder: folder, regency: compact, format: options.format, options: written)
            case .desaPenduduk: try DesaPendudukLayout(folder: folder, format: options.format, options: written)
            case .bdt2015: try BDT2015Layout(folder: folder, regency: compact, format: options.format, options: written)
            case .regsosek: try RegsosekLayout(folder: folder, regency: compact, format: options.format, options: written)
            }
            writers.append((layout, writer))
        }
        var result = Result(regency: regency.region.code)
        if options.release == 1 {
            for village in regency.villages {
                try write(firstRelease(of: village).families, of: village, to: writers, result: &result)
            }
        } else {
            var chain = ReleaseChain(regency: regency, seed: options.seed, firstReleases: regency.villages.map(firstRelease(of:)))
            for release in 2...options.release {
                let counting = release == options.release
                chain.advance(to: release, from: options.dataDate(release: release - 1), until: options.dataDate(release: release),
                              countingChanges: counting)
            }
            for (index, village) in regency.villages.enumerated() {
                try write(chain.villages[index], of: village, to: writers, result: &result)
                chain.villages[index] = []
            }
            result.releaseDiff = chain.changes
        }
        for (layout, writer) in writers {
            result.layouts[layout] = try writer.finish()
        }
        return result
    }

    /// Release 1 of `village`, drawn exactly as the generator always drew it.
    func firstRelease(of village: PopulationPlan.Village) -> FirstRelease {
        var random = SynthRandom(seed: options.seed, stream: "village/\(village.region.code.dotted)")
        var factory = FamilyFactory(village: village, regency: regency, asOf: options.asOf, migrantOrigins: migrantOrigins, random: &random)
        let desaBerdaya = ProgramAssignment.isDesaBerdayaVillage(&random)
        var families: [SynthFamily] = []
        var people = 0
        while true {
            var family = factory.makeFamily(random: &random)
            // Stop at the family that would overshoot the target by more than leaving it out falls short.
            let after = people + family.members.count
            if people > 0 && after > village.targetPeople && after - village.targetPeople > village.targetPeople - people { break }
            ProgramAssignment.enroll(&family, asOf: options.asOf, desaBerdaya: desaBerdaya, random: &random)
            families.append(family)
            people += family.members.count
            if people >= village.targetPeople { break }
        }
        return FirstRelease(families: families, dusuns: factory.dusuns, desaBerdaya: desaBerdaya)
    }

    /// Writes the families of one village into every layout, tallying programmes and counts.
    private func write(_ families: [SynthFamily], of village: PopulationPlan.Village, to writers: [(SynthLayout, any LayoutWriter)],
                       result: inout Result) throws {
        let context = VillageContext(plan: village, province: province, regency: regency.region)
        let prefix = options.release == 1 ? "" : "release-\(options.release)/"
        var layoutRandoms = writers.map { SynthRandom(seed: options.seed, stream: "\(prefix)village/\(village.region.code.dotted)/\($0.0.rawValue)") }
        var programs = ProgramTally()
        var people = 0
        for family in families {
            programs.add(family)
            for index in writers.indices {
                try writers[index].1.write(family, village: context, random: &layoutRandoms[index])
            }
            people += family.members.count
            result.families += 1
        }
        result.people += people
        result.programs[village.region.code] = programs
    }
}
