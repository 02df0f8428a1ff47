import Foundation
import LumbungDomain

/// Generates one kabupaten/kota: its families, village by village, into its own files.
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
    }

    func run() throws -> Result {
        let compact = regency.region.code.compact
        var writers: [(SynthLayout, any LayoutWriter)] = []
        for layout in options.layouts.sorted() {
            let writer: any LayoutWriter = switch layout {
            case .dtsen: try DTSENLayout(folder: folder, regency: compact, format: options.format, options: options)
            case .p3ke: try P3KELayout(folder: folder, regency: regency.region, format: options.format, options: options)
            case .siksng: try SIKSNGLayout(folder: folder, regency: compact, format: options.format, options: options, tree: tree)
            case .programs: try ProgramLayout(folder: folder, regency: compact, format: options.format, options: options)
            case .dtsenART: try DTSENARTLayout(folder: folder, regency: compact, format: options.format, options: options)
            case .desaPenduduk: try DesaPendudukLayout(folder: folder, format: options.format, options: options)
            case .bdt2015: try BDT2015Layout(folder: folder, regency: compact, format: options.format, options: options)
            case .regsosek: try RegsosekLayout(folder: folder, regency: compact, format: options.format, options: options)
            }
            writers.append((layout, writer))
        }
        var result = Result(regency: regency.region.code)
        for village in regency.villages {
            let context = VillageContext(plan: village, province: province, regency: regency.region)
            var random = SynthRandom(seed: options.seed, stream: "village/\(village.region.code.dotted)")
            var layoutRandoms = writers.map { SynthRandom(seed: options.seed, stream: "village/\(village.region.code.dotted)/\($0.0.rawValue)") }
            var factory = FamilyFactory(village: village, regency: regency, asOf: options.asOf, migrantOrigins: migrantOrigins, random: &random)
            let desaBerdaya = ProgramAssignment.isDesaBerdayaVillage(&random)
            var programs = ProgramTally()
            var people = 0
            while true {
                var family = factory.makeFamily(random: &random)
                // Stop at the family that would overshoot the target by more than leaving it out falls short.
                let after = people + family.members.count
                if people > 0 && after > village.targetPeople && after - village.targetPeople > village.targetPeople - people { break }
                ProgramAssignment.enroll(&family, asOf: options.asOf, desaBerdaya: desaBerdaya, random: &random)
                programs.add(family)
                for index in writers.indices {
                    try writers[index].1.write(family, village: context, random: &layoutRandoms[index])
                }
                people += family.members.count
                result.families += 1
                if people >= village.targetPeople { break }
            }
            result.people += people
            result.programs[village.region.code] = programs
        }
        for (layout, writer) in writers {
            result.layouts[layout] = try writer.finish()
        }
        return result
    }
}
